/**
 * Fuzz: numbers written every way people write them (Vietnamese and English grouping, decimal
 * commas, spaces, %, exponents, other scripts' digits) go through ingest, and none may land as a
 * different number than the one it was written from. Refusing is always allowed; landing wrong never.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCsv } from '../support/ingest.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

let wall: TestWall;
beforeAll(async () => {
  wall = await openTestWall();
});
afterAll(() => wall.close());

/** A seeded generator, so a failure can be reproduced from its seed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const group = (digits: string, separator: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
const script = (text: string, zero: number) => text.replace(/\d/g, (d) => String.fromCharCode(zero + Number(d)));

/** Ways to write a number (given as its plain decimal text); each may or may not be readable. */
const STYLES: Record<string, (plain: string) => string> = {
  plain: (p) => p,
  padded: (p) => `  ${p} `,
  leadingZero: (p) => `0${p}`,
  enGrouped: (p) => {
    const [i, f] = p.split('.');
    return group(i!, ',') + (f ? `.${f}` : '');
  },
  viGrouped: (p) => {
    const [i, f] = p.split('.');
    return group(i!, '.') + (f ? `,${f}` : '');
  },
  viDecimal: (p) => p.replace('.', ','),
  spaced: (p) => {
    const [i, f] = p.split('.');
    return group(i!, ' ') + (f ? `,${f}` : '');
  },
  noBreakSpaced: (p) => {
    const [i, f] = p.split('.');
    return group(i!, '\u00a0') + (f ? `,${f}` : '');
  },
  percent: (p) => `${p}%`,
  viPercent: (p) => `${p.replace('.', ',')}%`,
  exponent: (p) => Number(p).toExponential(),
  plus: (p) => `+${p}`,
  fullWidth: (p) => script(p, 0xff10),
  arabicIndic: (p) => script(p, 0x0660),
  trailingPoint: (p) => (p.includes('.') ? p : `${p}.`),
  decimalZeros: (p) => (p.includes('.') ? `${p}00` : `${p}.000`),
};

interface Case {
  field: 'count' | 'rate' | 'rate per 10,000' | 'numerator';
  value: number;
  text: string;
  style: string;
  landed?: boolean;
}

/** Digits with at most a decimal point, as the README asks: the only form that may land. */
const PLAIN = /^\s*\d+(\.\d+)?\s*$/;

const MONTHS = Array.from({ length: 16 }, (_, i) => {
  const m = new Date(Date.UTC(2025, 6 + i, 1));
  return `${m.getUTCFullYear()}-${String(m.getUTCMonth() + 1).padStart(2, '0')}`;
});

describe('messy numbers at ingest', () => {
  it('never land as a different number than the one they were written from', async () => {
    const communes = wall.pack.units.filter((u) => u.level === 'commune').map((u) => u.code);
    const next = random(20261130);
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const keys = communes.flatMap((c) => MONTHS.map((m) => [c, m] as const));
    const cases = new Map<string, Case>();
    const lines: Record<string, string[]> = { count: [], rate: [], 'rate per 10,000': [], numerator: [] };
    const styles = Object.keys(STYLES);
    keys.forEach(([unit, month], k) => {
      const style = styles[k % styles.length]!;
      for (const field of Object.keys(lines) as Case['field'][]) {
        // A count of any size; a percentage 0–100 with 0–3 decimals; a rate per 10,000 (not a share) 0–60.
        const value =
          field === 'count' || field === 'numerator'
            ? Math.floor(next() ** 3 * 5_000_000)
            : Number(((field === 'rate' ? 100 : 60) * next()).toFixed(Math.floor(next() * 4)));
        const text = STYLES[style]!(String(value));
        cases.set(`${field}|${unit}|${month}`, { field, value, text, style });
        const cell = quote(text);
        if (field === 'count') lines.count!.push(`telehealth_consultations,${unit},,${month},,,${cell},,`);
        if (field === 'rate') lines.rate!.push(`ehr_coverage,${unit},,${month},,,${cell},,`);
        if (field === 'rate per 10,000') lines['rate per 10,000']!.push(`doctors_per_10k,${unit},,${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)},,,${cell},,`);
        if (field === 'numerator') lines.numerator!.push(`station_doctor_coverage,,TYT-${unit},${month},${cell},5000000,,,`);
      }
    });
    // Quarters repeat across months: keep the first figure of each quarter for the rate per 10,000.
    const seen = new Set<string>();
    lines['rate per 10,000'] = lines['rate per 10,000']!.filter((l) => {
      const key = l.split(',').slice(1, 4).join(',');
      return !seen.has(key) && seen.add(key);
    });

    const otherForms = [...cases.values()].filter((c) => !PLAIN.test(c.text));
    const landedByStyle = new Map<string, number>();
    let landed = 0;
    for (const [field, rows] of Object.entries(lines)) {
      const report = await ingestCsv(wall, rows, { partial: true, fileName: `fuzz-${field.replace(/\W/g, '')}.csv` });
      const stored = await wall.store.query<{ unit: string; facility: string | null; grain: string; start: string; value: number; numerator: number | null }>(
        `SELECT u.code AS unit, fa.code AS facility, f.grain::VARCHAR AS grain, strftime(f.period_start, '%Y-%m') AS start, f.value, f.numerator
         FROM facts f JOIN units u ON u.id = f.unit_id LEFT JOIN facilities fa ON fa.id = f.facility_id WHERE f.batch_id = $1`,
        [report.id],
      );
      for (const s of stored) {
        const c = cases.get(`${field}|${s.unit}|${s.start}`)!;
        const got = field === 'numerator' ? s.numerator : s.value;
        expect(got, `${field} written ${JSON.stringify(c.text)} (${c.style}) from ${c.value}`).toBe(c.value);
        landedByStyle.set(c.style, (landedByStyle.get(c.style) ?? 0) + 1);
        c.landed = true;
        landed++;
      }
    }
    // The plain forms land (so this test can fail); no other form of writing ever does.
    expect(landed).toBeGreaterThan(150);
    for (const style of ['plain', 'padded', 'leadingZero']) expect(landedByStyle.get(style), style).toBeGreaterThan(5);
    expect(otherForms.filter((c) => c.landed).map((c) => `${c.field} ${JSON.stringify(c.text)}`)).toEqual([]);
    expect(otherForms.length).toBeGreaterThan(300);
  });
});
