/**
 * The DuckDB file that holds everything: opened, migrated, and used through one writer
 * connection whose work is queued, so batches never interleave.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { migrations } from './migrations.ts';

export type Params = DuckDBValue[];
export type Row = Record<string, unknown>;

export interface Store {
  readonly path: string;
  /** Runs work on the writer connection after all work queued before it. */
  exclusive<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
  /** A read on a connection of its own, which sees committed data only. */
  query<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  checkpoint(): Promise<void>;
  close(): void;
}

export async function rows<T extends Row = Row>(connection: DuckDBConnection, sql: string, params?: Params): Promise<T[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjectsJS() as T[];
}

/** Runs work in one transaction: all of it lands, or none of it. */
export async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await connection.run('COMMIT');
    return result;
  } catch (err) {
    await connection.run('ROLLBACK');
    throw err;
  }
}

async function migrate(connection: DuckDBConnection): Promise<void> {
  await connection.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const [current] = await rows<{ v: number | null }>(connection, 'SELECT max(version) AS v FROM schema_version');
  for (let version = (current?.v ?? 0) + 1; version <= migrations.length; version++) {
    await inTransaction(connection, async () => {
      await connection.run(migrations[version - 1]!);
      await connection.run('INSERT INTO schema_version VALUES ($1)', [version]);
    });
  }
}

export async function openStore(path: string, options: { threads?: number } = {}): Promise<Store> {
  let instance: DuckDBInstance;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    instance = await DuckDBInstance.create(path, options.threads ? { threads: String(options.threads) } : {});
  } catch (err) {
    throw new Error(`Cannot open the database file ${path}: ${(err as Error).message}`);
  }
  const writer = await instance.connect();
  const reader = await instance.connect();
  await migrate(writer);

  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> => {
    const next = queue.then(() => work(writer));
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    path,
    exclusive,
    query: (sql, params) => rows(reader, sql, params),
    checkpoint: () => exclusive(async (c) => void (await c.run('CHECKPOINT'))),
    close() {
      writer.closeSync();
      reader.closeSync();
      instance.closeSync();
    },
  };
}
