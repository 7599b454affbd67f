/**
 * Who a request comes from: its peer address, or behind a trusted reverse proxy
 * (IOC_TRUST_PROXY) the client the proxy names in X-Forwarded-For, so that limits apply per
 * client and not to everyone behind the proxy. The same rule for Express and Socket.IO.
 */
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

export type TrustProxy = false | string[];

/** IOC_TRUST_PROXY: "off" (default), or addresses and subnets of the proxies ("loopback", "10.0.0.0/8", …). */
export function parseTrustProxy(text: string | undefined): TrustProxy {
  if (!text || text === 'off') return false;
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  proxyaddr.compile(list); // throws on a malformed address: better at start than per request
  return list;
}

/** The address of a request's client under a proxy setting (compiled once). */
export function clientAddressOf(trust: TrustProxy): (req: IncomingMessage) => string {
  if (!trust) return (req) => req.socket.remoteAddress ?? 'unknown';
  const trusted = proxyaddr.compile(trust);
  return (req) => proxyaddr(req, trusted);
}
