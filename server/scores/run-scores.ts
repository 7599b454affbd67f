/**
 * Answers a scores request. The values are the rollup's: one view holding every indicator of the
 * scheme, at the requested level (under a parent) and period, so each value is Σnumerator ÷
 * Σdenominator (counts summed, stocks their last values) over what lies under the unit, with the
 * target in force for the unit and year; then each is normalised, and components, totals, ranks
 * and the sensitivity of the ranks are computed (score.ts, sensitivity.ts).
 *
 * What-if (set=INDICATOR:UNIT:VALUE): the unit's value of the indicator is replaced before it is
 * normalised, at the level being scored. It does not flow up or down: an area's value is Σ/Σ of
 * its communes' counts, so a commune's what-if would change its area only through numerators and
 * denominators, which a rate alone does not give; the answer says so. Other components move only
 * through elasticities that are set (default none: the answer says they are not modelled).
 */
import type { Catalogue, Indicator } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { formatPeriod, GRAIN_WORDS, GRAINS, lastCompleted, parsePeriod, periodEnd, type Grain, type Period } from '../../data/schema/period.ts';
import {
  equalWeights,
  otherAggregation,
  type Missing,
  type MissingReason,
  type ScoredComponent,
  type ScoredUnit,
  type ScoreScheme,
  type ScoresAnswer,
  type ScoresRequest,
  type WhatIfUnit,
} from '../../data/schema/scores.ts';
import type { RollupRow } from '../../data/schema/view.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { targetFor } from '../rollup/present-rows.ts';
import { runView, ViewError } from '../rollup/run-view.ts';
import type { Store } from '../store/store.ts';
import { aggregate, applyElasticities, flatIndicators, normaliseInput, rankTotals, scoreUnit, type Direction, type Input, type Normalised, type ScoreModel } from './score.ts';
import { sensitivity } from './sensitivity.ts';

export interface ScoresContext {
  store: Store;
  pack: Pack;
  catalogue: Catalogue;
  reference: RollupReference;
  scheme: ScoreScheme;
  timeoutMs?: number;
}

type Words = { vi: string; en: string };

/** The scheme with the request's weights, goalposts and method laid over it. */
export function modelFor(scheme: ScoreScheme, catalogue: Catalogue, request: Pick<ScoresRequest, 'weights' | 'goalposts' | 'method'>): ScoreModel {
  const direction = (code: string) => catalogue.indicators.find((i) => i.code === code)!.direction as Direction;
  return {
    method: request.method,
    components: scheme.components.map((c) => ({
      component: c.component,
      weight: request.weights[c.component] ?? c.weight,
      indicators: c.indicators.map((i) => ({
        indicator: i.indicator,
        weight: request.weights[i.indicator] ?? i.weight,
        direction: direction(i.indicator),
        goalposts: request.goalposts[i.indicator] ?? i.goalposts,
      })),
    })),
  };
}

/** A unit's row of the rollup for each indicator of the model (flat order), in one period. */
export interface UnitFigures {
  code: string;
  name: string;
  former?: true;
  rows: (RollupRow | null)[];
}

export interface PeriodFigures {
  period: Period;
  units: UnitFigures[];
}

/**
 * The rollup's figures of the scheme's indicators for every unit of a level (under a parent), for
 * each period of a grain from → to: one view, one SQL statement. Units with no figure at all are
 * there too (every indicator missing), so nothing drops out of a ranking silently.
 */
