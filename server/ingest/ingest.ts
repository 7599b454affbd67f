/**
 * The one validated path by which figures enter the store, for uploads, the CLI, the pack's
 * real figures and the demo generator alike: stage → validate → commit, on the store's writer
 * connection, so batches never interleave.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { formerProvinceParts, type Pack } from '../../data/schema/pack.ts';
import { today } from '../../data/schema/period.ts';
import type { Rejection } from '../../data/schema/rejection.ts';
import type { Store } from '../store/store.ts';
import { commitBatch, type BatchCounts, type BatchMeta } from './commit.ts';
import { formatOf } from './format.ts';
import { createStage, stageFile, type InputFile } from './stage.ts';
import { readRejections, validateStage } from './validate.ts';

/** How many rejections a report carries; all of them are stored with the batch. */
export const REPORTED_REJECTIONS = 200;

export interface BatchReport extends BatchCounts {
  fileName: string;
  rejections: Rejection[];
}

/**
 * Adds the faults found while reading the file to `rejections`, replacing what validation said of
 * the same cells (a cell that could not be read is reported once, for what it is, not also for
 * what it then lacks). By appender and two set-based statements: one statement a row, a million
 * refusals held the single writer for 20 minutes.
 */
async function addRejections(connection: DuckDBConnection, list: Rejection[]): Promise<void> {
  await connection.run('CREATE OR REPLACE TEMP TABLE read_faults (row_number INTEGER, column_name VARCHAR, value VARCHAR, code VARCHAR, params VARCHAR)');
  const appender = await connection.createAppender('read_faults', 'main', 'temp');
  const text = (v: string | null) => (v === null ? appender.appendNull() : appender.appendVarchar(v));
  for (const r of list) {
    if (r.row === null) appender.appendNull();
    else appender.appendInteger(r.row);
    text(r.column);
    text(r.value);
    appender.appendVarchar(r.code);
    appender.appendVarchar(JSON.stringify(r.params));
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(
    `DELETE FROM rejections r WHERE EXISTS (SELECT 1 FROM read_faults f
       WHERE f.row_number IS NOT NULL AND f.row_number = r.row_number AND (f.column_name IS NULL OR f.column_name = r.column_name))`,
  );
  await connection.run('INSERT INTO rejections SELECT row_number, column_name, value, code, params::JSON FROM read_faults');
}

async function ingestStaged(connection: DuckDBConnection, pack: Pack, input: InputFile, meta: BatchMeta, now?: Date) {
  const staged = await stageFile(connection, input, pack.timezone);
  const fileFaults = staged.rejections.some((r) => r.row === null);
  if (fileFaults) {
    await connection.run(
      'CREATE OR REPLACE TEMP TABLE rejections (row_number INTEGER, column_name VARCHAR, value VARCHAR, code VARCHAR, params JSON)',
    );
  } else {
    await validateStage(connection, {
      timezone: pack.timezone,
      reorganisation: pack.reorganisation,
      demo: meta.demo,
      now,
      formerParts: formerProvinceParts(pack),
      province: pack.units.find((u) => u.parentCode === null)!.name,
    });
  }
  await addRejections(connection, staged.rejections);
  const counts = await commitBatch(connection, meta, staged.rowsTotal, today(pack.timezone, now));
  return { ...counts, rejections: await readRejections(connection, REPORTED_REJECTIONS) };
}

export async function ingestFile(
  store: Store,
  pack: Pack,
  input: InputFile,
  meta: BatchMeta,
  now?: Date,
): Promise<BatchReport> {
  // DuckDB reads CSV from disk; an uploaded CSV goes to a private temp file first.
  let tempDir: string | null = null;
  let file = input;
  if (!input.path && input.bytes && formatOf(input.fileName) === 'csv') {
    tempDir = mkdtempSync(join(tmpdir(), 'ioc-upload-'));
    file = { ...input, path: join(tempDir, 'upload.csv') };
    writeFileSync(file.path!, input.bytes);
  }
  try {
    const report = await store.exclusive((connection) => ingestStaged(connection, pack, file, meta, now));
    if (report.footprint) store.notifyCommit(report.footprint);
    return { fileName: input.fileName, ...report };
  } finally {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

/**
 * An upload refused before it was read (too large to take in): on record as a rejected batch with
 * its reason, and in the audit log, through the same commit as every batch.
 */
export async function refuseUpload(store: Store, pack: Pack, meta: BatchMeta, reason: Rejection): Promise<BatchReport> {
  const report = await store.exclusive(async (connection) => {
    await createStage(connection);
    await connection.run(
      'CREATE OR REPLACE TEMP TABLE rejections (row_number INTEGER, column_name VARCHAR, value VARCHAR, code VARCHAR, params JSON)',
    );
    await addRejections(connection, [reason]);
    const counts = await commitBatch(connection, meta, 0, today(pack.timezone));
    return { ...counts, rejections: [reason] };
  });
  return { fileName: meta.fileName, ...report };
}
