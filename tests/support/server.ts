/** A real HTTP server on an ephemeral loopback port, over a test wall. */
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createApp } from '../../server/http/app.ts';
import { openTestWall, type TestWall } from './wall.ts';

export interface TestServer {
  url: string;
  wall: TestWall;
  close(): Promise<void>;
}

export async function startTestServer(wall?: TestWall): Promise<TestServer> {
  const own = wall ?? (await openTestWall());
  const app = createApp({ ...own, boundariesFile: own.config.boundariesFile, clientDir: inject('clientDir') });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    wall: own,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((err) => {
          if (!wall) own.close();
          return err ? reject(err) : resolve();
        }),
      ),
  };
}
