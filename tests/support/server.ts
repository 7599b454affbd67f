/** A real HTTP server on an ephemeral loopback port, over a test wall. */
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createApp } from '../../server/http/app.ts';
import { attachLive, type Live } from '../../server/live/index.ts';
import { openTestWall, type TestWall } from './wall.ts';

export interface TestServer {
  url: string;
  port: number;
  wall: TestWall;
  live: Live;
  close(): Promise<void>;
}

/** Serves a wall (its own, unless one is given) on a free port, or on `port` to stand in for a restarted server. */
export async function startTestServer(wall?: TestWall, port = 0): Promise<TestServer> {
  const own = wall ?? (await openTestWall());
  const app = createApp({ ...own, boundariesFile: own.config.boundariesFile, clientDir: inject('clientDir') });
  const server = app.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const live = attachLive(server, own);
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    wall: own,
    live,
    async close() {
      server.closeAllConnections();
      await live.close();
      if (!wall) own.close();
    },
  };
}
