/**
 * Stages what a DHIS2 or ADX reader read as rows of our format, with where each cell came from
 * (`stage_origins`), so that the same checks run on them and a rejection names the sender's row
 * and field. The rows are the figures, plus the data values refused on the way.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ExchangeMapping } from '../../data/schema/exchange-mapping.ts';
import { COLUMNS } from '../ingest/format.ts';
import { appendRow, type StagedFile } from '../ingest/stage.ts';
import { figuresOf, type Notation } from './figures-of.ts';
import { fileFault, type Read } from './read-dhis2.ts';

export async function stageExchange(
  connection: DuckDBConnection,
  read: Read,
  notation: Notation,
  mapping: ExchangeMapping | null | undefined,
  timezone: string,
): Promise<StagedFile> {
  if (!mapping) return { rowsTotal: 0, rejections: [fileFault('exchange_no_mapping')] };
  if (read.faults.some((f) => f.row === null)) return { rowsTotal: 0, rejections: read.faults };
  const figures = figuresOf(read.values, mapping, notation, timezone);
  const rows = await connection.createAppender('stage', 'main', 'temp');
  const origins = await connection.createAppender('stage_origins', 'main', 'temp');
  try {
    for (const figure of figures.rows) {
      appendRow(rows, figure.row, (column) => figure.cells[column] ?? null, [...COLUMNS]);
      for (const origin of figure.origins) {
        origins.appendInteger(figure.row);
        origins.appendVarchar(origin.column);
        origins.appendInteger(origin.row);
        origins.appendVarchar(origin.field);
        origins.endRow();
      }
    }
  } finally {
    rows.closeSync();
    origins.closeSync();
  }
  const readerRefused = new Set(read.faults.map((f) => f.row)).size;
  return { rowsTotal: figures.rows.length + figures.refused + readerRefused, rejections: [...read.faults, ...figures.rejections] };
}
