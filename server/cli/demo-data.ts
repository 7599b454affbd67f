/**
 * `npm run demo-data -- [--scale N] [--to YYYY-MM-DD] [--db FILE]`: generates demo figures
 * (about three years up to --to, default yesterday) and ingests them flagged as demo.
 * --scale N adds N−1 demo reporting points per commune, for benchmark volumes (N=150: 10.3M facts, ~2 min).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { scalePack } from '../../data/generators/demo-world.ts';
import { readConfig } from '../config.ts';
import { loadDemoFigures, openWall } from '../bootstrap.ts';
import { runCliWork } from './run-cli-work.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    to: { type: 'string' },
    db: { type: 'string' },
    only: { type: 'string' },
  },
});
const scale = Number(values.scale);
if (!Number.isInteger(scale) || scale < 1) {
  console.error('--scale takes a whole number ≥ 1');
  process.exit(2);
}
// --db stands for IOC_DB: its demo files go beside it, not into the running wall's.
const config = readConfig(values.db ? { ...process.env, IOC_DB: resolve(values.db) } : process.env);
const databaseFile = config.databaseFile;
const started = Date.now();
const { reports, facts } = await runCliWork(async () => {
  const wall = await openWall({ ...config, databaseFile, demo: false }, { shapePack: (pack) => scalePack(pack, scale) });
  const loaded = await loadDemoFigures(wall.store, wall.pack, wall.catalogue, {
    packDir: config.packDir,
    demoDir: config.demoDir,
    to: values.to,
    only: values.only?.split(','),
  });
  await wall.store.checkpoint();
  const [count] = await wall.store.query<{ n: number }>('SELECT count(*)::BIGINT AS n FROM facts');
  wall.push.close();
  await wall.store.close();
  return { reports: loaded, facts: count };
}, databaseFile, config.databaseMemory);
const rows = reports.reduce((s, r) => s + r.rowsAccepted, 0);
const seconds = (Date.now() - started) / 1000;
console.log(`demo: ${rows.toLocaleString('en')} figures in ${reports.length} batches, ${seconds.toFixed(1)} s; ${Number(facts!.n).toLocaleString('en')} facts in ${databaseFile}`);
