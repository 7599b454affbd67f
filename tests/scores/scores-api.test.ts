/** GET /api/scores over demo figures: every area scored and ranked with its rank interval; weights in the URL change the ranks; faults name the parameter. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoresAnswer } from '../../data/schema/scores.ts';
import { loadDemoFigures } from '../../server/bootstrap.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const { wall } = server;
  const only = wall.scoreScheme.components.flatMap((c) => c.indicators.map((i) => i.indicator));
  await loadDemoFigures(wall.store, wall.pack, wall.catalogue, { packDir: wall.config.packDir, demoDir: wall.config.demoDir, only });
}, 180_000);
afterAll(() => server.close());

const get = async (query: string) => {
  const res = await fetch(`${server.url}/api/scores?${query}`);
  return { status: res.status, body: (await res.json()) as ScoresAnswer & { error?: string; message?: string } };
};
const ranks = (a: ScoresAnswer) => Object.fromEntries(a.units.map((u) => [u.code, u.rank]));

describe('GET /api/scores', () => {
  it('scores and ranks the 7 areas for the last complete month, with median ranks and 5–95% intervals', async () => {
    const { status, body } = await get('level=area');
    expect(status).toBe(200);
    expect(body.units).toHaveLength(7);
    expect(body.demo).toBe(true);
    expect(body.scheme.equalByDefault).toBe(true);
    expect(body.scheme.weightsNote.en).toContain('default weights are equal');
    expect(body.scheme.changed).toBe(false);
    expect(body.sensitivity).toMatchObject({ draws: 1000, concentration: 50, otherMethodShare: 0.5 });
    expect(body.sensitivity!.method.en).toContain('OECD/JRC');
    expect(body.units.map((u) => u.rank)).toEqual([...body.units.map((u) => u.rank)].sort((a, b) => a! - b!));
    for (const u of body.units) {
      expect(u.total).toBeGreaterThanOrEqual(1);
      expect(u.total).toBeLessThanOrEqual(100);
      const [p5, p95] = u.rankInterval!;
      expect(p5 <= u.medianRank! && u.medianRank! <= p95).toBe(true);
      // Quarterly indicators have no figure in a month: said for each, never imputed.
      const workforce = u.components.find((c) => c.component === 'workforce')!;
      expect(workforce.score).toBeNull();
      expect(workforce.missing.map((m) => m.reason)).toEqual(['not_in_grain', 'not_in_grain']);
    }
    // The same request again gives the same intervals (a seeded draw).
    expect((await get('level=area')).body.units).toEqual(body.units);
  });

  it('changes the ranks when the weights in the URL change, and echoes them so a link keeps them', async () => {
    const base = (await get('level=area&draws=0')).body;
    // The component whose own order differs most from the ranking: weigh it 100 times the others.
    const orderBy = (component: string) =>
      Object.fromEntries(
        [...base.units]
          .sort((a, b) => (b.components.find((c) => c.component === component)!.score ?? -1) - (a.components.find((c) => c.component === component)!.score ?? -1))
          .map((u, i) => [u.code, i + 1]),
      );
    const candidates = ['information', 'financing', 'immunisation'].filter((c) => base.units.every((u) => u.components.find((x) => x.component === c)!.score !== null));
    const component = candidates.find((c) => JSON.stringify(orderBy(c)) !== JSON.stringify(ranks(base)))!;
    expect(component).toBeDefined();
    const { status, body } = await get(`level=area&draws=0&w.${component}=100`);
    expect(status).toBe(200);
    expect(ranks(body)).not.toEqual(ranks(base));
    expect(body.request.weights).toEqual({ [component]: 100 });
    expect(body.scheme.changed).toBe(true);
    expect(body.scheme.components.find((c) => c.component === component)).toMatchObject({ weight: 100, defaultWeight: 1 });
  });

  it('answers a what-if in the URL, and says other components are not modelled', async () => {
    const { status, body } = await get('level=area&draws=0&set=cashless_payment_rate:585:50');
    expect(status).toBe(200);
    const ninhSon = body.whatIf!.units.find((u) => u.code === '585')!;
    expect(ninhSon.after.components.financing).toBe(100);
    for (const c of ['information', 'immunisation']) expect(ninhSon.after.components[c]).toBe(ninhSon.before.components[c]);
    expect(body.whatIf!.otherComponents).toBe('not_modelled');
  });

  it('answers 400 naming the bad parameter', async () => {
    for (const [query, name] of [
      ['level=area&w.nonsense=2', 'w.nonsense'],
      ['level=area&method=median', 'method'],
      ['level=area&draws=6000', 'draws'],
      ['level=area&period=2026-W10', 'period'],
      ['level=area&set=ehr_coverage:22810:95', 'set'],
      ['level=district', 'level'],
      ['level=area&parent=22810', 'parent'],
    ] as const) {
      const { status, body } = await get(query);
      expect(status, query).toBe(400);
      expect(body.error).toBe('bad_request');
      expect(body.message?.startsWith(`${name}:`), `${query}: ${body.message}`).toBe(true);
    }
  });
});
