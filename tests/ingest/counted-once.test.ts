/**
 * A figure is counted once (server/store/counted-once.ts): a total and the figures under it — a
 * commune's and its station's, a centre's area total, a province row — are never added together,
 * whichever order or file they come in; the rollup reads the parts, and data quality shows a total
 * whose parts do not add up to it. Through a real server: uploads, /api/rollup and /api/quality.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QualityAnswer } from '../../data/schema/quality.ts';
import type { RollupAnswer } from '../../data/schema/view.ts';
import { rebuildFactMonths } from '../../server/store/fact-months.ts';
import { syncReference } from '../../server/store/sync-reference.ts';
import { HEADER } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Report = { id: number; status: string; rejections: { row: number; column: string; code: string; params: Record<string, string | number> }[] };
async function upload(lines: string[], name = 'figures.csv'): Promise<{ status: number; report: Report }> {
  const res = await fetch(`${server.url}/api/batches?file=${name}`, { method: 'POST', body: [HEADER, ...lines].join('\n') + '\n', headers: server.editor });
  return { status: res.status, report: (await res.json()) as Report };
}
const landed = async (lines: string[]) => {
  const { status, report } = await upload(lines);
  expect({ status, rejections: report.rejections }).toEqual({ status: 201, rejections: [] });
  return report.id;
};

/** The values of a view by entity code, read through the API. */
async function rollup(query: string): Promise<Record<string, number | null>> {
  const res = await fetch(`${server.url}/api/rollup?indicators=telehealth_consultations&${query}`);
  expect(res.status).toBe(200);
  const { rows } = (await res.json()) as RollupAnswer;
  return Object.fromEntries(rows.filter((r) => r.period.start >= '2026-01-01').map((r) => [r.entity.code, r.value]));
}
/** Commune 22813, its area 585 and the province in a month: by the monthly summary and by the facts themselves (a span of days). */
async function figures(month: string, commune: string, area: string) {
  const end = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const span = `grain=range&from=${month}-01&to=${end}`;
  return {
    commune: (await rollup(`level=commune&parent=${area}&grain=month&from=${month}&to=${month}`))[commune],
    area: (await rollup(`level=area&grain=month&from=${month}&to=${month}`))[area],
    province: (await rollup(`level=province&grain=month&from=${month}&to=${month}`))['58'],
    areaFromFacts: (await rollup(`level=area&${span}`))[area],
    quarter: (await rollup(`level=area&grain=quarter&from=2026-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}&to=2026-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`))[area],
  };
}
const checks = (month: string) =>
  server.wall.store.query<{ who: string; is_check: boolean }>(
    `SELECT COALESCE(fa.code, u.code) AS who, f.is_check FROM facts f JOIN units u ON u.id = f.unit_id LEFT JOIN facilities fa ON fa.id = f.facility_id
     JOIN indicators i ON i.id = f.indicator_id WHERE i.code = 'telehealth_consultations' AND f.period_start = $1::DATE ORDER BY 1`,
    [`${month}-01`],
  );
