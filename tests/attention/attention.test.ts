/**
 * The attention list over demo figures of a few indicators: an outbreak week, units below a
 * target in force, missing reports, a refused figure; ranked, in words, linked to explore, and
 * pushed live when a batch changes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../client/live/live-client.ts';
import type { AttentionAnswer } from '../../data/schema/attention.ts';
import { LIVE_EVENTS } from '../../data/schema/live.ts';
import { formatPeriod, lastClosed, lastCompleted, today } from '../../data/schema/period.ts';
import { STATUS_WORDS, type RollupAnswer } from '../../data/schema/view.ts';
import { loadDemoFigures } from '../../server/bootstrap.ts';
import { HEADER } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const { wall } = server;
  await loadDemoFigures(wall.store, wall.pack, wall.catalogue, { packDir: wall.config.packDir, demoDir: wall.config.demoDir, only: ['dengue_cases', 'ehr_coverage'] });
}, 120_000);
afterAll(() => server.close());

const attention = async () => (await (await fetch(`${server.url}/api/attention`)).json()) as AttentionAnswer;
const upload = async (name: string, line: string) => {
  const res = await fetch(`${server.url}/api/batches?file=${name}`, { method: 'POST', body: `${HEADER}\n${line}\n`, headers: server.editor });
  return res.status;
};
const day = () => today('Asia/Ho_Chi_Minh');

describe('GET /api/attention', () => {
  it('lists units below a target in force, in words, with the document, since when, and a link to explore', async () => {
    const { items } = await attention();
    const ehr = items.filter((i) => i.kind === 'below_target' && i.indicator?.code === 'ehr_coverage');
    expect(ehr.length).toBeGreaterThan(0);
    // The last closed month: the month just ended is provisional until its reports are due (10 days), and judges no one.
    const month = formatPeriod(lastClosed('month', 10, day()));
    for (const item of ehr) {
      expect(item.text.vi).toMatch(new RegExp(`^${item.unit!.name}: HSSK điện tử [\\d,]+% — (Gần đạt|Chưa đạt) chỉ tiêu 95% \\(QĐ 5316/QĐ-BYT\\), còn thiếu [\\d,]+ điểm, từ tháng \\d+/\\d{4}$`));
      expect(item.text.en).toMatch(/ — (Near|Below): the target is 95% /);
      expect(item.period).toBe(month);
      expect(item.link).toBe(`/explore?indicator=ehr_coverage&unit=${item.unit!.code}&period=${month}`);
      expect(item.demo).toBe(true);
    }
  });

  it('says of every gap to target the status /api/rollup gives the same unit, indicator and period, in the same words', async () => {
    const { items } = await attention();
    const gaps = items.filter((i) => i.kind === 'below_target');
    expect(gaps.length).toBeGreaterThan(0);
    for (const item of gaps) {
      const level = item.unit!.code === '58' ? 'province' : 'area';
      const grain = item.period.length === 7 ? 'month' : 'quarter';
      const query = new URLSearchParams({ indicators: item.indicator!.code, level, grain, from: item.period, to: item.period });
      const { rows } = (await (await fetch(`${server.url}/api/rollup?${query}`)).json()) as RollupAnswer;
      const row = rows.find((r) => r.entity.code === item.unit!.code)!;
      expect(row.finality).toBe('final');
      expect(item.status).toBe(row.status);
      expect(item.text.vi).toContain(`— ${STATUS_WORDS[row.status!].vi} chỉ tiêu`);
      expect(item.text.en).toContain(`— ${STATUS_WORDS[row.status!].en}: the target`);
    }
    // The near band is said as near, not as below (Bác Ái, Thuận Nam in the demo).
    expect(gaps.some((i) => i.status === 'near')).toBe(true);
  });

  it('lists areas whose reports are missing past their deadline (only two indicators have figures here)', async () => {
    const { items } = await attention();
    const missing = items.filter((i) => i.kind === 'reports_missing');
    expect(missing.length).toBe(7);
    expect(missing[0]!.text.vi).toMatch(/: thiếu [\d.]+ báo cáo đã quá hạn, đủ [\d,]+% \(tháng \d+\/\d{4}\)$/);
    expect(missing[0]!.link).toMatch(/^\/explore\?indicator=quality&unit=\d+&period=\d{4}-\d{2}$/);
  });

  it('puts an outbreak first, pushes the new list to the walls, and lists a refused figure', async () => {
    const live = new LiveClient(server.url);
    const pushed: AttentionAnswer[] = [];
    live.socket.on(LIVE_EVENTS.attention, (a: AttentionAnswer) => pushed.push(a));
    await new Promise<void>((r) => live.socket.once('connect', () => r()));
    const week = formatPeriod(lastCompleted('week', day()));
    expect(await upload('outbreak.csv', `dengue_cases,,TYT-22810,${week},,,400,,`)).toBe(201);
    const month = formatPeriod(lastCompleted('month', day()));
    expect(await upload('bad.csv', `ehr_coverage,22738,,${month},120,100,,,`)).toBe(422);
    await expect.poll(() => pushed.at(-1)?.items.some((i) => i.kind === 'flag'), { timeout: 15_000 }).toBe(true);
    const { items } = pushed.at(-1)!;
    expect(items[0]).toMatchObject({ kind: 'epidemic', unit: { code: '585', name: 'Ninh Sơn' }, indicator: { code: 'dengue_cases' }, period: week });
    expect(items[0]!.severity).toBeGreaterThanOrEqual(90);
    expect(items[0]!.text.vi).toMatch(/^Ninh Sơn: Sốt xuất huyết tuần \d+\/\d{4}: 400 ca, vượt ngưỡng dịch [\d,]+ \(thường gặp [\d,]+\)$/);
    expect(items.map((i) => i.severity)).toEqual([...items.map((i) => i.severity)].sort((a, b) => b - a));
    const refused = items.find((i) => i.kind === 'flag')!;
    expect(refused.text.vi).toContain('bị từ chối: Tử số 120 lớn hơn mẫu số 100');
    expect(await attention()).toEqual(pushed.at(-1));
    live.close();
  });
});
