/** `npm start`: opens (on first start, builds) the database and serves the wall. */
import { readConfig } from './config.ts';
import { openWall } from './bootstrap.ts';
import { createApp } from './http/app.ts';
import { attachLive } from './live/index.ts';

const config = readConfig();
const wall = await openWall(config, { log: (line) => console.log(line) }).catch((err: Error) => {
  console.error(`Cannot start: ${err.message}`);
  process.exit(1);
});
const app = createApp({ ...wall, boundariesFile: config.boundariesFile, clientDir: config.clientDir });
const server = app.listen(config.port, config.host, () => {
  console.log(`Health IOC wall (${wall.pack.name.vi}) on http://localhost:${config.port}/  database ${config.databaseFile}`);
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
