/** A real HTTP server on an ephemeral loopback port, over a test wall. */
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { inject } from 'vitest';
import { join } from 'node:path';
import { Access } from '../../server/access/access.ts';
import { Briefings } from '../../server/briefing/briefings.ts';
import { liveGateFor } from '../../server/http/access.ts';
import { SecurityLog } from '../../server/access/security-log.ts';
import { createApp, type AppOptions } from '../../server/http/app.ts';
import { readConfig } from '../../server/config.ts';
import { attachLive, type Live } from '../../server/live/index.ts';
import { openTestWall, type TestWall } from './wall.ts';

export interface TestServer {
  url: string;
  port: number;
  wall: TestWall;
  live: Live;
  briefings: Briefings;
  access: Access;
  security: SecurityLog;
  /** The Express app itself, as the server builds it (its routes can be walked). */
  app: Express;
  /** Headers that upload as an editor. */
  editor: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Serves a wall (its own, unless one is given) on a free port, or on `port` to stand in for a
 * restarted server. Reads are open unless `security` says otherwise; writes need `editor`.
 */
export async function startTestServer(
  wall?: TestWall,
  port = 0,
  settings: Partial<Pick<AppOptions, 'openReads' | 'ingestPerMinute' | 'maxUpload' | 'trustProxy'>> = {},
): Promise<TestServer> {
  const own = wall ?? (await openTestWall());
  const briefings = new Briefings(join(own.dir, 'briefings'), own.pack.timezone, 'Trung tâm điều hành y tế Ninh Thuận');
  const access = await Access.open(own.store);
  const editor = await access.create('test editor', 'editor', 'test');
  // Reads open (as on a closed network), so tests read without tokens; writes need the editor's.
  const options = {
    openReads: true,
    ingestPerMinute: 10_000,
    maxUpload: readConfig({}).maxUpload,
    backupDir: join(own.dir, 'backups'),
    trustProxy: false as const,
    ...settings,
  };
  const security = new SecurityLog(own.store);
  const app = createApp({ ...own, ...options, boundariesFile: own.config.boundariesFile, clientDir: inject('clientDir'), briefings, access, security });
  const server = app.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const live = attachLive(server, own, liveGateFor(access, security, { ...options, allowedOrigins: [] }));
  const bound = (server.address() as AddressInfo).port;
  briefings.serveFrom(`http://127.0.0.1:${bound}`, access.internalToken('briefing renderer', 'viewer'));
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    wall: own,
    live,
    briefings,
    access,
    app,
    editor: { Authorization: `Bearer ${editor.token}` },
    security,
    async close() {
      server.closeAllConnections();
      await live.close();
      await security.flush();
      security.close();
      if (!wall) await own.close();
    },
  };
}
