/** `npm start`: opens (on first start, builds) the database and serves the wall. */
import { readConfig } from './config.ts';
import { openWall } from './bootstrap.ts';
import type { AddressInfo } from 'node:net';
import { Briefings } from './briefing/briefings.ts';
import { createApp } from './http/app.ts';
import { attachLive } from './live/index.ts';

const config = readConfig();
const wall = await openWall(config, { log: (line) => console.log(line) }).catch((err: Error) => {
  console.error(`Cannot start: ${err.message}`);
  process.exit(1);
});
const briefings = new Briefings(config.briefingDir, wall.pack.timezone, `Trung tâm điều hành y tế ${wall.pack.name.vi}`);
const app = createApp({ ...wall, boundariesFile: config.boundariesFile, clientDir: config.clientDir, briefings });
const server = app.listen(config.port, config.host, () => {
  console.log(`Health IOC wall (${wall.pack.name.vi}) on http://localhost:${config.port}/  database ${config.databaseFile}`);
  // Chromium renders briefings from the server itself, over loopback.
  briefings.serveFrom(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  if (config.briefingAt) briefings.schedule(config.briefingAt, (line) => console.log(line));
});
const live = attachLive(server, wall);
server.on('error', (err) => {
  console.error(`Cannot listen on ${config.host}:${config.port}: ${err.message}`);
  process.exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () =>
    void live.close().then(() => {
      wall.store.close();
      process.exit(0);
    }),
  );
