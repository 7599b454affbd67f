/** `npm start`: loads the province pack and serves the wall. */
import { readConfig } from './config.ts';
import { loadPack } from './reference/load-pack.ts';
import { createApp } from './http/app.ts';

const config = readConfig();
const pack = loadPack(config.packDir);
const app = createApp({ pack, boundariesFile: config.boundariesFile, clientDir: config.clientDir });
const server = app.listen(config.port, config.host, () => {
  console.log(`Health IOC wall (${pack.name.vi}) on http://localhost:${config.port}/`);
});
server.on('error', (err) => {
  console.error(`Cannot listen on ${config.host}:${config.port}: ${err.message}`);
  process.exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
