/**
 * How each indicator's demo figures are made: who reports it, at which grain, and a plausible
 * value for each entity and period, built from deterministic noise, seasons, weekdays and
 * trends, and passing through the real figures where BC-SYT-NT-2024H1 gives them (anchors).
 */
import { daysBetween, periodEnd, type Grain, type Period } from '../schema/period.ts';
import { formerProvinceIsWhole, type Facility, type FacilityKind } from '../schema/pack.ts';
import type { DemoWorld } from './demo-world.ts';
import { gaussian, noise, poisson } from './noise.ts';

export interface DemoRow {
  unit?: string;
  facility?: string;
  numerator?: number;
  denominator?: number;
  value?: number;
  subgroup?: string;
}

/** A real figure to pass through: a rate (or level) of an entity in a period. */
export interface Anchor {
  indicator: string;
  entity: string;
  period: Period;
  value: number;
}

export interface RecipeContext {
  world: DemoWorld;
  /** First day of the demo span: trends are measured from here. */
  from: string;
  anchor(indicator: string, entity: string, day: string): number | undefined;
  anchorsOf(indicator: string, entity: string): Anchor[];
}

export interface Recipe {
  indicator: string;
  grain: Grain;
  rows(period: Period, context: RecipeContext): DemoRow[];
}

const of = <K extends FacilityKind>(world: DemoWorld, ...kinds: K[]) =>
  world.facilities.filter((f): f is Facility & { kind: K } => (kinds as FacilityKind[]).includes(f.kind));
const STATIONS = ['commune_health_station'] as const;
const HOSPITALS_AND_CENTRES = ['provincial_hospital', 'area_health_centre'] as const;
const ALL = ['provincial_hospital', 'area_health_centre', 'commune_health_station'] as const;
const size = (f: Facility) => 0.6 + 0.8 * noise(`size:${f.code}`);
const yearsSince = (from: string, day: string) => daysBetween(from, day) / 365.25;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const days = (p: Period) => daysBetween(p.start, periodEnd(p)) + 1;
const monthOf = (day: string) => Number(day.slice(5, 7));

/**
 * Outpatient visits a facility sees in a day: its size, the weekday, the season and a trend. Not for
 * a private facility: no indicator of the catalogue is reported by one.
 */
function dailyVisits(f: Facility & { kind: Exclude<FacilityKind, 'private' | 'provincial_agency'> }, day: string, from: string): number {
  const base = { provincial_hospital: f.code === 'BV-DKT' ? 1100 : 160, provincial_clinic: 60, area_health_centre: 320, commune_health_station: 22 }[f.kind];
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const week = [0.35, 1.15, 1, 1, 1, 1, 0.65][weekday]!;
  const season = 1 + 0.08 * Math.sin((2 * Math.PI * (daysBetween(`${day.slice(0, 4)}-01-01`, day) - 30)) / 365);
  const level = base * size(f) * week * season * (1 + 0.04 * yearsSince(from, day));
  return Math.max(0, Math.round(level * (1 + 0.12 * gaussian(`visits:${f.code}:${day}`))));
}

/** A rate that moves between the real figures of an entity, or drifts up from a demo start. */
function rateAt(ctx: RecipeContext, indicator: string, entity: string, day: string, start: number, ceiling: number): number {
  const anchors = ctx.anchorsOf(indicator, entity).sort((a, b) => a.period.start.localeCompare(b.period.start));
  const t = yearsSince(ctx.from, day);
  if (anchors.length === 0) return clamp(start + (ceiling - start) * (1 - Math.exp(-t / 2)), 0, ceiling);
  const points = anchors.map((a) => ({ t: yearsSince(ctx.from, periodEnd(a.period)), v: a.value }));
  const before = [...points].reverse().find((p) => p.t <= t);
  const after = points.find((p) => p.t > t);
  if (before && after) return before.v + ((after.v - before.v) * (t - before.t)) / (after.t - before.t);
  const last = before ?? after!;
  // Beyond the last real figure, close a third of the gap to the ceiling each year.
  return clamp(last.v + (ceiling - last.v) * (1 - Math.exp(((before ? 1 : -1) * (t - last.t)) / -3)), 0, ceiling);
}

