/**
 * Data quality, as data: what a quality screen asks for and what it gets back. Pure, shared by
 * server and client.
 *
 * A report is what one reporter (a facility, or a commune for indicators units report) owes for
 * one period of an indicator's frequency. It is assessed once its deadline (period end + the
 * indicator's deadline days) has passed: received if any figure of that indicator by that
 * reporter lies within the period; on time if the earliest was reported by the deadline.
 * Completeness = Σ received ÷ Σ expected and timeliness = Σ on time ÷ Σ expected, summed over the
 * reporters under a unit (never a mean of rates), in the month the report's period ends.
 *
 * Consistency flags: a numerator above its denominator (refused at ingest); a sudden jump against
 * the reporter's own history (robust z-score: 0.6745·(x − median) ÷ MAD of its previous
 * JUMP_HISTORY values, a day against the same weekday of earlier weeks, at least JUMP_MIN_HISTORY of them, flagged above JUMP_THRESHOLD, after
 * Iglewicz and Hoaglin; for counts the MAD is taken no smaller than chance gives a Poisson count,
 * 0.6745·√median, and series whose median is under JUMP_MIN_COUNT_MEDIAN are not judged, so that
 * 1 → 4 cases is not a jump); a rate reported without its counts; figures for a unit closed by the
 * reorganisation or unknown (refused at ingest); a reported total kept as a check whose parts (the
 * figures under it that count, server/store/counted-once.ts) do not add up to it: value is the
 * total, against the parts' sum (null where they cannot be compared: other periods, rates alone).
 */
import { z } from 'zod';
import { parsePeriod } from './period.ts';

export const JUMP_HISTORY = 12;
export const JUMP_MIN_HISTORY = 6;
export const JUMP_THRESHOLD = 3.5;
/** Sparse counts (a few cases a week) are judged by the surveillance alert thresholds, not here. */
export const JUMP_MIN_COUNT_MEDIAN = 10;

export const FLAG_KINDS = ['numerator_exceeds_denominator', 'sudden_jump', 'rate_without_counts', 'closed_unit', 'unknown_unit', 'total_vs_parts'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/** The longest span a quality request may cover (its work grows with months × reporters × indicators). */
export const QUALITY_MAX_MONTHS = 36;
const monthsBetween = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));

const month = z.string().refine((m) => {
  const p = parsePeriod(m);
  return !('error' in p) && p.grain === 'month';
}, 'a month, YYYY-MM');

export const qualitySchema = z
  .object({
    /** The level the figures are shown at: province, area or commune. */
    level: z.string().min(1),
    /** Only units under this one. */
    parent: z.string().min(1).optional(),
    /** One indicator, or all of them. */
    indicator: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
    /** The months shown, by the month a report's period ends in. */
    from: month,
    to: month,
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'from is after to' })
  .refine((q) => monthsBetween(q.from, q.to) < QUALITY_MAX_MONTHS, {
    message: `the span is too long: a quality request covers at most ${QUALITY_MAX_MONTHS} months`,
  });

export type QualityRequest = z.output<typeof qualitySchema>;

export function qualityFromQuery(query: Record<string, unknown>): { request?: QualityRequest; errors: string[] } {
  const candidate = Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string' && v !== ''));
  const result = qualitySchema.safeParse(candidate);
  if (result.success) return { request: result.data, errors: [] };
  return { errors: result.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`) };
}

export interface Counts {
  expected: number;
  received: number;
  onTime: number;
  /** received ÷ expected and onTime ÷ expected, in percent; null when nothing was expected. */
  completeness: number | null;
  timeliness: number | null;
}

export interface QualityCell extends Counts {
  unit: { code: string; name: string };
  month: string;
}

export interface LateReporter {
  reporter: { code: string; name: string; unitCode: string };
  expected: number;
  missing: number;
  late: number;
  /** The longest delay past a deadline, in days, of its late or missing reports (missing ones count to today): a sum over months would read as one delay. */
  daysLate: number;
}

export interface QualityFlag {
  kind: FlagKind;
  indicator: string;
  /** The unit or facility as named in the report (its code), and the unit it is under, when known. */
  entity: string;
  /** Its name (a facility's short name, a unit's name, a closed unit's former name); null for a code in no list. */
  name: string | null;
  unit: { code: string; name: string } | null;
  period: string;
  /** The figure and what it was judged against (the denominator; the median of its history). */
  value: number | null;
  against: number | null;
  /** Refused at ingest (the figure never landed), or landed and only flagged. */
  refused: boolean;
  batch: number;
}

export interface QualityAnswer {
  request: QualityRequest;
  /** The months shown, and the last day whose deadlines were assessed. */
  months: string[];
  assessedTo: string;
  cells: QualityCell[];
  /** Over the whole range: per unit, and for all units shown together. */
  units: (Counts & { unit: { code: string; name: string } })[];
  total: Counts;
  /** Reporters with the most missing and late reports, worst first (the first LATEST of them). */
  latest: LateReporter[];
  /**
   * Over every reporter under the units shown, not only those listed in `latest`: how many owe
   * reports in the months shown, how many have at least one missing, and at least one missing or
   * late.
   */
  reporters: { owing: number; missing: number; missingOrLate: number };
  flags: QualityFlag[];
  /** Some counted report was demo data. */
  demo: boolean;
}

export const rate = (part: number, whole: number): number | null => (whole > 0 ? (part / whole) * 100 : null);
