/**
 * GET /api/forecast over demo figures: the province's EHR coverage forecast to December 2030, the
 * target in force then (QĐ 5316/QĐ-BYT: 95%), the probability of meeting it, nested intervals within
 * what a share can be, and 400 with a reason for what cannot be forecast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForecastAnswer } from '../../data/schema/forecast.ts';
import { lastCompleted } from '../../data/schema/period.ts';
import { loadDemoFigures } from '../../server/bootstrap.ts';
import { ingestCsv } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const { wall } = server;
  await loadDemoFigures(wall.store, wall.pack, wall.catalogue, { packDir: wall.config.packDir, demoDir: wall.config.demoDir, only: ['ehr_coverage', 'outpatient_visits'] });
}, 120_000);
afterAll(() => server.close());

const get = async (query: string) => {
  const res = await fetch(`${server.url}/api/forecast?${query}`);
  return { status: res.status, body: (await res.json()) as ForecastAnswer & { message?: string; error?: string } };
};

describe('GET /api/forecast', () => {
  it('forecasts the province\u2019s EHR coverage to 2030-12 against the 95% of QĐ 5316/QĐ-BYT', async () => {
    const { status, body } = await get('indicator=ehr_coverage&unit=58&to=2030-12');
    expect(status).toBe(200);
    expect(body.request.to).toBe('2030-12');
    expect(body.unit).toMatchObject({ code: '58', level: 'province' });
    expect(body.target).toMatchObject({ value: 95, month: '2030-12', fromYear: 2026, toYear: 2030 });
    expect(body.target!.source).toContain('QĐ 5316/QĐ-BYT');
    expect(body.probability).not.toBeNull();
    expect(body.probability!).toBeGreaterThanOrEqual(0);
    expect(body.probability!).toBeLessThanOrEqual(1);
    expect(body.demo).toBe(true);

    // The history runs to the last complete month, a share Σ numerators ÷ Σ denominators.
    const lastMonth = lastCompleted('month', new Date().toISOString().slice(0, 10)).start.slice(0, 7);
    expect(body.history.length).toBeGreaterThanOrEqual(24);
    expect(body.history.at(-1)!.month <= lastMonth).toBe(true);
    expect(body.forecast[0]!.month > body.history.at(-1)!.month).toBe(true);
    expect(body.forecast.at(-1)!.month).toBe('2030-12');

    // Intervals nested around the point, within 0–100%.
    expect(body.limits).toEqual({ lower: 0, upper: 100 });
    for (const p of body.forecast) {
      expect(p.lo95).toBeLessThanOrEqual(p.lo80);
      expect(p.lo80).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.hi80);
      expect(p.hi80).toBeLessThanOrEqual(p.hi95);
      expect(p.lo95).toBeGreaterThanOrEqual(0);
      expect(p.hi95).toBeLessThanOrEqual(100);
    }

    // The method shown is the model only where it beat the benchmark, and the label says which.
    expect(['ets', 'naive', 'seasonal_naive']).toContain(body.method);
    expect(body.method === 'ets').toBe(body.backtest.beats);
    if (body.method === 'ets') expect(body.label.en).toContain(`ETS(${body.model.name})`);
    else expect(body.label.vi).toContain('ngây thơ');
    expect(body.backtest.origins).toBeGreaterThan(0);
    expect(body.model.candidates.length).toBeGreaterThanOrEqual(3);
  });

  it('answers the same figures the same way (seeded simulation)', async () => {
    const a = await get('indicator=ehr_coverage&unit=58&to=2030-12');
    const b = await get('indicator=ehr_coverage&unit=58&to=2030-12');
    expect(b.body).toEqual(a.body);
  });

  it('answers again from the figures once a batch lands, not from the answer kept until then', async () => {
    const before = await get('indicator=outpatient_visits&unit=58&to=2027-12');
    const last = before.body.history.at(-1)!;
    // A real monthly figure for one hospital in the last month: the province's total for it moves.
    const report = await ingestCsv(server.wall, [`outpatient_visits,,BV-DKT,${last.month},,,1,,test`], { fileName: 'one-figure.csv' });
    expect(report.status).toBe('committed');
    const after = await get('indicator=outpatient_visits&unit=58&to=2027-12');
    expect(after.body.history.at(-1)!.month).toBe(last.month);
    expect(after.body.history.at(-1)!.value).not.toBe(last.value);
  });

  it('forecasts to the end of the target in force when no month is asked for, and works for an area', async () => {
    const { status, body } = await get('indicator=ehr_coverage&unit=585');
    expect(status).toBe(200);
    expect(body.request.to).toBe('2030-12');
    expect(body.unit.level).toBe('area');
  });

  it('forecasts a count without a target: no probability, nothing below zero', async () => {
    const { status, body } = await get('indicator=outpatient_visits&unit=58&to=2027-12');
    expect(status).toBe(200);
    expect(body.target).toBeNull();
    expect(body.probability).toBeNull();
    expect(body.limits).toEqual({ lower: 0, upper: null });
    for (const p of body.forecast) expect(p.lo95).toBeGreaterThanOrEqual(0);
  });

  it('refuses what it cannot forecast, with 400 and the reason', async () => {
    const refused = async (query: string, words: string) => {
      const { status, body } = await get(query);
      expect(status, query).toBe(400);
      expect(body.message, query).toContain(words);
    };
    await refused('indicator=ehr_coverage&unit=58&to=2036-01', 'to');
    await refused('indicator=ehr_coverage&unit=58&to=2030-13', 'YYYY-MM');
    await refused('indicator=ehr_coverage&unit=58&to=2030', 'YYYY-MM');
    await refused('indicator=ehr_coverage&unit=58&to=2020-01', 'not after the last month');
    await refused('indicator=ehr_coverage&unit=99999&to=2030-12', 'no unit "99999"');
    await refused('indicator=no_such_thing&unit=58', 'no indicator');
    await refused('indicator=it_level_tt54&unit=58', 'is a level');
    await refused('indicator=emr_facilities&unit=58', 'no monthly series');
    await refused('unit=58', 'indicator');
    await refused('indicator=ehr_coverage&unit=58&horizon=12', 'horizon');
  });
});
