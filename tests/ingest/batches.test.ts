import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/config.ts';
import { factCount, ingestCsv } from '../support/ingest.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

let wall: TestWall;
beforeAll(async () => {
  wall = await openTestWall();
});
afterAll(() => wall.close());

const good = (month: string, value: number) => `telehealth_consultations,22810,,2025-${month},,,${value},,`;

describe('a batch', () => {
  it('lands whole or not at all: one bad row keeps every row out, and the rejection is stored', async () => {
    const before = await factCount(wall);
    const report = await ingestCsv(wall, [good('08', 10), good('09', 11), 'telehealth_consultations,22810,,2025-10,,,oops,,']);
    expect(report).toMatchObject({ status: 'rejected', rowsTotal: 3, rowsAccepted: 0, rowsRejected: 1 });
    expect(await factCount(wall)).toBe(before);
    const stored = await wall.store.query('SELECT row_number, column_name, code FROM rejected_rows WHERE batch_id = $1', [report.id]);
    expect(stored).toEqual([{ row_number: 4, column_name: 'value', code: 'not_a_number' }]);
  });

  it('lands the good rows only when the sender asks for that explicitly', async () => {
    const before = await factCount(wall);
    const report = await ingestCsv(wall, [good('08', 10), good('09', 11), 'telehealth_consultations,22810,,2025-10,,,oops,,'], {
      partial: true,
    });
    expect(report).toMatchObject({ status: 'committed', rowsAccepted: 2, rowsRejected: 1 });
    expect(await factCount(wall)).toBe(before + 2);
  });

  it('replaces a re-sent figure (same natural key) without duplicates, and logs what it replaced', async () => {
    const first = await ingestCsv(wall, [good('05', 7), good('06', 8)]);
    const count = await factCount(wall);
    const second = await ingestCsv(wall, [good('05', 70), good('06', 8)]);
    expect(second).toMatchObject({ status: 'committed', rowsAccepted: 2, rowsReplaced: 2 });
    expect(await factCount(wall)).toBe(count);
    const replaced = await wall.store.query(
      'SELECT replaced_batch_id, period_start::VARCHAR AS period, value FROM replaced_facts WHERE batch_id = $1 ORDER BY period',
      [second.id],
    );
    expect(replaced).toEqual([
      { replaced_batch_id: first.id, period: '2025-05-01', value: 7 },
      { replaced_batch_id: first.id, period: '2025-06-01', value: 8 },
    ]);
    const [now] = await wall.store.query("SELECT value FROM facts f JOIN units u ON u.id = f.unit_id WHERE u.code = '22810' AND period_start = '2025-05-01'");
    expect(now).toEqual({ value: 70 });
  });

  it('refuses a real figure that overlaps a real figure of the same series at another grain', async () => {
    await ingestCsv(wall, ['telehealth_consultations,22813,,2025-07,,,3,,']);
    const report = await ingestCsv(wall, ['telehealth_consultations,22813,,2025-Q3,,,9,,']);
    expect(report.rejections).toEqual([expect.objectContaining({ row: 2, code: 'grain_conflict', params: { existing_grain: 'month' } })]);
  });

  it('reads a pre-2025 commune code in the 2024 list and places it on its successor', async () => {
    const report = await ingestCsv(wall, ['telehealth_consultations,22831,,2023-03,,,12,,']);
    expect(report.status).toBe('committed');
    const [placed] = await wall.store.query(
      `SELECT u.name AS reported, c.name AS commune, a.name AS area FROM facts f JOIN units u ON u.id = f.unit_id
       JOIN unit_ancestors ac ON ac.unit_id = u.id AND ac.depth = 2 JOIN units c ON c.id = ac.ancestor_id
       JOIN unit_ancestors aa ON aa.unit_id = u.id AND aa.depth = 1 JOIN units a ON a.id = aa.ancestor_id
       WHERE f.batch_id = $1`,
      [report.id],
    );
    expect(placed).toEqual({ reported: 'Nhơn Sơn', commune: 'Đô Vinh', area: 'Ninh Sơn' });
  });

  it("lands the README's sample file, data/samples/figures-sample.csv, whole", async () => {
    const [header, ...lines] = readFileSync(`${repoRoot}/data/samples/figures-sample.csv`, 'utf8').trim().split('\n');
    const report = await ingestCsv(wall, lines, { header, fileName: 'figures-sample.csv' });
    expect(report).toMatchObject({ status: 'committed', rowsAccepted: lines.length, rowsRejected: 0 });
  });

  it('loads a file of 120,000 rows in one batch', async () => {
    const lines: string[] = [];
    const stations = wall.pack.facilities.filter((f) => f.kind === 'commune_health_station').map((f) => f.code);
    for (let day = 0; lines.length < 120_000; day++) {
      const date = new Date(Date.UTC(2019, 0, 1 + day)).toISOString().slice(0, 10);
      for (const station of stations) for (const sex of ['female', 'male']) lines.push(`outpatient_visits,,${station},${date},,,${day % 50},sex:${sex},`);
    }
    const report = await ingestCsv(wall, lines.slice(0, 120_000), { fileName: 'large.csv' });
    expect(report).toMatchObject({ status: 'committed', rowsAccepted: 120_000, rowsRejected: 0 });
  });
});
