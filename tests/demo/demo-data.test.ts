import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorsFromFigures, DEMO_SOURCE, writeDemoFiles } from '../../data/generators/demo.ts';
import { scalePack } from '../../data/generators/demo-world.ts';
import { loadDemoFigures } from '../../server/bootstrap.ts';
import { ingestCsv } from '../support/ingest.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

const TO = '2026-06-30';
let wall: TestWall;
beforeAll(async () => {
  wall = await openTestWall();
  await loadDemoFigures(wall.store, wall.pack, wall.catalogue, { packDir: wall.config.packDir, demoDir: wall.config.demoDir, to: TO });
}, 120_000);
afterAll(() => wall.close());

const rate = async (indicator: string, where: string) => {
  const [r] = await wall.store.query<{ pct: number | null; facts: number; demo: number }>(
    `SELECT sum(numerator) / sum(denominator) * 100 AS pct, count(*)::INTEGER AS facts, count(*) FILTER (WHERE is_demo)::INTEGER AS demo
     FROM facts f JOIN indicators i ON i.id = f.indicator_id JOIN unit_ancestors a ON a.unit_id = f.unit_id
     WHERE i.code = '${indicator}' AND ${where}`,
  );
  return r!;
};

describe('the demo generator', () => {
  it('is deterministic: the same pack and end date give byte-identical files', () => {
    const anchors = anchorsFromFigures([readFileSync(join(wall.config.packDir, 'figures/bc-syt-nt-2024h1.csv'), 'utf8')], wall.catalogue);
    const digest = (dir: string) =>
      writeDemoFiles({ pack: wall.pack, catalogue: wall.catalogue, anchors, to: TO, outDir: join(wall.dir, dir), only: ['dengue_cases', 'ehr_coverage'] }).map((f) =>
        createHash('sha256').update(readFileSync(f.path)).digest('hex'),
      );
    expect(digest('a')).toEqual(digest('b'));
  });

  it('marks every figure it makes as demo, with the DEMO source, from 1 January two years before its end date, at all six grains', async () => {
    const [r] = await wall.store.query<{ demo: number; unmarked: number; first: string; last: string; grains: number }>(
      `SELECT count(*)::INTEGER AS demo, count(*) FILTER (WHERE source <> '${DEMO_SOURCE}')::INTEGER AS unmarked,
         min(period_start)::VARCHAR AS first, max(period_end)::VARCHAR AS last, count(DISTINCT grain)::INTEGER AS grains
       FROM facts WHERE is_demo`,
    );
    expect(r).toMatchObject({ unmarked: 0, first: '2024-01-01', last: TO, grains: 6 });
    expect(r!.demo).toBeGreaterThan(90_000);
  });

  it('gives way to the real figures: the province EHR coverage of the first half of 2024 stays 94.67%', async () => {
    const h1 = await rate('ehr_coverage', "a.depth = 0 AND f.period_start <= '2024-06-30' AND f.period_end >= '2024-01-01'");
    expect(h1.demo).toBe(0);
    expect(h1.pct).toBeCloseTo(94.67, 2);
  });

  it("passes through the real figures: each area's demo EHR coverage of July 2024 is within 3 points of its Bảng 2 rate", async () => {
    for (const [area, real] of [['582', 93.61], ['584', 74.12], ['587', 99.85]] as const) {
      const july = await rate('ehr_coverage', `a.depth = 1 AND a.ancestor_id = (SELECT id FROM units WHERE code = '${area}' AND era = 'current') AND f.period_start = '2024-07-01'`);
      expect(july.demo, area).toBeGreaterThan(0);
      expect(Math.abs(july.pct! - real), area).toBeLessThan(3);
    }
  });

  it('is removed where a real figure arrives later over the same days, above or below it, and the batch logs it', async () => {
    const where = "a.depth = 1 AND a.ancestor_id = (SELECT id FROM units WHERE code = '584' AND era = 'current') AND f.period_start BETWEEN '2025-01-01' AND '2025-03-31'";
    expect((await rate('telehealth_consultations', where)).demo).toBeGreaterThan(0);
    const report = await ingestCsv(wall, ['telehealth_consultations,584,,2025-Q1,,,321,,']);
    expect(report.status).toBe('committed');
    expect(report.rowsReplaced).toBeGreaterThan(0);
    expect((await rate('telehealth_consultations', where)).demo).toBe(0);
    const [logged] = await wall.store.query('SELECT bool_and(was_demo) AS all_demo FROM replaced_facts WHERE batch_id = $1', [report.id]);
    expect(logged).toEqual({ all_demo: true });
  });
});

describe('scalePack', () => {
  it('adds scale − 1 demo reporting points to every commune for benchmark volumes', () => {
    const scaled = scalePack(wall.pack, 3);
    expect(scaled.facilities.length - wall.pack.facilities.length).toBe(48);
    expect(scaled.facilities.at(-1)).toMatchObject({ code: 'TYT-22909-D2', kind: 'commune_health_station', unitCode: '22909' });
  });
});
