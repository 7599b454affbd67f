/**
 * The DuckDB file that holds everything: opened, migrated, and used through one writer
 * connection whose work is queued, so batches never interleave.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { migrations } from './migrations.ts';

export type Params = DuckDBValue[];
export type Row = Record<string, unknown>;

/** What a committed batch changed: which indicators, units (with their ancestors) and days. */
export interface BatchFootprint {
  batchId: number;
  /** ms since the epoch, taken when the transaction committed. */
  committedAt: number;
  indicators: string[];
  unitCodes: string[];
  from: string;
  to: string;
  /** 'targets': a target changed, not a figure (statuses move, figures do not); absent for a batch. */
  cause?: 'targets';
  /** For a batch: the facts stored and its time as the store holds them once it commits (/api/health is current at once). */
  stored?: { facts: number; batchAt: string };
}

export interface Store {
  readonly path: string;
  /** Runs work on the writer connection after all work queued before it. */
  exclusive<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
  /**
   * A read on a connection of its own, which sees committed data only. With a time limit, a read
   * still queued or running when it passes is dropped or interrupted and fails with QueryTimeout.
   */
  query<T extends Row = Row>(sql: string, params?: Params, options?: QueryOptions): Promise<T[]>;
  checkpoint(): Promise<void>;
  /** Committed batches are announced here, in commit order. */
  onCommit(listener: (footprint: BatchFootprint) => void): () => void;
  notifyCommit(footprint: BatchFootprint): void;
  /**
   * Refuses new work, stops the reads under way, lets a batch under way finish, then closes.
   * Closing under a running query crashes DuckDB's native code, so nothing closes before this.
   */
  close(): Promise<void>;
}

export interface QueryOptions {
  /** Milliseconds from the call (waiting included) after which the read is given up. */
  timeoutMs?: number;
}

/** Work asked of a store that is closing or closed. */
export class StoreClosed extends Error {
  constructor() {
    super('the database is closing');
  }
}

/** A read that took longer than its time limit, and was stopped. */
export class QueryTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the query took longer than ${timeoutMs / 1000} s and was stopped`);
  }
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

export interface StoreOptions {
  /** DuckDB's memory cap (e.g. "400MB"); past it, DuckDB spills to disk rather than grow. */
  memoryLimit?: string;
  /** Reader connections, so that the several views of one screen run side by side. */
  readers?: number;
}

export async function openStore(path: string, options: StoreOptions = {}): Promise<Store> {
  let instance: DuckDBInstance;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    instance = await DuckDBInstance.create(path, options.memoryLimit ? { memory_limit: options.memoryLimit } : {});
  } catch (err) {
    throw new Error(`Cannot open the database file ${path}: ${(err as Error).message}`);
  }
  const writer = await instance.connect();
  const readers = await Promise.all(Array.from({ length: options.readers ?? 2 }, () => instance.connect()));
  // Each reader runs one query at a time, in order, so that a timed-out query is the one interrupted.
  const lines: Promise<unknown>[] = readers.map(() => Promise.resolve());
  const pending = readers.map(() => 0);
  await migrate(writer);
  let closing: Promise<void> | null = null;
  const query = <T extends Row>(sql: string, params?: Params, { timeoutMs }: QueryOptions = {}): Promise<T[]> => {
    if (closing) return Promise.reject(new StoreClosed());
    const i = pending.indexOf(Math.min(...pending));
    pending[i]!++;
    let state: 'queued' | 'running' | 'settled' = 'queued';
    let interrupted = false;
    return new Promise<T[]>((resolve, reject) => {
      const timer =
        timeoutMs === undefined
          ? null
          : setTimeout(() => {
              if (state === 'queued') {
                state = 'settled';
                reject(new QueryTimeout(timeoutMs));
              } else if (state === 'running') {
                interrupted = true;
                readers[i]!.interrupt();
              }
            }, timeoutMs);
      lines[i] = lines[i]!.then(async () => {
        if (state === 'settled') return;
        if (closing) {
          state = 'settled';
          if (timer) clearTimeout(timer);
          return reject(new StoreClosed());
        }
        state = 'running';
        try {
          resolve(await rows<T>(readers[i]!, sql, params));
        } catch (err) {
          reject(interrupted ? new QueryTimeout(timeoutMs!) : err);
        } finally {
          state = 'settled';
          if (timer) clearTimeout(timer);
        }
      }).finally(() => pending[i]!--);
    });
  };

  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> => {
    if (closing) return Promise.reject(new StoreClosed());
    const next = queue.then(() => work(writer));
    queue = next.catch(() => undefined);
    return next;
  };
  const commits = new EventEmitter();
  return {
    path,
    exclusive,
    onCommit(listener) {
      commits.on('commit', listener);
      return () => commits.off('commit', listener);
    },
    notifyCommit: (footprint) => commits.emit('commit', footprint),
    query,
    checkpoint: () => exclusive(async (c) => void (await c.run('CHECKPOINT'))),
    close() {
      closing ??= (async () => {
        for (const reader of readers) reader.interrupt();
        await Promise.allSettled([...lines, queue]);
        writer.closeSync();
        for (const reader of readers) reader.closeSync();
        instance.closeSync();
      })();
      return closing;
    },
  };
}
