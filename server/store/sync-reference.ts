/**
 * Writes the pack (units, facilities, population) and the indicator catalogue into the store.
 * Runs on every start: the files are the source of truth for reference data. Units, facilities
 * and indicators are upserted by code so their integer ids, which facts refer to, never change;
 * the tables derived from them are rebuilt.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalogue, Indicator } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { rebuildFactMonths } from './fact-months.ts';
import { inTransaction, rows, type Params } from './store.ts';

export const CURRENT_ERA = 'current';

interface UnitRow {
  code: string;
  era: string;
  name: string;
  fullName: string;
  level: string;
  parentCode: string | null;
  successorCode: string | null;
  areaKm2: number | null;
}

/** Today's units, then the former communes that a reorganisation replaced. */
function unitRows(pack: Pack): UnitRow[] {
  const { formerEra } = pack.reorganisation;
  const successor = new Map(pack.crosswalk.map((c) => [c.oldCommuneCode, c.newCommuneCode]));
  const current = pack.units.map((u) => ({ ...u, era: CURRENT_ERA, successorCode: null, areaKm2: u.areaKm2 }));
  const former = pack.formerUnits
    .filter((u) => u.level === 'commune')
    .map((u) => ({
      code: u.code,
      era: formerEra,
      name: u.name,
      fullName: u.name,
      level: 'commune',
      // A former commune's area is the health area keeping its former district's code.
      parentCode: u.parentCode,
      successorCode: successor.get(u.code) ?? null,
      areaKm2: null,
    }));
  return [...current, ...former];
}

async function runEach(connection: DuckDBConnection, sql: string, list: Params[]): Promise<void> {
  const statement = await connection.prepare(sql);
  for (const params of list) {
    statement.bind(params);
    await statement.run();
  }
}

async function syncUnits(connection: DuckDBConnection, pack: Pack): Promise<void> {
  const depth = new Map(pack.levels.map((l, i) => [l.id, i]));
  const units = unitRows(pack);
  await runEach(
    connection,
    `INSERT INTO units (code, era, name, full_name, level, depth, area_km2) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (code, era) DO UPDATE SET name = excluded.name, full_name = excluded.full_name,
       level = excluded.level, depth = excluded.depth, area_km2 = excluded.area_km2`,
    units.map((u) => [u.code, u.era, u.name, u.fullName, u.level, depth.get(u.level)!, u.areaKm2]),
  );
  const ids = new Map(
    (await rows<{ id: number; code: string; era: string }>(connection, 'SELECT id, code, era FROM units')).map((r) => [
      `${r.era}:${r.code}`,
      r.id,
    ]),
  );
  const currentId = (code: string | null) => (code === null ? null : (ids.get(`${CURRENT_ERA}:${code}`) ?? null));
  await runEach(
    connection,
    'UPDATE units SET parent_id = $1, successor_id = $2 WHERE code = $3 AND era = $4',
    units.map((u) => [currentId(u.parentCode), currentId(u.successorCode), u.code, u.era]),
  );

  // Ancestors: walk up parents; a former commune stands for its successor at its own depth.
  const byKey = new Map(units.map((u) => [`${u.era}:${u.code}`, u]));
  const ancestors: Params[] = [];
  for (const u of units) {
    const id = ids.get(`${u.era}:${u.code}`)!;
    ancestors.push([id, depth.get(u.level)!, u.successorCode ? currentId(u.successorCode)! : id]);
    for (let parent = u.parentCode; parent !== null; ) {
      const p = byKey.get(`${CURRENT_ERA}:${parent}`)!;
      ancestors.push([id, depth.get(p.level)!, currentId(p.code)!]);
      parent = p.parentCode;
    }
  }
  await connection.run('DELETE FROM unit_ancestors');
  await runEach(connection, 'INSERT INTO unit_ancestors VALUES ($1, $2, $3)', ancestors);

  // A code in a file is read in today's list, or for earlier periods in the former era's list,
  // where district and province codes name the areas and the province that kept them.
  const { formerEra } = pack.reorganisation;
  const codes: Params[] = pack.units.map((u) => [u.code, CURRENT_ERA, currentId(u.code)!]);
  for (const u of pack.formerUnits) {
    const id = u.level === 'commune' ? ids.get(`${formerEra}:${u.code}`) : currentId(u.code);
    if (id !== undefined && id !== null) codes.push([u.code, formerEra, id]);
  }
  await connection.run('DELETE FROM unit_codes');
  await runEach(connection, 'INSERT INTO unit_codes VALUES ($1, $2, $3)', codes);

  await connection.run('DELETE FROM unit_population');
  await runEach(
    connection,
    'INSERT INTO unit_population VALUES ($1, $2, $3, $4)',
    pack.population.map((p) => [currentId(p.unitCode)!, p.year, p.population, p.source]),
  );

  await runEach(
    connection,
    `INSERT INTO facilities (code, name, short_name, kind, tier, unit_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
       kind = excluded.kind, tier = excluded.tier, unit_id = excluded.unit_id`,
    pack.facilities.map((f) => [f.code, f.name, f.shortName, f.kind, f.tier, currentId(f.unitCode)!]),
  );
}

