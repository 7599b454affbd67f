/** `npm start`: opens (on first start, builds) the database and serves the wall. */
import { readConfig } from './config.ts';
import { openWall } from './bootstrap.ts';
import type { AddressInfo } from 'node:net';
import { Access } from './access/access.ts';
import { Briefings } from './briefing/briefings.ts';
import { liveGateFor } from './http/access.ts';
import { SecurityLog } from './access/security-log.ts';
import { createApp } from './http/app.ts';
import { attachLive } from './live/index.ts';

const config = readConfig();
const wall = await openWall(config, { log: (line) => console.log(line) }).catch((err: Error) => {
  console.error(`Cannot start: ${err.message}`);
  process.exit(1);
});
const briefings = new Briefings(config.briefingDir, wall.pack.timezone, `Trung tâm điều hành y tế ${wall.pack.name.vi}`);
const access = await Access.open(wall.store);
const first = await access.firstStart();
const security = new SecurityLog(wall.store);
const app = createApp({ ...wall, ...config, briefings, access, security });
const server = app.listen(config.port, config.host, () => {
  console.log(`Health IOC wall (${wall.pack.name.vi}) on http://localhost:${config.port}/  database ${config.databaseFile}`);
  if (first) {
    // Shown this once: only the tokens' hashes are stored.
    console.log(`\nFirst start: two tokens were made. Keep them; they are not shown again.`);
    console.log(`  Wall display (viewer), open once on the wall PC: http://localhost:${config.port}/?kiosk=1&token=${first.display}`);
    console.log(`  Administrator: ${first.admin}`);
    console.log(`    e.g. curl -H "Authorization: Bearer ${first.admin}" http://localhost:${config.port}/api/admin/tokens\n`);
  }
  // Chromium renders briefings from the server itself, over loopback.
  briefings.serveFrom(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, access.internalToken('briefing renderer', 'viewer'));
  if (config.briefingAt) briefings.schedule(config.briefingAt, (line) => console.log(line));
});
const live = attachLive(server, wall, liveGateFor(access, security, config));
server.on('error', (err) => {
  console.error(`Cannot listen on ${config.host}:${config.port}: ${err.message}`);
  process.exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () =>
    void live.close().then(async () => {
      await security.flush();
      security.close();
      wall.push.close();
      wall.attention.close();
      await wall.store.close();
      process.exit(0);
    }),
  );
