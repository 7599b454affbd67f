/** GET /api/surveillance over demo weekly counts: every unit judged against the catalogue's rule, and a real outbreak week raised. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPeriod, lastCompleted } from '../../data/schema/period.ts';
import type { SurveillanceAnswer } from '../../data/schema/surveillance.ts';
import { loadDemoFigures } from '../../server/bootstrap.ts';
import { HEADER } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const { wall } = server;
  await loadDemoFigures(wall.store, wall.pack, wall.catalogue, { packDir: wall.config.packDir, demoDir: wall.config.demoDir, only: ['dengue_cases'] });
}, 120_000);
afterAll(() => server.close());

const get = async (query: string) => {
  const res = await fetch(`${server.url}/api/surveillance?${query}`);
  return { status: res.status, body: (await res.json()) as SurveillanceAnswer & { message?: string } };
};
const lastWeek = () => formatPeriod(lastCompleted('week', new Date().toISOString().slice(0, 10)));

describe('GET /api/surveillance', () => {
  it('judges each area\u2019s weekly dengue cases against the log endemic channel of its two earlier years', async () => {
    const { status, body } = await get('indicator=dengue_cases&level=area&weeks=8');
    expect(status).toBe(200);
    expect(body.rule).toEqual({ log: true, k: 2, years: 2, window: 1, fallback: 'ears_c2', alpha: 0.05 });
    expect(body.weeks).toHaveLength(8);
    expect(body.weeks.at(-1)!.week).toBe(lastWeek());
    expect(body.units).toHaveLength(7);
    expect(body.demo).toBe(true);
    for (const unit of body.units) {
      expect(unit.weeks).toHaveLength(8);
      for (const w of unit.weeks) {
        expect(w.method).toBe('endemic_channel_log');
        expect(w.threshold!).toBeGreaterThanOrEqual(w.expected!);
        expect(w.above).toBe(w.count! > w.threshold!);
      }
    }
  });

  it('raises the week a station reports an outbreak in, at its area, and refuses what it cannot judge', async () => {
    const week = lastWeek();
    const res = await fetch(`${server.url}/api/batches?file=outbreak.csv`, {
      method: 'POST',
      body: `${HEADER}\ndengue_cases,,TYT-22810,${week},,,400,,`,
      headers: server.editor,
    });
    expect(res.status).toBe(201);
    const { body } = await get('indicator=dengue_cases&level=area&weeks=2');
    const ninhSon = body.units.find((u) => u.code === '585')!;
    expect(ninhSon.weeks.at(-1)).toMatchObject({ week, count: 400, above: true });
    expect(ninhSon.weeks.at(-1)!.threshold!).toBeLessThan(400);
    expect((await get('indicator=outpatient_visits&level=area')).body.message).toContain('has no epidemic threshold');
    expect((await get('indicator=dengue_cases&level=area&weeks=500')).status).toBe(400);
  });
});