async function totalVsParts(month: string, level = 'area') {
  const res = await fetch(`${server.url}/api/quality?level=${level}&indicator=telehealth_consultations&from=${month}&to=${month}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as QualityAnswer).flags.filter((f) => f.kind === 'total_vs_parts');
}

describe('the same 15 consultations sent as commune 22813, as station TYT-22813 and in the TTYT-585 total', () => {
  it('count once in three batches, in any order: commune 15, area 15, province 15', async () => {
    await landed(['telehealth_consultations,22813,,2026-03,,,15,,']);
    expect(await figures('2026-03', '22813', '585')).toEqual({ commune: 15, area: 15, province: 15, areaFromFacts: 15, quarter: 15 });
    await landed(['telehealth_consultations,,TYT-22813,2026-03,,,15,,']);
    expect(await figures('2026-03', '22813', '585')).toEqual({ commune: 15, area: 15, province: 15, areaFromFacts: 15, quarter: 15 });
    await landed(['telehealth_consultations,,TTYT-585,2026-03,,,15,,']);
    expect(await figures('2026-03', '22813', '585')).toEqual({ commune: 15, area: 15, province: 15, areaFromFacts: 15, quarter: 15 });
    // The station's counts; the commune's and the centre's are kept, as checks that agree.
    expect(await checks('2026-03')).toEqual([
      { who: '22813', is_check: true },
      { who: 'TTYT-585', is_check: true },
      { who: 'TYT-22813', is_check: false },
    ]);
    expect(await totalVsParts('2026-03')).toEqual([]);
  });

  it('count once in one file: it lands, the commune and centre rows as checks', async () => {
    await landed(['telehealth_consultations,,TTYT-585,2026-04,,,15,,', 'telehealth_consultations,22813,,2026-04,,,15,,', 'telehealth_consultations,,TYT-22813,2026-04,,,15,,']);
    expect(await figures('2026-04', '22813', '585')).toEqual({ commune: 15, area: 15, province: 15, areaFromFacts: 15, quarter: 15 });
    expect((await checks('2026-04')).filter((c) => c.is_check).map((c) => c.who)).toEqual(['22813', 'TTYT-585']);
  });

  it('are refused in one file where a total does not equal what is under it, naming both rows', async () => {
    const { status, report } = await upload(['telehealth_consultations,22822,,2026-04,,,20,,', 'telehealth_consultations,,TYT-22822,2026-04,,,15,,']);
    expect(status).toBe(422);
    expect(report.rejections).toEqual([
      expect.objectContaining({ row: 2, column: 'unit', code: 'total_with_parts', params: { total: '20', sum: '15', parts: 1, part_rows: '3' } }),
    ]);
    expect((await checks('2026-04')).map((c) => c.who)).not.toContain('TYT-22822');
  });
});

describe('a total in one file with figures under it for other periods', () => {
  it('is kept as a check when they are flows within its days that add up to it (a quarter over its months)', async () => {
    await landed(['telehealth_consultations,589,,2026-Q3,,,30,,', ...['07', '08', '09'].map((m) => `telehealth_consultations,,TYT-22897,2026-${m},,,10,,`)]);
    expect((await rollup('level=area&grain=quarter&from=2026-Q3&to=2026-Q3'))['589']).toBe(30);
  });

  it('is refused when it cannot be compared with them (a rate without counts over counts)', async () => {
    const { status, report } = await upload(['ehr_coverage,58,,2026-07,,,95.1,,', 'ehr_coverage,585,,2026-07,900,1000,,,', 'ehr_coverage,586,,2026-07,950,1000,,,']);
    expect(status).toBe(422);
    expect(report.rejections).toEqual([expect.objectContaining({ row: 2, column: 'unit', code: 'total_with_parts_uncompared', params: expect.objectContaining({ parts: 2, part_rows: '3, 4' }) })]);
  });
});

describe('across batches, parts win', () => {
  it('an area total stored first counts until figures under it arrive, then it is a check shown in data quality while they differ', async () => {
    await landed(['telehealth_consultations,586,,2026-05,,,100,,']);
    expect((await figures('2026-05', '22834', '586')).area).toBe(100);
    expect(await totalVsParts('2026-05')).toEqual([]);

    await landed(['telehealth_consultations,,TYT-22834,2026-05,,,30,,']);
    expect(await figures('2026-05', '22834', '586')).toMatchObject({ commune: 30, area: 30, province: 30, areaFromFacts: 30 });
    expect(await totalVsParts('2026-05')).toEqual([
      expect.objectContaining({ entity: '586', unit: expect.objectContaining({ code: '586' }), period: '2026-05', value: 100, against: 30, refused: false }),
    ]);

    // The rest of the area's consultations: the parts now add up to the total, which stays a check.
    await landed(['telehealth_consultations,,TYT-22846,2026-05,,,70,,']);
    expect(await figures('2026-05', '22834', '586')).toMatchObject({ area: 100, province: 100, areaFromFacts: 100 });
    expect(await totalVsParts('2026-05')).toEqual([]);
  });

  it('a total arriving over stored parts lands as a check; re-sent equal, the flag goes', async () => {
    await landed(['telehealth_consultations,,TYT-22870,2026-06,,,8,,', 'telehealth_consultations,,TYT-22873,2026-06,,,4,,']);
    await landed(['telehealth_consultations,58,,2026-06,,,50,,']);
    expect((await figures('2026-06', '22870', '587')).province).toBe(12);
    // A province's own figure is under no area: data quality shows it when the province is asked for.
    expect(await totalVsParts('2026-06')).toEqual([]);
    expect(await totalVsParts('2026-06', 'province')).toEqual([expect.objectContaining({ entity: '58', value: 50, against: 12 })]);
    await landed(['telehealth_consultations,58,,2026-06,,,12,,']);
    expect(await totalVsParts('2026-06', 'province')).toEqual([]);
    expect((await figures('2026-06', '22870', '587')).province).toBe(12);
  });
});

describe('a store whose checks predate the rule (an upgrade)', () => {
  it('has every stored total judged again on the start that fills who reports totals, and the monthly summary rebuilt', async () => {
    const area = async () => (await figures('2026-03', '22813', '585')).area;
    // As an older store holds them: nothing marked, the monthly summary adding all three; one mark wrong the other way.
    await server.wall.store.exclusive(async (c) => {
      await c.run('DELETE FROM indicator_totals');
      await c.run("UPDATE facts SET is_check = (unit_id IN (SELECT id FROM units WHERE code = '22813') AND facility_id IS NOT NULL)");
      await rebuildFactMonths(c);
    });
    expect(await area()).toBe(30);
    await server.wall.store.exclusive((c) => syncReference(c, server.wall.pack, server.wall.catalogue));
    expect(await area()).toBe(15);
    expect(await checks('2026-03')).toEqual([
      { who: '22813', is_check: true },
      { who: 'TTYT-585', is_check: true },
      { who: 'TYT-22813', is_check: false },
    ]);
  });
});
