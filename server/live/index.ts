/**
 * Live updates on the wall's HTTP server: Socket.IO at /socket.io, served by the app itself.
 * A connection is admitted by the same token as HTTP, from the server's own origin (or one
 * configured), within a number of connections per token (or per address when reads are open);
 * when its token is revoked it is closed at once.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { LIVE_EVENTS, LIVE_LIMITS } from '../../data/schema/live.ts';
import type { Pack } from '../../data/schema/pack.ts';
import type { SecurityEvent } from '../access/security-log.ts';
import type { AttentionHub } from '../attention/attention-hub.ts';
import type { LiveAdmission } from '../http/access.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import type { Store } from '../store/store.ts';
import { startLiveHub, type LiveHub } from './live-hub.ts';

export { COALESCE, type LiveHub } from './live-hub.ts';

export interface Live {
  io: Server;
  hub: LiveHub;
  close(): Promise<void>;
}

export interface LiveGate {
  /** Who a handshake is (its token: the wall's cookie, or `auth.token` for API clients), or null: refused. */
  admit(handshake: IncomingMessage, token: string | undefined): LiveAdmission | null;
  /** Origins allowed besides the server's own (IOC_ALLOWED_ORIGINS). */
  origins: string[];
  addressOf(req: IncomingMessage): string;
  onRevoke(listener: (credentialId: number) => void): () => void;
  record(event: SecurityEvent): void;
}

/** A gate that lets everyone in (tests of the live protocol itself). */
export const OPEN_GATE: LiveGate = {
  admit: (req) => ({ credential: null, holder: `address:${req.socket.remoteAddress}` }),
  origins: [],
  addressOf: (req) => req.socket.remoteAddress ?? 'unknown',
  onRevoke: () => () => {},
  record: () => {},
};

/** A browser's Origin must be this server (as the browser reached it) or one allowed; other clients send none. */
function sameOrigin(req: IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function attachLive(
  http: HttpServer,
  wall: { store: Store; pack: Pack; reference: RollupReference; queryTimeoutMs?: number; attention?: AttentionHub },
  gate: LiveGate = OPEN_GATE,
): Live {
  const io = new Server(http, {
    serveClient: false,
    // Messages are subscriptions: small.
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, callback) => {
      if (sameOrigin(req, gate.origins)) return callback(null, true);
      gate.record({ kind: 'origin_refused', actor: null, action: 'live connect', client: gate.addressOf(req), detail: `Origin ${req.headers.origin}` });
      callback('origin not allowed', false);
    },
  });
  const connections = new Map<string, number>();
  io.use((socket, next) => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    const client = gate.addressOf(socket.request);
    const admitted = gate.admit(socket.request, token);
    if (!admitted) {
      if (token ?? socket.request.headers.cookie) gate.record({ kind: 'unauthenticated', actor: null, action: 'live connect', client, detail: 'unknown or revoked token' });
      return next(new Error('unauthenticated: a viewer token is needed'));
    }
    const cap = admitted.credential ? LIVE_LIMITS.connectionsPerToken : LIVE_LIMITS.connectionsPerAddress;
    const open = connections.get(admitted.holder) ?? 0;
    if (open >= cap) {
      gate.record({ kind: 'live_refused', actor: admitted.credential?.name ?? null, action: 'live connect', client, detail: `already ${open} connections (at most ${cap})` });
      return next(new Error(`too many connections: at most ${cap} for one ${admitted.credential ? 'token' : 'address'}`));
    }
    connections.set(admitted.holder, open + 1);
    socket.data.credentialId = admitted.credential?.id ?? null;
    socket.once('disconnect', () => {
      const left = (connections.get(admitted.holder) ?? 1) - 1;
      if (left <= 0) connections.delete(admitted.holder);
      else connections.set(admitted.holder, left);
    });
    next();
  });
  // Revocation bites at once: the token's open connections are closed.
  const stopRevoking = gate.onRevoke((id) => {
    for (const socket of io.of('/').sockets.values()) if (socket.data.credentialId === id) socket.disconnect(true);
  });
  const hub = startLiveHub(io, wall.store, wall.pack, wall.reference, wall.queryTimeoutMs);
  // The attention list goes to every wall as it changes, and to a new connection as it stands.
  const stopAttention = wall.attention?.onUpdate((answer) => io.emit(LIVE_EVENTS.attention, answer)) ?? (() => {});
  io.on('connection', (socket) => {
    const current = wall.attention?.current;
    if (current) socket.emit(LIVE_EVENTS.attention, current);
  });
  return {
    io,
    hub,
    close: async () => {
      stopRevoking();
      stopAttention();
      await hub.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