/** A ratio row from a rate and a denominator. */
const ratio = (rate: number, denominator: number, factor = 100): Pick<DemoRow, 'numerator' | 'denominator'> => ({
  numerator: Math.round((clamp(rate, 0, factor) / factor) * denominator),
  denominator,
});

/** 1/1 once a facility has adopted something (on a demo date, or as the real figure says), else 0/1. */
function adoption(ctx: RecipeContext, indicator: string, f: Facility, period: Period, spread: number): DemoRow {
  const real = ctx.anchor(indicator, f.code, period.start);
  const adopted = real !== undefined ? real >= 1 : yearsSince(ctx.from, periodEnd(period)) > spread * noise(`adopt:${indicator}:${f.code}`);
  return { facility: f.code, numerator: adopted ? 1 : 0, denominator: 1 };
}

function weeklyCases(key: string, period: Period, base: number, peakWeeks: [number, number][]): number {
  const day = daysBetween(`${period.start.slice(0, 4)}-01-01`, period.start);
  const week = Math.floor(day / 7) + 1;
  const inPeak = peakWeeks.some(([a, b]) => week >= a && week <= b);
  const outbreakYear = noise(`${key}:year:${period.start.slice(0, 4)}`) < 0.3 ? 2.5 : 1;
  return poisson(`${key}:${period.start}`, base * (inPeak ? 4 * outbreakYear : 1));
}

