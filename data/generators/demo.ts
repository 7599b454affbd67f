/**
 * Writes demo figures as CSV files in the ingest format, one or more per indicator, every row
 * with the source "DEMO" so the wall marks it. The CSVs then go through the same validated
 * ingest as any upload (server/cli/demo-data.ts), flagged as demo.
 */
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { deadlineDays, type Catalogue, type Indicator } from '../schema/indicator.ts';
import { reportingRule, type Pack, type ReportingRule } from '../schema/pack.ts';
import { completedPeriods, formatPeriod, parsePeriod, periodEnd, type Period } from '../schema/period.ts';
import { recipes, type Anchor, type DemoRow, type RecipeContext } from './demo-recipes.ts';
import { demoWorld } from './demo-world.ts';
import { noise } from './noise.ts';

/** The source every demo figure carries; pages name it "Dữ liệu demo (sinh tự động)", never this file. */
export const DEMO_SOURCE = 'DEMO';
const HEADER = 'indicator,unit,facility,period,numerator,denominator,value,subgroup,source,reported_on\n';
/** Rows per file: large runs are split so each batch stays a manageable transaction. */
const ROWS_PER_FILE = 2_000_000;

export interface DemoFile {
  path: string;
  indicator: string;
  rows: number;
}

/** The real figures of a pack (its figures CSVs) as anchors: a rate or value per entity and period. */
export function anchorsFromFigures(csvTexts: string[], catalogue: Catalogue): Anchor[] {
  const factor = new Map(catalogue.indicators.map((i) => [i.code, i.factor]));
  return csvTexts.flatMap((text) =>
    (parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[]).flatMap((r) => {
      const period = parsePeriod(r.period ?? '');
      if ('error' in period || !r.indicator) return [];
      const value =
        r.value !== '' && r.value !== undefined
          ? Number(r.value)
          : (Number(r.numerator) / Number(r.denominator)) * (factor.get(r.indicator) ?? 1);
      return Number.isFinite(value) ? [{ indicator: r.indicator, entity: r.facility || r.unit!, period, value }] : [];
    }),
  );
}

function contextFor(pack: Pack, anchors: Anchor[], from: string): RecipeContext {
  const byKey = new Map<string, Anchor[]>();
  for (const a of anchors) {
    const key = `${a.indicator}|${a.entity}`;
    byKey.set(key, [...(byKey.get(key) ?? []), a]);
  }
  const anchorsOf = (indicator: string, entity: string) => [...(byKey.get(`${indicator}|${entity}`) ?? [])];
  return {
    world: demoWorld(pack),
    from,
    anchorsOf,
    anchor: (indicator, entity, day) =>
      anchorsOf(indicator, entity).find((a) => a.period.start <= day && day <= periodEnd(a.period))?.value,
  };
}

const cell = (n: number | string | undefined) => (n === undefined ? '' : String(n));
const line = (indicator: string, period: string, r: DemoRow, reportedOn: string) =>
  `${indicator},${cell(r.unit)},${cell(r.facility)},${period},${cell(r.numerator)},${cell(r.denominator)},${cell(r.value)},${cell(r.subgroup)},${DEMO_SOURCE},${reportedOn}\n`;

export interface DemoOptions {
  pack: Pack;
  catalogue: Catalogue;
  anchors: Anchor[];
  /** Last day with figures (YYYY-MM-DD); the span starts on 1 January two years before. */
  to: string;
  outDir: string;
  only?: string[];
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The day a demo reporter sent a period's figures, so that data quality has something true to
 * show: most send within the deadline, about one reporter in eight is habitually late, and now
 * and then a report never comes (1.5%, null). Reports that would come after `to` (the day the
 * demo is generated for) have come on that day: the newest periods are not left empty.
 */
export function demoReportedOn(indicator: Indicator, rule: ReportingRule, entity: string, period: Period, to: string): string | null {
  const key = `${indicator.code}:${entity}:${period.start}`;
  if (noise(`missing:${key}`) < 0.015) return null;
  const deadline = deadlineDays(indicator, rule);
  const late = noise(`late:${entity}`) < 0.125 || noise(`late:${key}`) < 0.05;
  const delay = late ? deadline + 1 + Math.floor(noise(`delay:${key}`) * 14) : Math.floor(noise(`delay:${key}`) * (deadline + 1));
  const day = addDays(periodEnd(period), delay);
  return day <= to ? day : to;
}

export function writeDemoFiles({ pack, catalogue, anchors, to, outDir, only }: DemoOptions): DemoFile[] {
  const indicators = new Map(catalogue.indicators.map((i) => [i.code, i]));
  const from = `${Number(to.slice(0, 4)) - 2}-01-01`;
  const context = contextFor(pack, anchors, from);
  mkdirSync(outDir, { recursive: true });
  const files: DemoFile[] = [];
  for (const recipe of recipes.filter((r) => !only || only.includes(r.indicator))) {
    let fd = -1;
    let part = 0;
    const open = () => {
      if (fd >= 0) closeSync(fd);
      const path = join(outDir, `${recipe.indicator}${part > 0 ? `-${part}` : ''}.csv`);
      fd = openSync(path, 'w');
      writeSync(fd, HEADER);
      files.push({ path, indicator: recipe.indicator, rows: 0 });
      part++;
    };
    open();
    const periods: Period[] = completedPeriods(recipe.grain, from, to);
    for (const period of periods) {
      const name = formatPeriod(period);
      const rows = recipe.rows(period, context).flatMap((r) => {
        const day = demoReportedOn(indicators.get(recipe.indicator)!, reportingRule(pack), r.facility ?? r.unit!, period, to);
        return day ? [line(recipe.indicator, name, r, day)] : [];
      });
      if (files.at(-1)!.rows + rows.length > ROWS_PER_FILE) open();
      writeSync(fd, rows.join(''));
      files.at(-1)!.rows += rows.length;
    }
    closeSync(fd);
    // Nothing to make (per-population figures of a pack without population): no file, as ingest refuses an empty one.
    if (files.at(-1)!.rows === 0) rmSync(files.pop()!.path);
  }
  return files;
}
