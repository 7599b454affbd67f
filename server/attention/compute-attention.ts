/**
 * Gathers what needs action from the parts that already judge the figures: epidemic thresholds
 * crossed in the last complete week (surveillance), units below a target in force for the last
 * complete period and for how long (rollups), reports missing past their deadline and figures
 * flagged or refused in the last complete month (data quality). Reads only; ranked by severity.
 */
import { attentionText, documentName, numberText, rankAttention, type AttentionItem } from '../../data/schema/attention.ts';
import { deadlineDays, exampleGrain, type Catalogue, type Indicator } from '../../data/schema/indicator.ts';
import { reportingRule, type Pack } from '../../data/schema/pack.ts';
import { formatPeriod, lastClosed, lastCompleted, parsePeriod, periodOf, type Period } from '../../data/schema/period.ts';
import { describeRejection } from '../../data/schema/rejection.ts';
import type { RollupRow } from '../../data/schema/view.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { runView } from '../rollup/run-view.ts';
import type { Store } from '../store/store.ts';
import { runQuality } from '../quality/run-quality.ts';
import { runSurveillance } from '../surveillance/run-surveillance.ts';

/** How many periods back a gap to target is followed, to say since when. */
const BELOW_HISTORY = 12;
/** Completeness under which an area's reporting is an item. */
const COMPLETE_ENOUGH = 90;

export interface AttentionContext {
  store: Store;
  pack: Pack;
  catalogue: Catalogue;
  reference: RollupReference;
  today: string;
  timeoutMs?: number;
}

const explore = (indicator: string, unit: string, period: string) => `/explore?${new URLSearchParams({ indicator, unit, period })}`;
const areaLevel = (pack: Pack) => pack.levels[1]?.id ?? pack.levels[0]!.id;
const top = (pack: Pack) => pack.units.find((u) => u.parentCode === null)!;

async function epidemics(c: AttentionContext): Promise<AttentionItem[]> {
  const items: AttentionItem[] = [];
  for (const indicator of c.catalogue.indicators.filter((i) => i.alert)) {
    const answer = await runSurveillance(c.store, c.catalogue, c.reference, { indicator: indicator.code, level: areaLevel(c.pack), weeks: 1 }, c.today, c.timeoutMs);
    for (const unit of answer.units) {
      const week = unit.weeks.at(-1);
      if (!week?.above) continue;
      const period = parsePeriod(week.week) as Period;
      items.push({
        kind: 'epidemic',
        severity: Math.min(100, 90 + 10 * (week.count! / Math.max(week.threshold!, 1) - 1)),
        indicator: { code: indicator.code, name: indicator.short_name },
        unit: { code: unit.code, name: unit.name },
        period: week.week,
        text: attentionText.epidemic({ unit: unit.name, indicator: indicator.short_name, period, count: week.count!, threshold: week.threshold!, expected: week.expected! }),
        link: explore(indicator.code, unit.code, formatPeriod(periodOf('month', week.start))),
        demo: answer.demo,
      });
    }
  }
  return items;
}

/** "88,2%" and "6,8 điểm" for percentages; "1.234 lượt" and "12%" for the rest. */
function gapTexts(indicator: Indicator, row: RollupRow, language: 'vi' | 'en') {
  const unit = indicator.unit[language];
  const value = `${numberText(row.value!, language)}${unit === '%' ? '%' : ` ${unit}`}`;
  const target = `${numberText(row.target!.value, language)}${unit === '%' ? '%' : ` ${unit}`}`;
  const gap = Math.abs(row.target!.value - row.value!);
  const gapText =
    unit === '%' ? (language === 'vi' ? `${numberText(gap, language)} điểm` : `${numberText(gap, language)} points`) : `${numberText((gap / row.target!.value) * 100, language)}%`;
  return { value, target, gap: gapText };
}