export const recipes: Recipe[] = [
  {
    indicator: 'outpatient_visits',
    grain: 'day',
    rows: (p, { world, from }) =>
      // The kinds the catalogue lets report it: a pack's private hospital would be refused, and the wall would not start.
      of(world, 'provincial_hospital', 'provincial_clinic', 'area_health_centre', 'commune_health_station').flatMap((f) => {
        const visits = dailyVisits(f, p.start, from);
        const female = Math.round(visits * (0.5 + 0.06 * noise(`sex:${f.code}:${p.start}`)));
        return [
          { facility: f.code, subgroup: 'sex:female', value: female },
          { facility: f.code, subgroup: 'sex:male', value: visits - female },
        ];
      }),
  },
  {
    indicator: 'inpatient_admissions',
    grain: 'day',
    rows: (p, { world, from }) =>
      of(world, 'provincial_hospital', 'area_health_centre').map((f) => ({
        facility: f.code,
        value: poisson(`admissions:${f.code}:${p.start}`, dailyVisits(f, p.start, from) * 0.08),
      })),
  },
  {
    indicator: 'bed_occupancy',
    grain: 'month',
    rows: (p, { world }) =>
      of(world, 'provincial_hospital', 'area_health_centre').map((f) => {
        const beds = Math.round((f.code === 'BV-DKT' ? 700 : f.kind === 'provincial_hospital' ? 120 : 110) * size(f));
        const rate = 82 + 12 * Math.sin((2 * Math.PI * monthOf(p.start)) / 12) + 8 * gaussian(`occupancy:${f.code}:${p.start}`);
        return { facility: f.code, ...ratio(rate, beds * days(p)) };
      }),
  },
  {
    indicator: 'chip_id_lookup_success',
    grain: 'month',
    rows: (p, ctx) =>
      // The kinds the catalogue lets report it: a pack's other facilities (a provincial clinic) would be refused.
      of(ctx.world, ...ALL).map((f) => {
        const lookups = Math.round(dailyVisits(f, p.start, ctx.from) * days(p) * 0.6);
        return { facility: f.code, ...ratio(rateAt(ctx, 'chip_id_lookup_success', f.code, p.start, 84, 98) + 2 * gaussian(`chip:${f.code}:${p.start}`), lookups) };
      }),
  },
  {
    indicator: 'cashless_payment_rate',
    grain: 'month',
    rows: (p, ctx) =>
      of(ctx.world, 'provincial_hospital', 'area_health_centre').map((f) => {
        const payments = Math.round(dailyVisits(f, p.start, ctx.from) * days(p) * 0.55);
        const rate = rateAt(ctx, 'cashless_payment_rate', f.code, p.start, 3, 70) + 1.5 * gaussian(`cashless:${f.code}:${p.start}`);
        return { facility: f.code, ...ratio(rate, payments) };
      }),
  },
  {
    indicator: 'cashless_amount',
    grain: 'month',
    rows: (p, ctx) =>
      of(ctx.world, 'provincial_hospital', 'area_health_centre').map((f) => {
        const payments = dailyVisits(f, p.start, ctx.from) * days(p) * 0.55;
        const rate = rateAt(ctx, 'cashless_payment_rate', f.code, p.start, 3, 70) / 100;
        const average = f.kind === 'provincial_hospital' ? 420_000 : 160_000;
        return { facility: f.code, value: Math.round(payments * rate * average * (1 + 0.1 * gaussian(`amount:${f.code}:${p.start}`))) };
      }),
  },
  {
    indicator: 'ehr_coverage',
    grain: 'month',
    rows: (p, ctx) =>
      ctx.world.communesAt(p.start).flatMap((c) => {
        const population = ctx.world.population(c.code, p.start);
        if (population === null) return [];
        const rate = rateAt(ctx, 'ehr_coverage', c.areaCode, p.start, 80, 99) + 2.5 * gaussian(`ehr:${c.code}`);
        return [{ unit: c.code, ...ratio(rate, population) }];
      }),
  },
  {
    indicator: 'emr_records',
    grain: 'month',
    rows: (p, ctx) =>
      of(ctx.world, 'provincial_hospital', 'area_health_centre').flatMap((f) => {
        const live = f.code === 'BV-DKT' || ctx.anchor('emr_facilities', f.code, p.start) === 1 || yearsSince(ctx.from, p.start) > 2 * noise(`emr-live:${f.code}`) + 1;
        if (!live) return [];
        const monthsSoFar = monthOf(p.start);
        const perMonth = f.code === 'BV-DKT' ? { inpatient: 5637, outpatient: 35774 } : { inpatient: 400 * size(f), outpatient: 2500 * size(f) };
        return (['inpatient', 'outpatient'] as const).map((type) => ({
          facility: f.code,
          subgroup: `type:${type}`,
          value: Math.round(perMonth[type] * monthsSoFar * (1 + 0.03 * gaussian(`emr:${f.code}:${type}:${p.start}`))),
        }));
      }),
  },
  {
    indicator: 'it_level_tt54',
    grain: 'half',
    rows: (p, ctx) =>
      of(ctx.world, 'provincial_hospital', 'provincial_clinic', 'area_health_centre').map((f) => {
        const real = ctx.anchorsOf('it_level_tt54', f.code)[0];
        const start = real ? real.value : 2 + Math.floor(2 * noise(`it:${f.code}`));
        const since = real ? yearsSince(periodEnd(real.period), periodEnd(p)) : 0;
        return { facility: f.code, value: clamp(Math.round(start + Math.max(0, since) * 0.7 - (since < 0 ? 0.5 : 0)), 0, 7) };
      }),
  },
  // Facilities adopting something one by one: [indicator, grain, who reports, years over which they adopt].
  ...(
    [
      ['chip_id_facilities', 'quarter', ALL, 1.2],
      ['emr_facilities', 'quarter', HOSPITALS_AND_CENTRES, 4],
      ['eprescription_signing', 'quarter', HOSPITALS_AND_CENTRES, 2.5],
      ['station_info_system', 'quarter', STATIONS, 0.8],
      ['asm_deployment', 'quarter', ALL, 3],
      ['station_doctor_coverage', 'quarter', STATIONS, 2.5],
      ['station_national_criteria', 'year', STATIONS, 3],
    ] as const
  ).map(
    ([indicator, grain, kinds, spread]): Recipe => ({
      indicator,
      grain,
      rows: (p, ctx) => of(ctx.world, ...kinds).map((f) => adoption(ctx, indicator, f, p, spread)),
    }),
  ),
  {
    indicator: 'telehealth_consultations',
    grain: 'month',
    rows: (p, ctx) =>
      of(ctx.world, 'commune_health_station').map((f) => ({
        facility: f.code,
        value: poisson(`telehealth:${f.code}:${p.start}`, 40 * size(f) * noise(`telehealth-uptake:${f.code}`) * (1 + yearsSince(ctx.from, p.start))),
      })),
  },
  ...(
    [
      ['driver_certificates_linked', 60, 25],
      ['birth_certificates_linked', 640, 8],
      ['death_certificates_linked', 2, 0.3],
    ] as const
  ).map(
    ([indicator, hospital, centre]): Recipe => ({
      indicator,
      grain: 'month',
      rows: (p, { world }) =>
        of(world, 'provincial_hospital', 'area_health_centre')
          .filter((f) => f.kind === 'area_health_centre' || f.code === 'BV-DKT')
          .map((f) => ({ facility: f.code, value: poisson(`${indicator}:${f.code}:${p.start}`, (f.code === 'BV-DKT' ? hospital : centre) * size(f)) })),
    }),
  ),
  {
    indicator: 'online_public_services',
    grain: 'month',
    // Reported by the province: before a merge of provinces there was none that is today's.
    rows: (p, ctx) =>
      p.start < ctx.world.pack.reorganisation.date && !formerProvinceIsWhole(ctx.world.pack)
        ? []
        : [{ unit: ctx.world.pack.units[0]!.code, ...ratio(rateAt(ctx, 'online_public_services', 'province', p.start, 35, 90) + 4 * gaussian(`online:${p.start}`), 180 + poisson(`applications:${p.start}`, 60)) }],
  },
  {
    indicator: 'doctors_per_10k',
    grain: 'quarter',
    rows: (p, ctx) =>
      ctx.world.areas.flatMap((a) => {
        const population = ctx.world.population(a, p.start);
        if (population === null) return [];
        const perTenThousand = 7.5 + 2.5 * noise(`doctors:${a}`) + 0.35 * yearsSince(ctx.from, p.start);
        return [{ unit: a, ...ratio(perTenThousand, population, 10_000) }];
      }),
  },
  {
    indicator: 'beds_per_10k',
    grain: 'quarter',
    rows: (p, ctx) =>
      ctx.world.areas.flatMap((a) => {
        const population = ctx.world.population(a, p.start);
        if (population === null) return [];
        return [{ unit: a, ...ratio(22 + 10 * noise(`beds:${a}`) + 0.5 * yearsSince(ctx.from, p.start), population, 10_000) }];
      }),
  },
  ...(
    [
      ['full_immunisation_coverage', 0.0014, 96],
      ['measles_rubella_coverage', 0.0013, 94],
    ] as const
  ).map(
    ([indicator, birthsPerPersonMonth, level]): Recipe => ({
      indicator,
      grain: 'month',
      rows: (p, ctx) =>
        of(ctx.world, 'commune_health_station').flatMap((f) => {
          const people = ctx.world.population(f.unitCode, '2026-01-01');
          if (people === null) return [];
          return (['female', 'male'] as const).map((sex) => {
            const due = Math.max(1, poisson(`${indicator}:due:${f.code}:${sex}:${p.start}`, (people / (ctx.world.facilities.filter((g) => g.unitCode === f.unitCode && g.kind === 'commune_health_station').length)) * birthsPerPersonMonth * 0.5));
            return { facility: f.code, subgroup: `sex:${sex}`, ...ratio(level + 3 * gaussian(`${indicator}:${f.code}:${sex}:${p.start}`), due) };
          });
        }),
    }),
  ),
  {
    indicator: 'vaccination_data_entry',
    grain: 'month',
    rows: (p, ctx) =>
      of(ctx.world, 'commune_health_station', 'area_health_centre').map((f) => {
        const doses = poisson(`doses:${f.code}:${p.start}`, (f.kind === 'area_health_centre' ? 600 : 120) * size(f));
        return { facility: f.code, ...ratio(rateAt(ctx, 'vaccination_data_entry', f.code, p.start, 88, 100) + 2 * gaussian(`entry:${f.code}:${p.start}`), Math.max(1, doses)) };
      }),
  },
  {
    indicator: 'dengue_cases',
    grain: 'week',
    rows: (p, { world }) =>
      of(world, 'commune_health_station').map((f) => ({ facility: f.code, value: weeklyCases(`dengue:${f.code}`, p, 0.4 * size(f), [[26, 43]]) })),
  },
  {
    indicator: 'hfmd_cases',
    grain: 'week',
    rows: (p, { world }) =>
      of(world, 'commune_health_station').map((f) => ({ facility: f.code, value: weeklyCases(`hfmd:${f.code}`, p, 0.25 * size(f), [[10, 20], [36, 46]]) })),
  },
  {
    indicator: 'measles_cases',
    grain: 'week',
    rows: (p, { world }) =>
      of(world, 'commune_health_station').map((f) => ({ facility: f.code, value: weeklyCases(`measles:${f.code}`, p, 0.02, [[5, 15]]) })),
  },
];
