/** A real HTTP server on an ephemeral loopback port, for tests. */
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { readConfig } from '../../server/config.ts';
import { createApp } from '../../server/http/app.ts';
import { loadPack } from '../../server/reference/load-pack.ts';

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const config = readConfig({ IOC_CLIENT_DIR: inject('clientDir') });
  const app = createApp({ pack: loadPack(config.packDir), boundariesFile: config.boundariesFile, clientDir: config.clientDir });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