async function belowTargets(c: AttentionContext): Promise<AttentionItem[]> {
  const items: AttentionItem[] = [];
  for (const indicator of c.catalogue.indicators.filter((i) => i.targets.length > 0 && i.kind !== 'level')) {
    const grain = exampleGrain(indicator);
    // The last closed period: a provisional one judges no one (its missing reports are items of their own).
    const last = lastClosed(grain, deadlineDays(indicator, reportingRule(c.pack)), c.today);
    for (const level of [c.pack.levels[0]!.id, areaLevel(c.pack)]) {
      const { rows } = await runView(c.store, c.reference, { indicators: [indicator.code], level, grain, last: BELOW_HISTORY, to: formatPeriod(last) }, c.today, c.timeoutMs);
      const byEntity = new Map<string, RollupRow[]>();
      for (const r of rows) byEntity.set(r.entity.code, [...(byEntity.get(r.entity.code) ?? []), r]);
      for (const series of byEntity.values()) {
        series.sort((a, b) => a.period.start.localeCompare(b.period.start));
        const latest = series.at(-1)!;
        // Short of its target, whether near it (within 5%) or further: the gap sets the severity. Only final figures have a status.
        const short = (r: RollupRow) => r.status === 'below' || r.status === 'near';
        if (latest.period.start !== last.start || !short(latest)) continue;
        let first = series.length - 1;
        while (first > 0 && short(series[first - 1]!)) first--;
        const periods = series.length - first;
        const gapShare = Math.abs(latest.target!.value - latest.value!) / Math.max(Math.abs(latest.target!.value), 1e-9);
        const status = latest.status as 'near' | 'below';
        const text = attentionText.belowTarget({
          unit: latest.entity.name,
          indicator: indicator.short_name,
          status,
          since: { grain, start: series[first]!.period.start },
          source: documentName(latest.target!.source),
          figures: { vi: gapTexts(indicator, latest, 'vi'), en: gapTexts(indicator, latest, 'en') },
        });
        items.push({
          kind: 'below_target',
          // 40–85: below epidemics, the larger and longer the gap the higher.
          severity: 40 + Math.min(35, gapShare * 150) + Math.min(10, periods),
          indicator: { code: indicator.code, name: indicator.short_name },
          unit: { code: latest.entity.code, name: latest.entity.name },
          status,
          period: formatPeriod(last),
          text,
          link: explore(indicator.code, latest.entity.code, formatPeriod(last)),
          demo: latest.demo,
        });
      }
    }
  }
  return items;
}

async function reporting(c: AttentionContext): Promise<AttentionItem[]> {
  const month = lastCompleted('month', c.today);
  const label = formatPeriod(month);
  const answer = await runQuality(c.store, c.catalogue, c.reference, { level: areaLevel(c.pack), from: label, to: label }, c.today, c.timeoutMs);
  const items: AttentionItem[] = answer.units
    .filter((u) => u.completeness !== null && u.completeness < COMPLETE_ENOUGH)
    .map((u) => ({
      kind: 'reports_missing' as const,
      severity: 30 + (100 - u.completeness!) / 2,
      indicator: null,
      unit: u.unit,
      period: label,
      text: attentionText.reportsMissing({ unit: u.unit.name, period: month, missing: u.expected - u.received, completeness: u.completeness! }),
      link: explore('quality', u.unit.code, label),
      demo: answer.demo,
    }));
  const reporterName = (code: string) => c.pack.facilities.find((f) => f.code === code)?.name ?? c.pack.units.find((u) => u.code === code)?.name ?? code;
  const indicatorOf = (code: string) => c.catalogue.indicators.find((i) => i.code === code);
  const indicatorName = (code: string) => indicatorOf(code)?.short_name ?? { vi: code, en: code };
  for (const f of answer.flags) {
    const period = parsePeriod(f.period);
    if ('error' in period) continue;
    const unit = f.unit ?? { code: top(c.pack).code, name: top(c.pack).name };
    const base = { indicator: { code: f.indicator, name: indicatorName(f.indicator) }, unit, period: f.period, link: explore('quality', unit.code, label), demo: answer.demo };
    if (f.kind === 'sudden_jump' && f.value !== null && f.against !== null)
      items.push({ ...base, kind: 'flag', severity: 35, text: attentionText.suddenJump({
          unit: unit.name,
          reporter: reporterName(f.entity),
          indicator: indicatorName(f.indicator),
          measure: indicatorOf(f.indicator)?.unit ?? { vi: '', en: '' },
          period,
          value: f.value,
          against: f.against,
        }) });
    else if (f.refused) {
      const why = f.kind === 'numerator_exceeds_denominator' ? 'numerator_exceeds_denominator' : 'unknown_unit';
      const reason = { row: null, column: null, value: String(f.kind === 'numerator_exceeds_denominator' ? f.value : f.entity), code: why, params: { denominator: String(f.against ?? ''), list_vi: 'danh mục đơn vị', list_en: 'the unit list' } } as const;
      items.push({
        ...base,
        kind: 'flag',
        severity: 45,
        text: attentionText.refused({ unit: unit.name, reporter: reporterName(f.entity), indicator: indicatorName(f.indicator), period, why: { vi: describeRejection(reason, 'vi'), en: describeRejection(reason, 'en') } }),
      });
    }
  }
  return items;
}

export async function computeAttention(c: AttentionContext): Promise<AttentionItem[]> {
  const parts = await Promise.all([epidemics(c), belowTargets(c), reporting(c)]);
  return rankAttention(parts.flat());
}
