/**
 * Forecasts to the target date, as data: what a screen asks for (one indicator's monthly series for
 * one unit, forecast to a month) and what it gets (the history, the forecast with 80% and 95%
 * intervals, the method shown and why, the target in force then and the probability of meeting it).
 * Pure, shared by server and client; the method is server/forecast/.
 */
import { z } from 'zod';
import type { Indicator } from './indicator.ts';

/** The latest month a forecast may reach, and the most months ahead of the data it may go. */
export const FORECAST_MAX_YEAR = 2035;
export const FORECAST_MAX_MONTHS = 120;

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM')
  .refine((m) => Number(m.slice(0, 4)) >= 2000 && Number(m.slice(0, 4)) <= FORECAST_MAX_YEAR, `a month from 2000-01 to ${FORECAST_MAX_YEAR}-12`);

export const forecastSchema = z
  .object({
    indicator: z.string().regex(/^[a-z][a-z0-9_]*$/),
    /** A unit of the pack, by code (the province, an area, a commune). */
    unit: z.string().min(1).max(40),
    /** The month to forecast to (default: the end of the target in force after the data, else 12 months on). */
    to: month.optional(),
  })
  .strict();

export type ForecastRequest = z.output<typeof forecastSchema>;

/**
 * Why an indicator has no monthly series to forecast, or null when it has one. The API refuses by
 * it and screens offer a forecast by it, so a screen never asks for one that will be refused.
 */
export function forecastRefusal(indicator: Pick<Indicator, 'code' | 'kind' | 'frequency'>): string | null {
  if (indicator.kind === 'level') return `${indicator.code} is a level (a distribution of facilities by level), not a monthly value: there is no series to forecast`;
  if (['quarter', 'half', 'year'].includes(indicator.frequency)) return `${indicator.code} is reported by ${indicator.frequency}: it has no monthly series to forecast`;
  return null;
}

/** ETS(error, trend, season) names: A additive, N none, Ad additive damped. */
export type ForecastModel = 'ANN' | 'AAN' | 'AAdN' | 'ANA' | 'AAA' | 'AAdA';
/** What the answer shows: the model, or the benchmark it failed to beat. */
export type ForecastMethod = 'ets' | 'seasonal_naive' | 'naive';

export interface ForecastPoint {
  month: string;
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

export interface ForecastAnswer {
  request: ForecastRequest & { to: string };
  indicator: { code: string; name: { vi: string; en: string }; unit: { vi: string; en: string }; direction: 'higher_is_better' | 'lower_is_better' | 'neutral' };
  unit: { code: string; name: string; level: string };
  /** The monthly series the forecast is made from (Σ numerators ÷ Σ denominators, as every screen), oldest first. */
  history: { month: string; value: number; demo: boolean }[];
  /** The forecast, from the month after the last in the history to `to`. */
  forecast: ForecastPoint[];
  method: ForecastMethod;
  /** What the screen must say about the method (Vietnamese, English). */
  label: { vi: string; en: string };
  /** The exponential-smoothing model AICc chose (shown only when method is 'ets'). */
  model: {
    name: ForecastModel;
    description: { vi: string; en: string };
    params: { alpha: number; beta: number | null; gamma: number | null; phi: number | null };
    aicc: number;
    sigma: number;
    candidates: { model: ForecastModel; aicc: number }[];
  };
  /** Rolling-origin backtest: MASE of the model and the benchmarks, and the benchmark it had to beat. */
  backtest: {
    origins: number;
    horizon: number;
    forecasts: number;
    scaleLag: number;
    mase: { model: number | null; naive: number | null; seasonalNaive: number | null };
    benchmark: 'naive' | 'seasonal_naive';
    /** Model MASE ÷ benchmark MASE; the model is shown below FORECAST_BEATS. */
    relative: number | null;
    beats: boolean;
  };
  /** Values the indicator can take: a share never above its factor, nothing below 0. */
  limits: { lower: number | null; upper: number | null };
  /** The target in force in the year of `to`, if any. */
  target: { value: number; source: string; fromYear: number; toYear: number; month: string } | null;
  /** Probability that the value of `to` meets the target (≥, or ≤ for lower-is-better), or null without one. */
  probability: number | null;
  /** Sample paths the intervals and probability come from (null: a benchmark's analytic intervals). */
  paths: number | null;
  /** True when any demo figure went into the history. */
  demo: boolean;
  /** Anything the reader should know about the data used (gaps, a shortened history). */
  notes: { vi: string; en: string }[];
}

/** The model is shown when its backtest MASE is below this share of the benchmark's: a real gain, not the noise of the backtest. */
export const FORECAST_BEATS = 0.95;

export const MODEL_DESCRIPTIONS: Record<ForecastModel, { vi: string; en: string }> = {
  ANN: { vi: 'San bằng mũ đơn giản (mức)', en: 'Simple exponential smoothing (level)' },
  AAN: { vi: 'Holt: mức và xu hướng tuyến tính', en: "Holt's linear trend" },
  AAdN: { vi: 'Xu hướng tắt dần', en: 'Damped trend' },
  ANA: { vi: 'Mức và mùa vụ (cộng)', en: 'Level with additive seasonality' },
  AAA: { vi: 'Holt–Winters: xu hướng và mùa vụ (cộng)', en: 'Holt–Winters additive (trend and seasonality)' },
  AAdA: { vi: 'Xu hướng tắt dần và mùa vụ (cộng)', en: 'Damped trend with additive seasonality' },
};

export function methodLabel(method: ForecastMethod, model: ForecastModel): { vi: string; en: string } {
  if (method === 'ets') {
    const d = MODEL_DESCRIPTIONS[model];
    return { vi: `Dự báo ETS(${model}) – ${d.vi}`, en: `ETS(${model}) forecast – ${d.en}` };
  }
  if (method === 'seasonal_naive')
    return {
      vi: 'Dự báo ngây thơ theo mùa (giá trị cùng tháng năm trước): mô hình không dự báo tốt hơn khi kiểm tra lại',
      en: 'Seasonal naive forecast (same month last year): no model beat it in the backtest',
    };
  return {
    vi: 'Dự báo ngây thơ (giữ giá trị tháng gần nhất): mô hình không dự báo tốt hơn khi kiểm tra lại',
    en: 'Naive forecast (last value carried forward): no model beat it in the backtest',
  };
}

export function forecastFromQuery(query: Record<string, unknown>): { request?: ForecastRequest; errors: string[] } {
  const candidate = Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string' && v !== ''));
  const result = forecastSchema.safeParse(candidate);
  if (result.success) return { request: result.data, errors: [] };
  return { errors: result.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`) };
}
