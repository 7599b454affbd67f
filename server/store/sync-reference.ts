/**
 * Writes the pack (units, facilities, population) and the indicator catalogue into the store.
 * Runs on every start: the files are the source of truth for reference data. Units, facilities
 * and indicators are upserted by code so their integer ids, which facts refer to, never change;
 * the tables derived from them are rebuilt.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { totalsOf, type Catalogue, type Indicator } from '../../data/schema/indicator.ts';
import { formerProvinceParts, type Pack } from '../../data/schema/pack.ts';
import { markChecks } from './counted-once.ts';
import { rebuildFactMonths, startMonthKeys } from './fact-months.ts';
import { inTransaction, rows } from './store.ts';

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

type Cell = string | number | boolean | null;

/**
 * Puts rows into a temp table of text columns with an appender, for one set-based statement to
 * read: a prepared statement per row inside one transaction keeps ~90 KB of undo per row in
 * DuckDB, which a scaled pack (thousands of facilities) ran out of memory on.
 */
async function bulk(connection: DuckDBConnection, columns: string[], list: Cell[][], statement: string): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE bulk (${columns.map((c) => `${c} VARCHAR`).join(', ')})`);
  const appender = await connection.createAppender('bulk', 'main', 'temp');
  for (const row of list) {
    for (const cell of row) {
      if (cell === null) appender.appendNull();
      else appender.appendVarchar(String(cell));
    }
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(statement);
}

async function syncUnits(connection: DuckDBConnection, pack: Pack): Promise<void> {
  const depth = new Map(pack.levels.map((l, i) => [l.id, i]));
  const units = unitRows(pack);
  await bulk(
    connection,
    ['code', 'era', 'name', 'full_name', 'level', 'depth', 'area_km2'],
    units.map((u) => [u.code, u.era, u.name, u.fullName, u.level, depth.get(u.level)!, u.areaKm2]),
    `INSERT INTO units (code, era, name, full_name, level, depth, area_km2) SELECT * FROM bulk
     ON CONFLICT (code, era) DO UPDATE SET name = excluded.name, full_name = excluded.full_name,
       level = excluded.level, depth = excluded.depth, area_km2 = excluded.area_km2`,
  );
  const ids = new Map(
    (await rows<{ id: number; code: string; era: string }>(connection, 'SELECT id, code, era FROM units')).map((r) => [
      `${r.era}:${r.code}`,
      r.id,
    ]),
  );
  const currentId = (code: string | null) => (code === null ? null : (ids.get(`${CURRENT_ERA}:${code}`) ?? null));
  await bulk(
    connection,
    ['parent_id', 'successor_id', 'code', 'era'],
    units.map((u) => [currentId(u.parentCode), currentId(u.successorCode), u.code, u.era]),
    `UPDATE units SET parent_id = b.parent_id::INTEGER, successor_id = b.successor_id::INTEGER
     FROM bulk b WHERE units.code = b.code AND units.era = b.era`,
  );

  // Ancestors: walk up parents; a former commune stands for its successor at its own depth.
  const byKey = new Map(units.map((u) => [`${u.era}:${u.code}`, u]));
  const ancestors: Cell[][] = [];
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
  await bulk(connection, ['unit_id', 'depth', 'ancestor_id'], ancestors, 'INSERT INTO unit_ancestors SELECT * FROM bulk');

  // A code in a file is read in today's list, or for earlier periods in the former era's list,
  // where district and province codes name the areas and the province that kept them. A former
  // province stands for today's only when it was the whole of it: where provinces were merged
  // (Khánh Hòa with Ninh Thuận), a figure for one of the former provinces is refused, not shown
  // as the total of today's (validate.ts says why: former_province_part).
  const { formerEra } = pack.reorganisation;
  const codes: Cell[][] = pack.units.map((u) => [u.code, CURRENT_ERA, currentId(u.code)!]);
  const parts = new Set(formerProvinceParts(pack));
  for (const u of pack.formerUnits) {
    if (parts.has(u)) continue;
    const id = u.level === 'commune' ? ids.get(`${formerEra}:${u.code}`) : currentId(u.code);
    if (id !== undefined && id !== null) codes.push([u.code, formerEra, id]);
  }
  await connection.run('DELETE FROM unit_codes');
  await bulk(connection, ['code', 'era', 'unit_id'], codes, 'INSERT INTO unit_codes SELECT * FROM bulk');

  await connection.run('DELETE FROM unit_population');
  await bulk(
    connection,
    ['unit_id', 'year', 'population', 'source'],
    pack.population.map((p) => [currentId(p.unitCode)!, p.year, p.population, p.source]),
    'INSERT INTO unit_population SELECT * FROM bulk',
  );

  await bulk(
    connection,
    ['code', 'name', 'short_name', 'kind', 'tier', 'unit_id'],
    pack.facilities.map((f) => [f.code, f.name, f.shortName, f.kind, f.tier, currentId(f.unitCode)!]),
    `INSERT INTO facilities (code, name, short_name, kind, tier, unit_id) SELECT * FROM bulk
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
       kind = excluded.kind, tier = excluded.tier, unit_id = excluded.unit_id`,
  );
}

function indicatorRow(i: Indicator): Cell[] {
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
  const columns = ['code', 'kind', 'over_time', 'factor', 'part_of_whole', 'level_min', 'level_max', 'component', 'direction', 'frequency', 'spec'];
  await bulk(
    connection,
    columns,
    catalogue.indicators.map(indicatorRow),
    `INSERT INTO indicators (${columns.join(', ')}) SELECT * FROM bulk
     ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, over_time = excluded.over_time, factor = excluded.factor,
       part_of_whole = excluded.part_of_whole, level_min = excluded.level_min, level_max = excluded.level_max,
       component = excluded.component, direction = excluded.direction, frequency = excluded.frequency, spec = excluded.spec`,
  );
  const [after] = await rows<{ a: string | null }>(connection, aggregation);
  // The monthly summary holds flows only: a change of kind changes what belongs in it.
  if (before!.a !== null && before!.a !== after!.a) await rebuildFactMonths(connection);
  const ids = new Map(
    (await rows<{ id: number; code: string }>(connection, 'SELECT id, code FROM indicators')).map((r) => [r.code, r.id]),
  );
  const each = <T>(pick: (i: Indicator) => T[], row: (id: number, item: T) => Cell[]) =>
    catalogue.indicators.flatMap((i) => pick(i).map((item) => row(ids.get(i.code)!, item)));

  for (const table of ['indicator_reporters', 'indicator_subgroups', 'targets']) await connection.run(`DELETE FROM ${table}`);
  await bulk(connection, ['indicator_id', 'reporter'], each((i) => i.reported_by, (id, r) => [id, r]), 'INSERT INTO indicator_reporters SELECT * FROM bulk');
  await bulk(
    connection,
    ['indicator_id', 'subgroup'],
    each(
      (i) => Object.entries(i.subgroups).flatMap(([dimension, values]) => values.map((v) => `${dimension}:${v}`)),
      (id, s) => [id, s],
    ),
    'INSERT INTO indicator_subgroups SELECT * FROM bulk',
  );
  await bulk(
    connection,
    ['indicator_id', 'scope_kind', 'scope_value', 'from_year', 'to_year', 'value', 'source'],
    each(
      (i) => i.targets,
      (id, t) => {
        const [kind, value] = Object.entries(t.scope)[0]!;
        return [id, kind, kind === 'province' || kind === 'nation' ? null : String(value), t.from_year, t.to_year, t.value, t.source];
      },
    ),
    'INSERT INTO targets SELECT * FROM bulk',
  );
  // Who reports totals (counted once). When that changes, and on the first start that fills it,
  // every stored total is judged again: a check where figures under it are stored.
  const totalsNow = "SELECT COALESCE(string_agg(indicator_id || ':' || reporter, ',' ORDER BY indicator_id, reporter), '') AS a FROM indicator_totals";
  const [totalsBefore] = await rows<{ a: string }>(connection, totalsNow);
  await connection.run('DELETE FROM indicator_totals');
  await bulk(connection, ['indicator_id', 'reporter'], each(totalsOf, (id, r) => [id, r]), 'INSERT INTO indicator_totals SELECT * FROM bulk');
  const [totalsAfter] = await rows<{ a: string }>(connection, totalsNow);
  if (totalsBefore!.a !== totalsAfter!.a) {
    await startMonthKeys(connection);
    if ((await markChecks(connection, 'true')) > 0) await rebuildFactMonths(connection);
  }
}

export async function syncReference(connection: DuckDBConnection, pack: Pack, catalogue: Catalogue): Promise<void> {
  await inTransaction(connection, async () => {
    await syncUnits(connection, pack);
    await syncCatalogue(connection, catalogue);
  });
}
