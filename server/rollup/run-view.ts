/** Answers a view: resolves its days against today, compiles it, runs it, and shapes the rows. */
import { resolveRange, type RollupAnswer, type View } from '../../data/schema/view.ts';
import type { Store } from '../store/store.ts';
import { compileCoverage, type CoverageRow } from './compile-coverage.ts';
import { compileView, type RollupReference } from './compile-view.ts';
import { presentRows, type BucketRow } from './present-rows.ts';

export class ViewError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('; '));
  }
}

/** `timeoutMs`: for reads a request asks for, past which the read is stopped (QueryTimeout). */
export async function runView(store: Store, reference: RollupReference, view: View, today: string, timeoutMs?: number): Promise<RollupAnswer> {
  const range = resolveRange(view, today);
  if ('error' in range) throw new ViewError([range.error]);
  const compiled = compileView(view, range, reference);
  if (compiled.errors.length > 0) throw new ViewError(compiled.errors);
  const coverage = compileCoverage(view, range, reference);
  const [buckets, reporters] = await Promise.all([
    store.query<BucketRow & Record<string, unknown>>(compiled.sql, compiled.params, { timeoutMs }),
    coverage ? store.query<CoverageRow & Record<string, unknown>>(coverage.sql, coverage.params, { timeoutMs }) : [],
  ]);
  const rows = presentRows(buckets, view, range, reference, reporters, today);
  return { view, range, rows };
}
