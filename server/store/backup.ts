/**
 * Backup and restore of the DuckDB file.
 * Backup runs in the server, on its writer connection between batches (so no batch is half in
 * it): DuckDB copies the whole database into a new file, which is moved into place once complete.
 * Restore runs with the server stopped: the backup is opened and checked first, then put in the
 * database's place; the file it replaces is kept beside it.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { openStore, rows, type Store } from './store.ts';

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function backupTo(store: Store, file: string): Promise<{ file: string; facts: number; batches: number }> {
  mkdirSync(dirname(file), { recursive: true });
  const part = `${file}.part`;
  rmSync(part, { force: true });
  return store.exclusive(async (c) => {
    const [{ db }] = (await rows<{ db: string }>(c, 'SELECT current_database() AS db')) as [{ db: string }];
    // ATTACH takes no bound parameters: the path is quoted, and it is the server's own setting.
    await c.run(`ATTACH ${sqlString(part)} AS backup_target`);
    try {
      await c.run(`COPY FROM DATABASE "${db}" TO backup_target`);
      const [counts] = await rows<{ facts: number; batches: number }>(
        c,
        'SELECT (SELECT count(*) FROM backup_target.facts)::INTEGER AS facts, (SELECT count(*) FROM backup_target.batches)::INTEGER AS batches',
      );
      await c.run('DETACH backup_target');
      renameSync(part, file);
      return { file, ...counts! };
    } catch (err) {
      await c.run('DETACH DATABASE IF EXISTS backup_target');
      rmSync(part, { force: true });
      throw err;
    }
  });
}

/** Puts a checked backup in the database's place (the server must be stopped); returns where the old file went. */
export async function restoreFrom(backup: string, databaseFile: string): Promise<{ facts: number; previous: string | null }> {
  if (!existsSync(backup)) throw new Error(`no backup file ${backup}`);
  const trial = `${databaseFile}.restoring`;
  mkdirSync(dirname(databaseFile), { recursive: true });
  rmSync(trial, { force: true });
  copyFileSync(backup, trial);
  let facts: number;
  try {
    // Opening runs the migrations too, so a backup from an older version comes back current.
    const store = await openStore(trial);
    try {
      [{ facts }] = (await store.query<{ facts: number }>('SELECT count(*)::INTEGER AS facts FROM facts')) as [{ facts: number }];
    } finally {
      await store.close();
    }
  } catch (err) {
    rmSync(trial, { force: true });
    throw new Error(`${backup} is not a usable backup: ${(err as Error).message}`);
  }
  let previous: string | null = null;
  if (existsSync(databaseFile)) {
    // A running server holds the file's lock: opening it here fails, and nothing is touched.
    try {
      await (await openStore(databaseFile)).close();
    } catch (err) {
      rmSync(trial, { force: true });
      throw new Error(`stop the server before restoring: ${(err as Error).message}`);
    }
    previous = `${databaseFile}.before-restore`;
    renameSync(databaseFile, previous);
    if (existsSync(`${databaseFile}.wal`)) renameSync(`${databaseFile}.wal`, `${previous}.wal`);
  }
  renameSync(trial, databaseFile);
  return { facts, previous };
}
