import { describe, expect, it } from 'vitest';
import { applyViewMessage } from '../../client/live/apply-view-message.ts';
import type { ViewMessage } from '../../data/schema/live.ts';
import { viewKey } from '../../data/schema/live.ts';
import type { RollupAnswer, RollupRow, View } from '../../data/schema/view.ts';
import { coalescer } from '../../server/live/coalescer.ts';
import { viewTouchedBy } from '../../server/live/touches.ts';

const view: View = { indicators: ['ehr_coverage'], level: 'commune', parent: '585', grain: 'month', from: '2025-01', to: '2025-12' };
const range = { from: '2025-01-01', to: '2025-12-31' };
const footprint = { batchId: 9, committedAt: 1, indicators: ['ehr_coverage'], unitCodes: ['58', '585', '22810'], from: '2025-03-01', to: '2025-03-31' };

describe('viewTouchedBy', () => {
  it.each([
    ['a batch of its indicator, days and parent', {}, true],
    ['another indicator', { indicators: ['dengue_cases'] }, false],
    ['days after the range', { from: '2026-01-01', to: '2026-01-31' }, false],
    ['days of the year before (the year-on-year change reads them)', { from: '2024-02-01', to: '2024-02-29' }, true],
    ['another area', { unitCodes: ['58', '584', '22795'] }, false],
  ])('%s: %s', (_title, change, touched) => {
    expect(viewTouchedBy(view, range, { ...footprint, ...change })).toBe(touched);
  });
});

describe('viewKey', () => {
  it('is the same whatever order the view was written in', () => {
    expect(viewKey({ grain: 'month', level: 'area', indicators: ['x'], last: 3 } as View)).toBe(viewKey({ indicators: ['x'], level: 'area', last: 3, grain: 'month' } as View));
  });
});

const row = (entity: string, value: number) => ({ indicator: 'x', entity: { code: entity }, period: { start: '2025-01-01' }, value }) as unknown as RollupRow;
const answer = (rows: RollupRow[]) => ({ view, range, rows }) as RollupAnswer;
const message = (m: Partial<ViewMessage>): ViewMessage => ({ key: 'k', version: 1, full: false, committedAt: 1, ...m });

describe('applyViewMessage', () => {
  const held = { version: 5, answer: answer([row('a', 1), row('b', 2)]) };
  it('replaces changed rows, adds new ones and drops removed ones', () => {
    const next = applyViewMessage(held, message({ version: 6, rows: [row('b', 3), row('c', 4)], removed: ['x|a|2025-01-01'] }));
    expect(next!.version).toBe(6);
    expect(next!.answer.rows.map((r) => [r.entity.code, r.value])).toEqual([['b', 3], ['c', 4]]);
  });
  it('drops a message older than what is held', () => {
    expect(applyViewMessage(held, message({ version: 4, rows: [row('a', 99)] }))).toBe(held);
  });
  it('takes a full answer as it is', () => {
    expect(applyViewMessage(undefined, message({ version: 2, full: true, answer: answer([row('z', 1)]) }))).toMatchObject({ version: 2 });
  });
});

describe('coalescer', () => {
  it('hands a burst over together, at most maxDelay after its first item', async () => {
    const flushed: number[][] = [];
    const c = coalescer<number>(async (items) => void flushed.push(items), { delay: 30, maxDelay: 100 });
    const started = Date.now();
    for (let i = 0; i < 10; i++) {
      c.push(i);
      await new Promise((r) => setTimeout(r, 15));
    }
    await c.settled();
    expect(flushed.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(flushed.length).toBeGreaterThanOrEqual(2); // the steady stream did not wait for a pause
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
