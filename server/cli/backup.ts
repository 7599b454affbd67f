/**
 * `npm run backup -- --token ADMIN_TOKEN [--url http://localhost:8080]`: a consistent copy of the
 * database, taken by the running server between batches, into IOC_BACKUP_DIR (var/ioc/backups: beside IOC_DB).
 * `npm run restore -- --from FILE`: with the server stopped, puts a backup in the database's
 * place (IOC_DB) after checking it opens; the replaced file is kept as <IOC_DB>.before-restore.
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import { restoreFrom } from '../store/backup.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: 'http://localhost:8080' },
    token: { type: 'string', default: process.env.IOC_TOKEN },
    from: { type: 'string' },
  },
});

if (positionals[0] === 'restore') {
  if (!values.from) {
    console.error('Usage: npm run restore -- --from FILE');
    process.exit(2);
  }
  const config = readConfig();
  try {
    const done = await restoreFrom(values.from, config.databaseFile);
    console.log(`Restored ${values.from} into ${config.databaseFile}: ${done.facts.toLocaleString('en')} facts.${done.previous ? ` The replaced database is ${done.previous}.` : ''}`);
  } catch (err) {
    console.error(`Cannot restore: ${(err as Error).message}`);
    process.exit(1);
  }
} else {
  const res = await fetch(`${values.url!.replace(/\/$/, '')}/api/admin/backup`, {
    method: 'POST',
    headers: values.token ? { Authorization: `Bearer ${values.token}` } : {},
  }).catch((err: Error) => {
    console.error(`Cannot reach the server at ${values.url} (${err.message}); with the server stopped, copy the database file itself.`);
    process.exit(1);
  });
  const body = (await res.json()) as { file?: string; facts?: number; message?: string };
  if (!res.ok) {
    console.error(`${res.status}: ${body.message} (an admin token is needed: --token or IOC_TOKEN)`);
    process.exit(1);
  }
  console.log(`Backup ${body.file}: ${body.facts?.toLocaleString('en')} facts`);
}
