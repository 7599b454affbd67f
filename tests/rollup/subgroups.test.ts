/**
 * Breakdowns ("theo đối tượng"): every subgroup the catalogue declares can be asked for through
 * /api/rollup, and gives Σ over that subgroup only, checked against the raw facts; a complete
 * breakdown adds up to the total.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RollupRow } from '../../data/schema/view.ts';
import { loadDemoFigures } from '../../server/bootstrap.ts';
import { ingestCsv } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const { wall } = server;
  const only = wall.catalogue.indicators.filter((i) => Object.keys(i.subgroups).length > 0).map((i) => i.code);
  await loadDemoFigures(wall.store, wall.pack, wall.catalogue, { packDir: wall.config.packDir, demoDir: wall.config.demoDir, to: '2025-12-31', only });
}, 120_000);
afterAll(() => server.close());

const declared = () =>
  server.wall.catalogue.indicators.flatMap((i) =>
    Object.entries(i.subgroups).flatMap(([dimension, values]) => values.map((v) => ({ indicator: i.code, kind: i.kind, factor: i.factor, subgroup: `${dimension}:${v}` }))),
  );

async function rollup(query: string): Promise<RollupRow[]> {
  const res = await fetch(`${server.url}/api/rollup?${query}`);
  expect(res.status, query).toBe(200);
  return ((await res.json()) as { rows: RollupRow[] }).rows;
}

/** The oracle, straight from the facts: by area for 2025, counts summed, ratios Σ/Σ, stocks each series' last figure. */
async function raw(indicator: string, kind: string, subgroup: string | null) {
  const where = subgroup === null ? `f.subgroup = '' OR f.subgroup LIKE split_part($2, ':', 1) || ':%'` : 'f.subgroup = $2';
  const series = `SELECT a.ancestor_id, f.unit_id, f.facility_id, f.subgroup, ${
    kind === 'stock' ? 'arg_max(f.value, f.period_start) AS value, NULL AS n, NULL AS d' : 'sum(f.value) AS value, sum(f.numerator) AS n, sum(f.denominator) AS d'
  } FROM facts f JOIN unit_ancestors a ON a.unit_id = f.unit_id AND a.depth = 1
    WHERE f.indicator_id = (SELECT id FROM indicators WHERE code = $1) AND (${where})
      AND f.period_start >= '2025-01-01' AND f.period_end <= '2025-12-31'
    GROUP BY ALL`;
  const rows = await server.wall.store.query<{ area: string; value: number | null; n: number | null; d: number | null }>(
    `SELECT u.code AS area, sum(value)::DOUBLE AS value, sum(n)::DOUBLE AS n, sum(d)::DOUBLE AS d
     FROM (${series}) s JOIN units u ON u.id = s.ancestor_id GROUP BY u.code`,
    [indicator, subgroup ?? ':'],
  );
  return new Map(rows.map((r) => [r.area, r]));
}

describe('breakdowns through /api/rollup', () => {
  it('answer every declared subgroup of every indicator with Σ over that subgroup only, as the raw facts give it', async () => {
    const list = declared();
    expect(list.length).toBeGreaterThanOrEqual(9);
    for (const { indicator, kind, factor, subgroup } of list) {
      const rows = await rollup(`indicators=${indicator}&level=area&grain=year&from=2025&to=2025&subgroup=${subgroup}`);
      const oracle = await raw(indicator, kind, subgroup);
      expect(rows.length, `${indicator} ${subgroup}`).toBe(oracle.size);
      for (const r of rows) {
        const want = oracle.get(r.entity.code)!;
        const where = `${indicator} ${subgroup} ${r.entity.name}`;
        if (kind === 'ratio') {
          expect({ n: r.numerator, d: r.denominator }, where).toEqual({ n: want.n, d: want.d });
          expect(r.value, where).toBeCloseTo((want.n! / want.d!) * factor, 9);
        } else expect(r.value, where).toBe(want.value);
      }
    }
  });

  it('add up to the total where every value of the dimension is reported (female + male = all)', async () => {
    const byIndicator = new Map<string, string[]>();
    for (const d of declared()) byIndicator.set(d.indicator, [...(byIndicator.get(d.indicator) ?? []), d.subgroup]);
    for (const [indicator, subgroups] of byIndicator) {
      const total = await rollup(`indicators=${indicator}&level=area&grain=year&from=2025&to=2025`);
      const parts = await Promise.all(subgroups.map((s) => rollup(`indicators=${indicator}&level=area&grain=year&from=2025&to=2025&subgroup=${s}`)));
      for (const t of total) {
        const mine = parts.map((p) => p.find((r) => r.entity.code === t.entity.code));
        if (mine.some((r) => !r)) continue;
        const sum = (pick: (r: RollupRow) => number | null) => mine.reduce((s, r) => s + (pick(r!) ?? 0), 0);
        if (t.numerator !== null) expect({ n: sum((r) => r.numerator), d: sum((r) => r.denominator) }, `${indicator} ${t.entity.name}`).toEqual({ n: t.numerator, d: t.denominator });
        else expect(sum((r) => r.value), `${indicator} ${t.entity.name}`).toBe(t.value);
      }
    }
  });

  it('never count a total and its breakdown twice: one file with both is refused, and a later total replaces the stored breakdown', async () => {
    const { wall } = server;
    const both = await ingestCsv(wall, ['outpatient_visits,,TYT-22738,2025-08-05,,,100,,', 'outpatient_visits,,TYT-22738,2025-08-05,,,60,sex:female,']);
    expect(both.rejections).toEqual([expect.objectContaining({ row: 2, column: 'subgroup', code: 'total_and_breakdown', params: { dimension: 'sex', breakdown_row: 3 } })]);
    const breakdown = await ingestCsv(wall, ['outpatient_visits,,TYT-22738,2025-08-06,,,60,sex:female,', 'outpatient_visits,,TYT-22738,2025-08-06,,,40,sex:male,']);
    expect(breakdown.status).toBe('committed');
    const total = await ingestCsv(wall, ['outpatient_visits,,TYT-22738,2025-08-06,,,120,,']);
    expect(total).toMatchObject({ status: 'committed', rowsReplaced: 2 });
    const [day] = await rollup('indicators=outpatient_visits&level=facility&grain=day&from=2025-08-06&to=2025-08-06&parent=22738');
    expect(day).toMatchObject({ value: 120, facts: 1 });
  });
});