function indicatorParams(i: Indicator): Params {
  return [
    i.code,
    i.kind,
    i.over_time ?? null,
    i.factor,
    i.part_of_whole,
    i.level_scale?.min ?? null,
    i.level_scale?.max ?? null,
    i.component,
    i.direction,
    i.frequency,
    JSON.stringify(i),
  ];
}

async function syncCatalogue(connection: DuckDBConnection, catalogue: Catalogue): Promise<void> {
  const aggregation = "SELECT string_agg(code || kind || COALESCE(over_time, ''), ',' ORDER BY code) AS a FROM indicators";
  const [before] = await rows<{ a: string | null }>(connection, aggregation);
  await runEach(
    connection,
    `INSERT INTO indicators (code, kind, over_time, factor, part_of_whole, level_min, level_max, component, direction, frequency, spec)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, over_time = excluded.over_time, factor = excluded.factor,
       part_of_whole = excluded.part_of_whole, level_min = excluded.level_min, level_max = excluded.level_max,
       component = excluded.component, direction = excluded.direction, frequency = excluded.frequency, spec = excluded.spec`,
    catalogue.indicators.map(indicatorParams),
  );
  const [after] = await rows<{ a: string | null }>(connection, aggregation);
  // The monthly summary holds flows only: a change of kind changes what belongs in it.
  if (before!.a !== null && before!.a !== after!.a) await rebuildFactMonths(connection);
  const ids = new Map(
    (await rows<{ id: number; code: string }>(connection, 'SELECT id, code FROM indicators')).map((r) => [r.code, r.id]),
  );
  const each = <T>(pick: (i: Indicator) => T[], row: (id: number, item: T) => Params) =>
    catalogue.indicators.flatMap((i) => pick(i).map((item) => row(ids.get(i.code)!, item)));

  for (const table of ['indicator_reporters', 'indicator_subgroups', 'targets']) await connection.run(`DELETE FROM ${table}`);
  await runEach(connection, 'INSERT INTO indicator_reporters VALUES ($1, $2)', each((i) => i.reported_by, (id, r) => [id, r]));
  await runEach(
    connection,
    'INSERT INTO indicator_subgroups VALUES ($1, $2)',
    each(
      (i) => Object.entries(i.subgroups).flatMap(([dimension, values]) => values.map((v) => `${dimension}:${v}`)),
      (id, s) => [id, s],
    ),
  );
  await runEach(
    connection,
    'INSERT INTO targets VALUES ($1, $2, $3, $4, $5, $6, $7)',
    each(
      (i) => i.targets,
      (id, t) => {
        const [kind, value] = Object.entries(t.scope)[0]!;
        return [id, kind, kind === 'province' ? null : String(value), t.from_year, t.to_year, t.value, t.source];
      },
    ),
  );
}

export async function syncReference(connection: DuckDBConnection, pack: Pack, catalogue: Catalogue): Promise<void> {
  await inTransaction(connection, async () => {
    await syncUnits(connection, pack);
    await syncCatalogue(connection, catalogue);
  });
}