export async function readFigures(
  context: ScoresContext,
  model: ScoreModel,
  where: { level: string; parent?: string; grain: Grain; from: string; to: string },
): Promise<{ periods: PeriodFigures[]; demo: boolean }> {
  const { pack } = context;
  if (!pack.levels.some((l) => l.id === where.level))
    throw new ViewError([`level: "${where.level}" is not a level of the pack (${pack.levels.map((l) => l.id).join(', ')})`]);
  if (where.parent !== undefined) {
    const parent = pack.units.find((u) => u.code === where.parent);
    if (!parent) throw new ViewError([`parent: no unit "${where.parent}" in the pack`]);
    const depth = (level: string) => pack.levels.findIndex((l) => l.id === level);
    if (depth(parent.level) >= depth(where.level)) throw new ViewError([`parent: ${where.parent} is not above the level ${where.level}`]);
  }
  const { indicators } = flatIndicators(model);
  // Only what can have a figure here: an indicator reported quarterly has none in a month, one
  // reported by areas none for a commune (scorePeriod says why); the view is the quicker for it.
  const catalogueOf = new Map(context.catalogue.indicators.map((i) => [i.code, i]));
  const asked = indicators.map((i) => i.indicator).filter((code) => absentBecause(catalogueOf.get(code)!, where.grain, pack, where.level) === 'no_figure');
  const answer =
    asked.length > 0
      ? await runView(
          context.store,
          context.reference,
          { indicators: asked, level: where.level, ...(where.parent ? { parent: where.parent } : {}), grain: where.grain, from: where.from, to: where.to },
          where.from,
          context.timeoutMs,
        )
      : { rows: [] as RollupRow[] };
  const parents = new Map(pack.units.map((u) => [u.code, u.parentCode]));
  const under = (code: string) => {
    if (!where.parent) return true;
    for (let c: string | null | undefined = code; c; c = parents.get(c)) if (c === where.parent) return true;
    return false;
  };
  const units: { code: string; name: string; former?: true }[] = pack.units.filter((u) => u.level === where.level && under(u.code)).map((u) => ({ code: u.code, name: u.name }));
  const key = (entity: { code: string; former?: true }) => `${entity.former ? 'former:' : ''}${entity.code}`;
  const known = new Set(units.map(key));
  for (const row of answer.rows)
    if (!known.has(key(row.entity))) {
      known.add(key(row.entity));
      units.push({ code: row.entity.code, name: row.entity.name, ...(row.entity.former ? { former: true as const } : {}) });
    }
  const index = new Map(indicators.map((i, n) => [i.indicator, n]));
  const byPeriod = new Map<string, Map<string, (RollupRow | null)[]>>();
  for (const row of answer.rows) {
    const rows = byPeriod.get(row.period.start) ?? new Map<string, (RollupRow | null)[]>();
    byPeriod.set(row.period.start, rows);
    const list = rows.get(key(row.entity)) ?? indicators.map(() => null);
    rows.set(key(row.entity), list);
    list[index.get(row.indicator)!] = row;
  }
  const first = parsePeriod(where.from) as Period;
  const last = parsePeriod(where.to) as Period;
  const periods: PeriodFigures[] = [];
  for (let p = first; p.start <= last.start; p = { grain: where.grain, start: nextDay(periodEnd(p)) }) {
    const rows = byPeriod.get(p.start);
    periods.push({ period: p, units: units.map((u) => ({ ...u, rows: rows?.get(key(u)) ?? indicators.map(() => null) })) });
  }
  return { periods, demo: answer.rows.some((r) => r.demo) };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The deepest level whose units can hold a figure of an indicator: its reporting level when units
 * report it, and the levels of the units holding a facility of a kind that reports it.
 */
const reporterDepths = new WeakMap<Pack, Map<string, number>>();
function deepestReporter(indicator: Indicator, pack: Pack): number {
  const known = reporterDepths.get(pack) ?? new Map<string, number>();
  reporterDepths.set(pack, known);
  if (!known.has(indicator.code)) known.set(indicator.code, reporterDepthOf(indicator, pack));
  return known.get(indicator.code)!;
}

function reporterDepthOf(indicator: Indicator, pack: Pack): number {
  const levels = pack.levels.map((l) => l.id);
  const unitLevel = new Map(pack.units.map((u) => [u.code, levels.indexOf(u.level)]));
  let depth = indicator.reported_by.includes('unit') ? levels.indexOf(indicator.reporting_level ?? levels.at(-1)!) : -1;
  for (const f of pack.facilities) if ((indicator.reported_by as string[]).includes(f.kind)) depth = Math.max(depth, unitLevel.get(f.unitCode) ?? -1);
  return depth;
}

/** Why an indicator has no figure for a unit: not reported at this level (whatever the period), not at this grain, or simply none. */
function absentBecause(indicator: Indicator, grain: Grain, pack: Pack, level: string): MissingReason {
  if (deepestReporter(indicator, pack) < pack.levels.findIndex((l) => l.id === level)) return 'not_at_level';
  if (GRAINS.indexOf(indicator.frequency) > GRAINS.indexOf(grain)) return 'not_in_grain';
  return 'no_figure';
}

function missingWords(reason: MissingReason, indicator: Indicator, grain: Grain, pack: Pack): Words {
  const f = GRAIN_WORDS[indicator.frequency];
  const g = GRAIN_WORDS[grain];
  const level = pack.levels[Math.max(0, deepestReporter(indicator, pack))]!;
  switch (reason) {
    case 'not_in_grain':
      return { vi: `Báo cáo theo ${f.vi}: không có số liệu theo ${g.vi}; chọn kỳ ${f.vi} hoặc dài hơn để tính.`, en: `Reported ${f.every}: no figure in a ${g.en}; score a ${f.en} or longer to include it.` };
    case 'not_at_level':
      return { vi: `Chỉ có số liệu từ cấp ${level.name.vi.toLowerCase()} trở lên.`, en: `Reported for the ${level.name.en.toLowerCase()} level and above only.` };
    case 'no_figure':
      return { vi: 'Không có số liệu trong kỳ.', en: 'No figure in the period.' };
    case 'no_value':
      return { vi: 'Chỉ có tỷ lệ gửi không kèm tử số và mẫu số: không cộng dồn được.', en: 'Only rates sent without their counts: they cannot be added up.' };
    case 'no_target':
      return { vi: 'Không có chỉ tiêu hiệu lực trong năm và lược đồ không đặt mốc thay thế.', en: 'No target in force that year, and the scheme sets no goal without one.' };
    case 'bad_goalposts':
      return { vi: 'Chỉ tiêu hiệu lực không vượt mốc sàn: không chuẩn hóa được.', en: 'The target in force is not beyond the floor: there is nothing to scale between.' };
  }
}

export interface PeriodScores {
  period: Period;
  units: {
    figures: UnitFigures;
    inputs: Input[];
    normalised: Normalised[];
    components: ReturnType<typeof scoreUnit>['components'];
    total: number | null;
    rank: number | null;
  }[];
}

/** Scores and ranks of every unit in one period, from its figures. */
export function scorePeriod(context: Pick<ScoresContext, 'catalogue' | 'pack'>, model: ScoreModel, figures: PeriodFigures, level: string): PeriodScores {
  const { indicators } = flatIndicators(model);
  const catalogueOf = new Map(context.catalogue.indicators.map((i) => [i.code, i]));
  const absent = indicators.map((i) => absentBecause(catalogueOf.get(i.indicator)!, figures.period.grain, context.pack, level));
  const units = figures.units.map((u) => {
    const inputs = u.rows.map((row, n): Input => {
      if (!row) return { missing: absent[n]! };
      if (row.value === null) return { missing: 'no_value' };
      return { value: row.value, target: row.target?.value ?? null };
    });
    const normalised = inputs.map((input, n) => normaliseInput(indicators[n]!, input));
    const score = scoreUnit(model, normalised.map((x) => x.normalised));
    return { figures: u, inputs, normalised, components: score.components, total: score.total, rank: null as number | null };
  });
  rankTotals(units.map((u) => u.total)).forEach((r, i) => (units[i]!.rank = r));
  return { period: figures.period, units };
}

/** Scores of every unit of a level for each period of a grain over a span (the bench; the API asks for one period). */
export async function scoresOverPeriods(
  context: ScoresContext,
  model: ScoreModel,
  where: { level: string; parent?: string; grain: Grain; from: string; to: string },
): Promise<{ periods: PeriodScores[]; demo: boolean }> {
  const { periods, demo } = await readFigures(context, model, where);
  return { periods: periods.map((p) => scorePeriod(context, model, p, where.level)), demo };
}

const round = (x: number | null, digits = 4) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

export async function runScores(context: ScoresContext, request: ScoresRequest, today: string): Promise<ScoresAnswer> {
  const { scheme, catalogue, pack } = context;
  const periodText = request.period ?? formatPeriod(lastCompleted('month', today));
  const period = parsePeriod(periodText) as Period;
  const model = modelFor(scheme, catalogue, request);
  const { indicators, offsets } = flatIndicators(model);
  const catalogueOf = new Map(catalogue.indicators.map((i) => [i.code, i]));
  const { periods, demo } = await readFigures(context, model, { level: request.level, ...(request.parent ? { parent: request.parent } : {}), grain: period.grain, from: periodText, to: periodText });
  const scored = scorePeriod(context, model, periods[0]!, request.level);

  const spread =
    request.draws > 0
      ? sensitivity(model, scored.units.map((u) => u.normalised.map((n) => n.normalised)), {
          draws: request.draws,
          concentration: request.concentration,
          seed: request.seed,
          otherMethodShare: scheme.sensitivity.other_method_share,
        })
      : null;

  // What-if: the values replaced at this level, scored again with the same model.
  const sets = request.set.map((s) => {
    const unit = scored.units.find((u) => u.figures.code === s.unit && !u.figures.former);
    if (!unit) throw new ViewError([`set: "${s.unit}" is not a unit of the level ${request.level}${request.parent ? ` under ${request.parent}` : ''} (a what-if applies at the level being scored)`]);
    return { ...s, unit, n: indicators.findIndex((i) => i.indicator === s.indicator) };
  });
  const elasticities = [
    ...scheme.elasticities.filter((e) => !request.elasticities.some((r) => r.from === e.from && r.to === e.to)),
    ...request.elasticities.map((e) => ({ ...e, citation: e.citation ?? scheme.elasticities.find((s) => s.from === e.from && s.to === e.to)?.citation ?? null })),
  ].filter((e) => e.coefficient !== 0);
  const componentIndex = new Map(model.components.map((c, k) => [c.component, k]));
  const componentWeights = model.components.map((c) => c.weight);

  let whatIf: ScoresAnswer['whatIf'] = null;
  const replaced = new Map<string, { value: number; normalised: number | null }>();
  if (sets.length > 0) {
    const after = scored.units.map((u) => {
      const mine = sets.filter((s) => s.unit === u);
      if (mine.length === 0) return { components: u.components.map((c) => c.score), direct: u.components.map((c) => c.score), indirect: u.components.map(() => 0) };
      const normalised = u.normalised.map((x) => x.normalised);
      for (const s of mine) {
        const row = u.figures.rows[s.n];
        const ref = context.reference.indicators.get(s.indicator)!;
        const target = row?.target?.value ?? targetFor(ref.targets, Number(period.start.slice(0, 4)), { code: u.figures.code, name: u.figures.name, facilityKind: null, unitCode: u.figures.code }, undefined)?.value ?? null;
        normalised[s.n] = normaliseInput(indicators[s.n]!, { value: s.value, target }).normalised;
        replaced.set(`${u.figures.code}|${s.indicator}`, { value: s.value, normalised: round(normalised[s.n]!) });
      }
      const direct = scoreUnit(model, normalised).components.map((c) => c.score);
      const { after: components, indirect } = applyElasticities(
        u.components.map((c) => c.score),
        direct,
        elasticities.map((e) => ({ from: componentIndex.get(e.from)!, to: componentIndex.get(e.to)!, coefficient: e.coefficient })),
      );
      return { components, direct, indirect };
    });
    const totals = after.map((a) => aggregate(a.components, componentWeights, model.method));
    const ranks = rankTotals(totals);
    const byComponent = (scores: (number | null)[]) => Object.fromEntries(model.components.map((c, k) => [c.component, round(scores[k]!)]));
    const units: WhatIfUnit[] = scored.units.map((u, i) => ({
      code: u.figures.code,
      name: u.figures.name,
      before: { components: byComponent(u.components.map((c) => c.score)), total: round(u.total), rank: u.rank },
      after: { components: byComponent(after[i]!.components), total: round(totals[i]!), rank: ranks[i]! },
      indirect: Object.fromEntries(model.components.map((c, k) => [c.component, round(after[i]!.indirect[k]!)!]).filter(([, v]) => v !== 0)),
      changed: totals[i] !== u.total || ranks[i] !== u.rank,
    }));
    const levelName = context.pack.levels.find((l) => l.id === request.level)?.name ?? { vi: request.level, en: request.level };
    const notes: Words[] = [
      {
        vi: `Giá trị giả định thay cho số liệu của đơn vị ở cấp đang tính (${levelName.vi}) trước khi chuẩn hóa; không lan lên cấp trên hay xuống cấp dưới (giá trị cấp trên là Σ tử số ÷ Σ mẫu số của cấp dưới).`,
        en: `A what-if value replaces the unit's figure at the level being scored (${levelName.en}) before normalisation; it does not flow up or down (a higher level's value is Σ numerators ÷ Σ denominators of the units below).`,
      },
      elasticities.length === 0
        ? { vi: 'Các cấu phần khác không được mô hình hóa: chưa đặt hệ số tác động nào, chỉ cấu phần chứa chỉ số thay đổi được tính lại.', en: 'Other components are not modelled: no elasticity is set, so only the components holding the changed indicators are recomputed.' }
        : { vi: 'Tác động sang cấu phần khác chỉ qua các hệ số tác động đã đặt (bậc một, không lan tiếp).', en: 'Effects on other components come only through the elasticities set (first order, not chained).' },
    ];
    whatIf = {
      sets: sets.map((s) => ({ indicator: s.indicator, unit: s.unit.figures.code, value: s.value, name: s.unit.figures.name, was: s.unit.figures.rows[s.n]?.value ?? null })),
      elasticities,
      otherComponents: elasticities.length === 0 ? 'not_modelled' : 'elasticities',
      notes,
      units,
    };
  }

  const units: ScoredUnit[] = scored.units.map((u, i) => {
    const components: ScoredComponent[] = model.components.map((c, k) => {
      const items = c.indicators.map((ind, j) => {
        const n = offsets[k]! + j;
        const row = u.figures.rows[n];
        const norm = u.normalised[n]!;
        const indicator = catalogueOf.get(ind.indicator)!;
        const missing: Missing | undefined = norm.missing
          ? { indicator: ind.indicator, reason: norm.missing, message: missingWords(norm.missing, indicator, period.grain, pack) }
          : undefined;
        return {
          indicator: ind.indicator,
          name: indicator.short_name,
          weight: ind.weight,
          share: round(u.components[k]!.indicatorShares[j]!),
          value: row?.value ?? null,
          numerator: row?.numerator ?? null,
          denominator: row?.denominator ?? null,
          target: row?.target ?? null,
          goalposts: norm.posts,
          normalised: round(norm.normalised),
          ...(replaced.has(`${u.figures.code}|${ind.indicator}`) ? { whatIf: replaced.get(`${u.figures.code}|${ind.indicator}`)! } : {}),
          ...(missing ? { missing } : {}),
        };
      });
      return {
        component: c.component,
        name: scheme.components[k]!.name,
        weight: c.weight,
        share: round(u.components[k]!.share),
        score: round(u.components[k]!.score),
        indicators: items,
        missing: items.flatMap((x) => (x.missing ? [x.missing] : [])),
      };
    });
    const missingComponents = components.filter((c) => c.score === null && c.weight > 0).map((c) => c.component);
    const s = spread?.[i];
    return {
      code: u.figures.code,
      name: u.figures.name,
      ...(u.figures.former ? { former: true as const } : {}),
      components,
      missingComponents,
      complete: components.every((c) => c.weight === 0 || c.indicators.every((x) => x.weight === 0 || !x.missing)),
      total: round(u.total),
      rank: u.rank,
      ...(spread ? { medianRank: s?.medianRank ?? null, rankInterval: s ? ([s.p5, s.p95] as [number, number]) : null } : {}),
    };
  });
  units.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, 'vi'));

  const notes: Words[] = [];
  for (const ind of indicators) {
    const missingAll = units.every((u) => u.components.some((c) => c.missing.some((m) => m.indicator === ind.indicator)));
    if (missingAll && units.length > 0) {
      const m = units[0]!.components.flatMap((c) => c.missing).find((x) => x.indicator === ind.indicator)!;
      notes.push({ vi: `${catalogueOf.get(ind.indicator)!.short_name.vi}: thiếu ở mọi đơn vị. ${m.message.vi}`, en: `${catalogueOf.get(ind.indicator)!.short_name.en}: missing for every unit. ${m.message.en}` });
    }
  }
  if (units.some((u) => u.missingComponents.length > 0))
    notes.push({
      vi: 'Đơn vị thiếu cả một cấu phần: điểm tổng tính trên các cấu phần có số liệu, trọng số chia lại theo tỷ lệ; không điền giá trị thay thế.',
      en: 'Units missing a whole component: the total is over the components present, their weights renormalised; nothing is imputed.',
    });

  const defaults = new Map(scheme.components.flatMap((c) => [[c.component, c.weight] as const, ...c.indicators.map((i) => [i.indicator, i.weight] as const)]));
  const changed =
    request.method !== scheme.method ||
    Object.entries(request.weights).some(([code, w]) => defaults.get(code) !== w) ||
    Object.keys(request.goalposts).length > 0;
  const equal = equalWeights(scheme);
  return {
    request: { ...request, period: periodText },
    period: { grain: period.grain, start: period.start, end: periodEnd(period), label: periodText },
    scheme: {
      name: scheme.name,
      method: request.method,
      defaultMethod: scheme.method,
      equalByDefault: equal,
      weightsNote: equal
        ? { vi: 'Trọng số mặc định bằng nhau: mọi cấu phần, và mọi chỉ số trong một cấu phần, có cùng trọng số.', en: 'The default weights are equal: every component, and every indicator within a component, weighs the same.' }
        : { vi: 'Trọng số mặc định do lược đồ đã duyệt đặt (không bằng nhau).', en: 'The default weights are the reviewed scheme\u2019s (not equal).' },
      changed,
      components: model.components.map((c, k) => ({
        component: c.component,
        name: scheme.components[k]!.name,
        weight: c.weight,
        defaultWeight: scheme.components[k]!.weight,
        indicators: c.indicators.map((i, j) => ({
          indicator: i.indicator,
          name: catalogueOf.get(i.indicator)!.short_name,
          direction: i.direction,
          weight: i.weight,
          defaultWeight: scheme.components[k]!.indicators[j]!.weight,
          goalposts: i.goalposts,
        })),
      })),
      formula: {
        vi: 'Chuẩn hóa 0–100 theo mốc (chiều tốt hơn, chặn trên ở 100 tại chỉ tiêu, sàn 1); điểm cấu phần = trung bình cộng có trọng số của các chỉ số có số liệu; điểm tổng = trung bình cộng hoặc trung bình nhân có trọng số của các cấu phần.',
        en: 'Normalised 0–100 between goalposts (by direction, capped at 100 at the goal, floored at 1); component = weighted arithmetic mean of the indicators present; total = weighted arithmetic or geometric mean of the components.',
      },
    },
    units,
    sensitivity: spread
      ? {
          draws: request.draws,
          concentration: request.concentration,
          seed: request.seed,
          otherMethodShare: scheme.sensitivity.other_method_share,
          method: {
            vi: `${request.draws} lần rút ngẫu nhiên trọng số theo phân phối Dirichlet(c·w) quanh trọng số đã chọn (c = ${request.concentration}), ${Math.round(scheme.sensitivity.other_method_share * 100)}% số lần tính bằng phương pháp ${otherAggregation(request.method) === 'geometric' ? 'trung bình nhân' : 'trung bình cộng'}; mỗi đơn vị: thứ hạng trung vị và khoảng 5–95% (Sổ tay OECD/JRC về xây dựng chỉ số tổng hợp, 2008).`,
            en: `${request.draws} draws of weights from a Dirichlet(c·w) around the chosen weights (c = ${request.concentration}), ${Math.round(scheme.sensitivity.other_method_share * 100)}% of them aggregated with the ${otherAggregation(request.method)} mean; per unit the median rank and the 5–95% rank interval (OECD/JRC Handbook on Constructing Composite Indicators, 2008).`,
          },
        }
      : null,
    whatIf,
    notes,
    demo,
  };
}
