/**
 * `npm run ingest -- <file> [--partial] [--sheet NAME] [--by NAME] [--source TEXT]`: loads a CSV, XLSX or JSON
 * file of figures (or a DHIS2 dataValueSet as JSON or CSV, or ADX XML) through the validated path and prints what landed and what was rejected.
 * Exit code 0 when the batch landed, 1 when it was rejected, 2 on bad usage.
 */
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { locateRejection } from '../../data/schema/rejection.ts';
import { readConfig } from '../config.ts';
import { openWall } from '../bootstrap.ts';
import { ingestFile } from '../ingest/index.ts';
import { runCliWork } from './run-cli-work.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    partial: { type: 'boolean', default: false },
    by: { type: 'string', default: process.env.USER ?? 'cli' },
    source: { type: 'string' },
    sheet: { type: 'string' },
    lang: { type: 'string', default: 'vi' },
  },
});
if (positionals.length !== 1) {
  console.error('usage: npm run ingest -- <file.csv|file.xlsx|file.json|file.xml> [--partial] [--sheet NAME] [--by NAME] [--source TEXT] [--lang vi|en]');
  process.exit(2);
}
const path = resolve(positionals[0]!);
const config = readConfig();
const fileName = basename(path);
const report = await runCliWork(async () => {
  const wall = await openWall({ ...config, demo: false });
  const made = await ingestFile(wall.store, wall.pack, { fileName, path, sheet: values.sheet, mapping: wall.exchangeMapping }, {
    channel: 'cli',
    submittedBy: values.by!,
    fileName,
    source: values.source ?? null,
    demo: false,
    acceptPartial: values.partial!,
  });
  // The batch's outbox entries are written before the store closes; the server sends them.
  await wall.push.enqueued();
  wall.push.close();
  await wall.store.checkpoint();
  await wall.store.close();
  return made;
}, config.databaseFile, config.databaseMemory);
const language = values.lang === 'en' ? 'en' : 'vi';
console.log(
  `batch ${report.id}: ${report.status} — ${report.rowsTotal} rows, ${report.rowsAccepted} accepted, ` +
    `${report.rowsRejected} rejected, ${report.rowsReplaced} replaced earlier figures`,
);
for (const r of report.rejections) console.log(`  ${locateRejection(fileName, r, language)}`);
if (report.rowsRejected > report.rejections.length)
  console.log(`  … and more: GET /api/batches/${report.id} lists them all`);
process.exit(report.status === 'committed' ? 0 : 1);
