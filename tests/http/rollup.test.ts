import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const get = async (path: string) => {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { errors?: string[] } };
};

describe('GET /api/rollup', () => {
  it('answers a view named in the URL, with the rows the wall needs', async () => {
    const { status, body } = await get('/api/rollup?indicators=ehr_coverage&level=area&grain=half&from=2024-H1&to=2024-H1');
    expect(status).toBe(200);
    expect(body.range).toEqual({ from: '2024-01-01', to: '2024-06-30' });
    const rows = body.rows as { entity: { name: string }; value: number; target: { value: number; source: string }; status: string; period: { label: string } }[];
    expect(rows).toHaveLength(7);
    expect(rows[0]).toMatchObject({ entity: { name: 'Ninh Phước' }, status: 'met', period: { label: '2024-H1' }, target: { value: 93 } });
  });

  it.each([
    ['an unknown indicator', 'indicators=nope&level=area&grain=month&last=3', 'unknown indicator "nope"'],
    ['an unknown level', 'indicators=ehr_coverage&level=district&grain=month&last=3', 'unknown level "district"'],
    ['a period of another grain', 'indicators=ehr_coverage&level=area&grain=month&from=2024-Q1&to=2024-03', 'from: "2024-Q1" is a quarter'],
    ['neither from nor last', 'indicators=ehr_coverage&level=area&grain=month', 'give either from (and to) or last'],
    ['an unknown parameter', 'indicators=ehr_coverage&level=area&grain=month&last=3&sql=drop', 'unknown parameter "sql"'],
    ['a bad grain', 'indicators=ehr_coverage&level=area&grain=fortnight&last=3', 'grain'],
  ])('refuses %s with 400 and says why', async (_title, query, message) => {
    const { status, body } = await get(`/api/rollup?${query}`);
    expect(status).toBe(400);
    expect(body.error).toBe('bad_view');
    expect(body.errors!.join('; ')).toContain(message);
  });
});

describe('GET /api/indicators/:code/guide', () => {
  it("gives the calculation rules and a live example equal to the rollup API's figure", async () => {
    const period = ((await get('/api/indicators/ehr_coverage/guide')).body.example as { period: string }).period;
    // Two communes report that period, so the example is a sum of counts, not a copy of one row.
    const csv = `indicator,unit,facility,period,numerator,denominator,value,subgroup,source\nehr_coverage,22810,,${period},900,1000,,,\nehr_coverage,22813,,${period},1900,2000,,,\n`;
    expect((await fetch(`${server.url}/api/batches?file=guide.csv`, { method: 'POST', body: csv, headers: server.editor })).status).toBe(201);
    const { status, body } = await get('/api/indicators/ehr_coverage/guide');
    expect(status).toBe(200);
    const example = body.example as { period: string; value: number | null; numerator: number | null; denominator: number | null };
    expect(example).toMatchObject({ period, numerator: 2800, denominator: 3000 });
    expect(body).toMatchObject({ deadlineDays: 10, reporters: ['unit'], reportingLevel: 'commune', indicator: { code: 'ehr_coverage', factor: 100 } });
    const { body: rollup } = await get(`/api/rollup?indicators=ehr_coverage&level=province&grain=month&from=${example.period}&to=${example.period}`);
    const row = (rollup.rows as { value: number; numerator: number; denominator: number }[])[0];
    expect(example).toMatchObject({ value: row?.value ?? null, numerator: row?.numerator ?? null, denominator: row?.denominator ?? null });
    expect((await get('/api/indicators/nope/guide')).status).toBe(404);
  });
});

describe('GET /api/quality', () => {
  it('answers completeness, timeliness and flags for the units and months named in the URL', async () => {
    const { status, body } = await get('/api/quality?level=area&from=2024-01&to=2024-06&indicator=telehealth_consultations');
    expect(status).toBe(200);
    expect(body.months).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
    expect((body.units as unknown[]).length).toBe(7);
  });

  it.each([
    ['a month that is not one', 'level=area&from=2024-Q1&to=2024-06', 'from: a month'],
    ['an unknown level', 'level=district&from=2024-01&to=2024-06', '"district" is not a level'],
    ['a parent below the level', 'level=area&parent=22810&from=2024-01&to=2024-06', 'not above the area level'],
    ['an unknown parameter', 'level=area&from=2024-01&to=2024-06&sql=drop', 'sql'],
  ])('refuses %s with 400 and says why', async (_title, query, message) => {
    const { status, body } = await get(`/api/quality?${query}`);
    expect(status).toBe(400);
    expect(body.errors!.join('; ')).toContain(message);
  });
});

describe('reference API', () => {
  it('GET /api/units gives the tree with the QĐ 828 overview: population, area, density', async () => {
    const { body } = await get('/api/units');
    const units = body.units as { code: string; population: { value: number } | null; density: number | null; areaKm2: number; children: string[]; facilities: Record<string, number> }[];
    const province = units.find((u) => u.code === '58')!;
    expect(province.population!.value).toBe(661_543);
    expect(province.density).toBeCloseTo(661_543 / province.areaKm2, 1);
    expect(province.children).toHaveLength(7);
    expect(province.facilities).toEqual({ provincial_hospital: 5, area_health_centre: 7, commune_health_station: 24 });
    expect(units.find((u) => u.code === '585')!.population!.value).toBe(73_163);
  });

  it('GET /api/indicators/:code gives the calculation guide; an unknown code is 404', async () => {
    const { body } = await get('/api/indicators/ehr_coverage');
    expect(body).toMatchObject({ kind: 'ratio', factor: 100, guide: { numerator: { vi: expect.stringContaining('hồ sơ') } } });
    expect((await get('/api/indicators/nope')).status).toBe(404);
  });

  it('GET /api/targets lists every target with the document that set it', async () => {
    const { body } = await get('/api/targets');
    expect(body).toContainEqual(expect.objectContaining({ indicator: 'cashless_payment_rate', value: 40, source: expect.stringContaining('KH 1295') }));
  });
});
