/**
 * Answers a forecast request: the unit's monthly series of the indicator from the rollup (the same
 * Σ numerators ÷ Σ denominators as every screen, never a mean of rates), up to the last complete
 * month; the target in force in the year forecast to (the rollup's own rule, targetFor); and the
 * forecast of forecast-series.ts to that month.
 */
import { FORECAST_MAX_MONTHS, FORECAST_MAX_YEAR, forecastRefusal, MODEL_DESCRIPTIONS, methodLabel, type ForecastAnswer, type ForecastRequest } from '../../data/schema/forecast.ts';
import type { Catalogue } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { lastCompleted } from '../../data/schema/period.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { targetFor } from '../rollup/present-rows.ts';
import { runView, ViewError } from '../rollup/run-view.ts';
import type { Store } from '../store/store.ts';
import { forecastSeries, MIN_MONTHS } from './forecast-series.ts';

/** Months of history read: ten years is more than any of these models needs. */
export const HISTORY_MONTHS = 120;
/** The seed of the simulations: fixed, so the same figures always give the same bands. */
const SEED = 20_201_222;

const indexOf = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

export async function runForecast(
  store: Store,
  pack: Pack,
  catalogue: Catalogue,
  reference: RollupReference,
  request: ForecastRequest,
  today: string,
  timeoutMs?: number,
): Promise<ForecastAnswer> {
  const indicator = catalogue.indicators.find((i) => i.code === request.indicator);
  if (!indicator) throw new ViewError([`indicator: no indicator "${request.indicator}"`]);
  const refusal = forecastRefusal(indicator);
  if (refusal) throw new ViewError([`indicator: ${refusal}`]);
  const unit = pack.units.find((u) => u.code === request.unit);
  const unitRef = reference.units.get(request.unit);
  if (!unit || !unitRef) throw new ViewError([`unit: no unit "${request.unit}" in the pack (use a unit code, e.g. the province ${pack.units.find((u) => u.parentCode === null)?.code})`]);
  const entity = reference.unitsById.get(unitRef.id)!;
  const ref = reference.indicators.get(indicator.code)!;

  // The monthly series, to the last complete month.
  const last = indexOf(lastCompleted('month', today).start.slice(0, 7));
  const first = last - HISTORY_MONTHS + 1;
  const { rows } = await runView(
    store,
    reference,
    { indicators: [indicator.code], level: unit.level, ...(unit.parentCode ? { parent: unit.parentCode } : {}), grain: 'month', from: monthOf(first), to: monthOf(last) },
    today,
    timeoutMs,
  );
  const byMonth = new Map<number, { value: number; demo: boolean }>();
  for (const r of rows) if (r.entity.code === unit.code && !r.entity.former && r.value !== null) byMonth.set(indexOf(r.period.start), { value: r.value, demo: r.demo });
  const notes: ForecastAnswer['notes'] = [];
  let end = last;
  while (end >= first && !byMonth.has(end)) end--;
  if (end < first) throw new ViewError([`no monthly figures of ${indicator.code} for ${unit.name} (${unit.code}) up to ${monthOf(last)}: nothing to forecast from`]);
  if (end < last) notes.push({ vi: `Chưa có số liệu sau tháng ${monthOf(end)}; dự báo tính từ tháng đó.`, en: `No figures after ${monthOf(end)}; the forecast starts from there.` });
  // The unbroken stretch of months that ends there: these models need every month.
  let start = end;
  while (start - 1 >= first && byMonth.has(start - 1)) start--;
  if (start - 1 >= first && [...byMonth.keys()].some((k) => k < start))
    notes.push({
      vi: `Chuỗi bị gián đoạn tại tháng ${monthOf(start - 1)}; chỉ dùng ${end - start + 1} tháng liên tục từ ${monthOf(start)}.`,
      en: `The series breaks at ${monthOf(start - 1)}; only the ${end - start + 1} unbroken months from ${monthOf(start)} are used.`,
    });
  const months = end - start + 1;
  if (months < MIN_MONTHS)
    throw new ViewError([`${indicator.code} for ${unit.name} has ${months} unbroken months of figures up to ${monthOf(end)}; a forecast needs at least ${MIN_MONTHS}`]);
  const history = Array.from({ length: months }, (_, i) => ({ month: monthOf(start + i), ...byMonth.get(start + i)! }));

  // The month forecast to: as asked, else the end of the target in force after the data, else a year on.
  let to: number;
  if (request.to) to = indexOf(request.to);
  else {
    let found: number | null = null;
    for (let year = Math.floor((end + 1) / 12); year <= FORECAST_MAX_YEAR && found === null; year++) {
      const t = targetFor(ref.targets, year, entity, undefined);
      if (t) found = Math.min(t.to_year, FORECAST_MAX_YEAR) * 12 + 11;
    }
    to = Math.min(found ?? end + 12, end + FORECAST_MAX_MONTHS);
  }
  const horizon = to - end;
  if (horizon < 1) throw new ViewError([`to: ${monthOf(to)} is not after the last month with figures (${monthOf(end)})`]);
  if (horizon > FORECAST_MAX_MONTHS)
    throw new ViewError([`to: ${monthOf(to)} is ${horizon} months after the last month with figures (${monthOf(end)}); a forecast reaches at most ${FORECAST_MAX_MONTHS} months ahead`]);

  const target = targetFor(ref.targets, Math.floor(to / 12), entity, undefined);
  const direction = indicator.direction;
  const limits = { lower: 0, upper: indicator.kind === 'ratio' && indicator.part_of_whole ? indicator.factor : null };
  const result = forecastSeries(
    history.map((h) => h.value),
    {
      horizon,
      limits,
      target: target && direction !== 'neutral' ? { value: target.value, step: horizon, direction } : null,
      seed: SEED,
    },
  );
  const { backtest } = result;
  if (backtest.origins === 0)
    notes.push({
      vi: `Chưa đủ số liệu để kiểm tra lại mô hình ETS(${result.model.name}) (${months} tháng): hiển thị dự báo ngây thơ${backtest.benchmark === 'naive' ? '' : ' theo mùa'}.`,
      en: `Too few months (${months}) to backtest ETS(${result.model.name}): the ${backtest.benchmark === 'naive' ? 'naive' : 'seasonal naive'} forecast is shown.`,
    });
  return {
    request: { ...request, to: monthOf(to) },
    indicator: { code: indicator.code, name: indicator.name, unit: indicator.unit, direction },
    unit: { code: unit.code, name: unit.name, level: unit.level },
    history,
    forecast: result.steps.map((s) => ({ month: monthOf(end + s.step), mean: s.mean, lo80: s.lo80, hi80: s.hi80, lo95: s.lo95, hi95: s.hi95 })),
    method: result.method,
    label: methodLabel(result.method, result.model.name),
    model: {
      name: result.model.name,
      description: MODEL_DESCRIPTIONS[result.model.name],
      params: result.model.params,
      aicc: result.model.aicc,
      sigma: result.model.sigma,
      candidates: result.model.candidates,
    },
    backtest: {
      origins: backtest.origins,
      horizon: backtest.horizon,
      forecasts: backtest.forecasts,
      scaleLag: backtest.scaleLag,
      mase: backtest.mase,
      benchmark: backtest.benchmark,
      relative: backtest.relative !== null && Number.isFinite(backtest.relative) ? backtest.relative : null,
      beats: backtest.beats,
    },
    limits,
    target: target ? { value: target.value, source: target.source, fromYear: target.from_year, toYear: target.to_year, month: monthOf(to) } : null,
    probability: result.probability,
    paths: result.paths,
    demo: history.some((h) => h.demo),
    notes,
  };
}
