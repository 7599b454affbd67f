/**
 * Epidemic surveillance, as data: what a surveillance screen asks for (weekly counts of one
 * indicator by unit, judged against its epidemic threshold) and what it gets. Pure, shared by
 * server and client; the thresholds themselves are server/surveillance/thresholds.ts.
 */
import { z } from 'zod';
import { parsePeriod } from './period.ts';

/** The most weeks one request judges (two years). */
export const SURVEILLANCE_MAX_WEEKS = 104;

export const surveillanceSchema = z
  .object({
    indicator: z.string().regex(/^[a-z][a-z0-9_]*$/),
    /** The units shown: a level of the pack (province, area, commune), under `parent` if given. */
    level: z.string().min(1),
    parent: z.string().min(1).optional(),
    /** How many weeks, ending with `to` (default: the last complete week). */
    weeks: z.coerce.number().int().min(1).max(SURVEILLANCE_MAX_WEEKS).default(12),
    to: z
      .string()
      .refine((w) => {
        const p = parsePeriod(w);
        return !('error' in p) && p.grain === 'week';
      }, 'an ISO week, YYYY-Www')
      .optional(),
  })
  .strict();

export type SurveillanceRequest = z.output<typeof surveillanceSchema>;

export type ThresholdMethod = 'endemic_channel' | 'endemic_channel_log' | 'ears_c1' | 'ears_c2' | 'ears_c3';

export interface JudgedWeek {
  /** 2026-W47, and its Monday. */
  week: string;
  start: string;
  count: number | null;
  expected: number | null;
  threshold: number | null;
  method: ThresholdMethod | null;
  above: boolean;
  previous4Mean: number | null;
  sameWeekLastYear: number | null;
}

export interface SurveillanceAnswer {
  request: SurveillanceRequest;
  /** The rule the catalogue declares for the indicator. */
  rule: { log: boolean; k: number; years: number; window: number; fallback: string; alpha: number };
  weeks: { week: string; start: string }[];
  units: { code: string; name: string; former?: true; weeks: JudgedWeek[] }[];
  /** True when any demo figure went into the counts. */
  demo: boolean;
}

export function surveillanceFromQuery(query: Record<string, unknown>): { request?: SurveillanceRequest; errors: string[] } {
  const candidate = Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string' && v !== ''));
  const result = surveillanceSchema.safeParse(candidate);
  if (result.success) return { request: result.data, errors: [] };
  return { errors: result.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`) };
}
