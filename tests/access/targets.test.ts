import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../client/live/live-client.ts';
import type { ViewMessage } from '../../data/schema/live.ts';
import type { RollupAnswer, View } from '../../data/schema/view.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// EHR coverage of the first half of 2024 (Bảng 2): 94.67% for the province, against a 93% target.
let server: TestServer;
let admin: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  admin = { Authorization: `Bearer ${(await server.access.create('test admin', 'admin', 'test')).token}`, 'Content-Type': 'application/json' };
});
afterAll(() => server.close());

const view: View = { indicators: ['ehr_coverage'], level: 'province', grain: 'half', from: '2024-H1', to: '2024-H1' };
const province = async () =>
  ((await (await fetch(`${server.url}/api/rollup?indicators=ehr_coverage&level=province&grain=half&from=2024-H1&to=2024-H1`)).json()) as RollupAnswer).rows[0]!;
const setTarget = (body: object, headers = admin) => fetch(`${server.url}/api/admin/targets`, { method: 'POST', headers, body: JSON.stringify(body) });

describe('targets set by an administrator', () => {
  it('apply at once to the rollup, the live wall, /api/targets and the guide, and are audited; withdrawn, the file’s target is back', async () => {
    expect(await province()).toMatchObject({ status: 'met', target: { value: 93 } });
    const live = new LiveClient(server.url);
    const messages: ViewMessage[] = [];
    live.listen({ view: (_k, _h, m) => messages.push(m) });
    live.subscribe(view);
    await expect.poll(() => messages.length).toBeGreaterThan(0);

    const made = await setTarget({ indicator: 'ehr_coverage', scope: { province: true }, from_year: 2024, to_year: 2024, value: 95, source: 'Kế hoạch thử nghiệm (test)' });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: number };
    expect(await province()).toMatchObject({ status: 'near', target: { value: 95, source: 'Kế hoạch thử nghiệm (test)' } });
    // The wall hears of it without a new batch.
    await expect.poll(() => messages.some((m) => !m.full && m.rows?.some((r) => r.target?.value === 95))).toBe(true);
    live.close();
    const listed = (await (await fetch(`${server.url}/api/targets`)).json()) as { indicator: string; value: number }[];
    expect(listed).toContainEqual(expect.objectContaining({ indicator: 'ehr_coverage', value: 95 }));
    const guide = (await (await fetch(`${server.url}/api/indicators/ehr_coverage/guide`)).json()) as { indicator: { targets: { value: number }[] } };
    expect(guide.indicator.targets.map((t) => t.value)).toContain(95);

    expect((await fetch(`${server.url}/api/admin/targets/${id}`, { method: 'DELETE', headers: admin })).status).toBe(204);
    expect(await province()).toMatchObject({ status: 'met', target: { value: 93 } });
    const audit = (await (await fetch(`${server.url}/api/admin/audit`, { headers: admin })).json()) as { action: string; actor: string; target: string }[];
    expect(audit.map((a) => [a.action, a.actor, a.target])).toEqual(
      expect.arrayContaining([
        ['target_set', 'test admin', 'ehr_coverage'],
        ['target_withdrawn', 'test admin', 'ehr_coverage'],
      ]),
    );
  });

  it('refuses a malformed target with 400 saying why, and anyone but an admin with 403', async () => {
    const bad = await setTarget({ indicator: 'ehr_coverage', scope: { province: true }, from_year: 2026, to_year: 2024, value: 95, source: 'x' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('to_year is before from_year');
    expect((await setTarget({ indicator: 'nope', scope: { province: true }, from_year: 2024, to_year: 2024, value: 1, source: 'x' })).status).toBe(400);
    expect((await setTarget({ indicator: 'ehr_coverage', scope: { unit: '99999' }, from_year: 2024, to_year: 2024, value: 1, source: 'x' })).status).toBe(400);
    expect((await setTarget({ indicator: 'ehr_coverage', scope: { province: true }, from_year: 2024, to_year: 2024, value: 1, source: 'x' }, { ...server.editor, 'Content-Type': 'application/json' })).status).toBe(403);
  });
});
