/**
 * People for every pack (issue 26, point 1): every commune of every shipped pack has a population
 * with its source and year, from the pack's own copy of the 2025 list, written by `npm run pack --
 * population` and kept by `build`; a document of the department (seed 000's 661.543 for the
 * former Ninh Thuận) wins over the list, and the overview says which it used; the share of people
 * covered counts communes by the list.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packFiles } from '../../geo/pack-files.ts';
import { readCsv } from '../../geo/csv.ts';
import { loadRecipe } from '../../geo/recipe.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { levelPopulations, unitPopulation } from '../../data/schema/population.ts';
import type { RollupRow, View } from '../../data/schema/view.ts';
import { readConfig, repoRoot } from '../../server/config.ts';
import { unitOverviews } from '../../server/http/reference.ts';
import { loadPack } from '../../server/reference/load-pack.ts';
import { runView } from '../../server/rollup/run-view.ts';
import { ingestCsv } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

const PACKS = ['ninh-thuan', 'khanh-hoa', 'hue', 'an-giang'] as const;
const LIST = 'Đề án sắp xếp ĐVHC cấp xã 2025 (quy mô dân số; sapnhap.bando.com.vn)';
const DOCUMENT = 'BC-SYT-NT-2024H1 Bảng 2';
/** The national list the packs copy their rows from, where this checkout has it beside it. */
const SHARED_LIST = join(repoRoot, '..', 'shared', 'geo-sources', 'population_2025_communes.csv');

const packOf = (id: string) => loadPack(readConfig({ IOC_PACK: id }).packDir);
const overviewOf = (pack: Pack, code: string) => unitOverviews(pack).find((u) => u.code === code)!;

describe.each(PACKS)('pack %s', (id) => {
  const pack = packOf(id);
  const recipe = loadRecipe(id);
  const communes = pack.units.filter((u) => u.level === 'commune');
  const copy = new Map(readCsv<{ code: string; population: string; province_code: string }>(join(recipe.dir, recipe.population!.list)).map((r) => [r.code, r]));

  it('gives every commune a population with its source and year: the list’s, where no document gives it', () => {
    expect(recipe.population).toEqual({ list: 'population_2025_communes.csv', source: LIST, year: 2025 });
    for (const c of communes) {
      const rows = pack.population.filter((p) => p.unitCode === c.code);
      expect(rows, c.code).toHaveLength(1);
      expect(rows[0], c.code).toEqual({ unitCode: c.code, year: 2025, population: Number(copy.get(c.code)!.population), source: LIST });
    }
    // The pack's copy holds its communes and nothing else of the country.
    expect([...copy.keys()].sort()).toEqual(communes.map((c) => c.code).sort());
  });

  it.skipIf(!existsSync(SHARED_LIST))('copies the national list’s figures as they are', () => {
    const national = new Map(readCsv<{ code: string; population: string }>(SHARED_LIST).map((r) => [r.code, r.population]));
    for (const [code, row] of copy) expect(row.population, code).toBe(national.get(code));
  });

  it('keeps population.csv as `npm run pack -- build` makes it from the copy and the documents', () => {
    const built = packFiles(recipe).files.get(`data/packs/${id}/population.csv`);
    expect(built).toBe(readFileSync(join(repoRoot, 'data', 'packs', id, 'population.csv'), 'utf8'));
  });

  it('gives every area and the province a population of one source, and the density from it', () => {
    for (const u of unitOverviews(pack)) {
      expect(u.population, u.code).not.toBeNull();
      expect(u.density, u.code).toBeCloseTo(u.population!.value / u.areaKm2, 0);
      // A sum names one document: the units it adds up all come from it, in one year.
      if (u.population!.sum) expect(u.population!.sum.units, u.code).toBeGreaterThan(0);
    }
  });
});

describe('a document of the department wins over the list', () => {
  it('ninh-thuan: the province is Σ of Bảng 2’s seven areas, 661.543, and says the list’s 645.144 is not used', () => {
    const pack = packOf('ninh-thuan');
    const province = overviewOf(pack, '58');
    expect(province.population).toEqual({
      year: 2024,
      value: 661_543,
      source: DOCUMENT,
      sum: { level: 'area', units: 7 },
      notUsed: [{ source: LIST, year: 2025, level: 'commune', units: 24, of: 24, value: 645_144 }],
    });
    expect(province.density).toBeCloseTo(661_543 / province.areaKm2, 1);
    // An area: Bảng 2's 33.367 for Bác Ái, not its three communes' 11.671 in the list.
    expect(overviewOf(pack, '584').population).toMatchObject({ value: 33_367, year: 2024, source: DOCUMENT, notUsed: [{ value: 11_671, units: 3, of: 3 }] });
    expect(overviewOf(pack, '584').population!.sum).toBeUndefined();
    // A commune: the list's own figure.
    expect(overviewOf(pack, '22738').population).toEqual({ year: 2025, value: 33_207, source: LIST, notUsed: [] });
  });

  it('khanh-hoa: the document gives 7 of 16 areas, so the province is Σ of the list’s 65 communes, saying so; those 7 areas keep the document', () => {
    const pack = packOf('khanh-hoa');
    expect(overviewOf(pack, '56').population).toEqual({
      year: 2025,
      value: 2_024_196,
      source: LIST,
      sum: { level: 'commune', units: 65 },
      notUsed: [{ source: DOCUMENT, year: 2024, level: 'area', units: 7, of: 16, value: null }],
    });
    expect(overviewOf(pack, '582').population).toMatchObject({ value: 170_491, source: DOCUMENT, year: 2024 });
    expect(overviewOf(pack, '568').population).toMatchObject({ source: LIST, sum: { level: 'commune', units: 4 }, notUsed: [] });
  });

  it.each([
    ['hue', '46', 1_305_798, 40],
    ['an-giang', '91', 4_569_190, 102],
  ])('%s: no document, so the province is Σ of the list’s communes', (id, code, value, units) => {
    expect(overviewOf(packOf(id), code).population).toEqual({ year: 2025, value, source: LIST, sum: { level: 'commune', units }, notUsed: [] });
  });

  it('`build` writes no list row for a commune a document gives: the document’s row stays, the list’s goes', () => {
    const root = mkdtempSync(join(tmpdir(), 'ioc-population-'));
    for (const dir of ['geo/ninh-thuan', 'geo/sources', 'data/packs/ninh-thuan']) cpSync(join(repoRoot, dir), join(root, dir), { recursive: true });
    const file = join(root, 'data/packs/ninh-thuan/population.csv');
    writeFileSync(file, readFileSync(file, 'utf8') + '22738,2024,40000,Văn bản thử\n');
    const built = packFiles(loadRecipe('ninh-thuan', join(root, 'geo'))).files.get('data/packs/ninh-thuan/population.csv')!;
    const rows = built.split('\n').filter((line) => line.startsWith('22738,'));
    expect(rows).toEqual(['22738,2024,40000,Văn bản thử']);
    expect(built.split('\n').filter((line) => line.endsWith(LIST))).toHaveLength(23);
    rmSync(root, { recursive: true, force: true });
  });

  it('never adds up two sources: a level mixed of a document and the list is no sum; comparisons take one source per level', () => {
    const pack = packOf('khanh-hoa');
    // One commune given by a document as well (its list row goes, as the pack command writes): the communes mix two sources.
    const mixed: Pack = {
      ...pack,
      population: [...pack.population.filter((p) => p.unitCode !== '22738'), { unitCode: '22738', year: 2024, population: 40_000, source: 'Văn bản thử' }],
    };
    expect(unitPopulation(mixed, '56')).toBeNull();
    expect(unitPopulation(mixed, '582')).toMatchObject({ value: 170_491, source: DOCUMENT });
    // Areas are compared by the list's sums, the one source that gives all 16: Bác Ái by its communes, not Bảng 2.
    const people = levelPopulations(pack);
    expect(people.get('584')).toBe(11_671);
    expect(people.get('56')).toBe(2_024_196);
    expect(levelPopulations(packOf('ninh-thuan')).get('584')).toBe(33_367);
  });
});

describe('the share of people covered counts communes by the list', () => {
  let khanhHoa: TestServer;
  let ninhThuan: TestWall;
  beforeAll(async () => {
    const { packId, packDir, boundariesFile } = readConfig({ IOC_PACK: 'khanh-hoa' });
    khanhHoa = await startTestServer(await openTestWall({ packId, packDir, boundariesFile }));
    ninhThuan = await openTestWall();
  }, 120_000);
  afterAll(async () => {
    await khanhHoa?.close();
    await khanhHoa?.wall.close();
    await ninhThuan?.close();
  });

  it('khanh-hoa, EHR coverage of 2024-H1 (GET /api/rollup): the former Ninh Thuận’s share of today’s people, ≈ 0,32', async () => {
    const res = await fetch(`${khanhHoa.url}/api/rollup?indicators=ehr_coverage&level=province&grain=half&from=2024-H1&to=2024-H1`);
    const [province] = ((await res.json()) as { rows: RollupRow[] }).rows;
    // Bảng 2 covers the 24 communes of the former Ninh Thuận: 645.144 of the list's 2.024.196.
    expect(province!.coverage).toMatchObject({ reporters: { level: 'commune' }, expected: 65, reported: 24 });
    expect(province!.coverage!.population).toBeCloseTo(645_144 / 2_024_196, 6);
    expect(province!.finality).toBe('partial');
  });

  it('ninh-thuan, this month: two communes of 24 reported, a share of people below 1', async () => {
    const month = '2026-11';
    expect((await ingestCsv(ninhThuan, [`ehr_coverage,22738,,${month},30000,33207,,,test`, `ehr_coverage,22870,,${month},60000,70203,,,test`])).status).toBe('committed');
    const view = { indicators: ['ehr_coverage'], level: 'province', grain: 'month', from: month, to: month } as View;
    const [province] = (await runView(ninhThuan.store, ninhThuan.reference, view, '2026-11-20')).rows;
    expect(province!.coverage).toMatchObject({ expected: 24, reported: 2 });
    expect(province!.coverage!.population).toBeCloseTo((33_207 + 70_203) / 645_144, 6);
    expect(province!.coverage!.population).toBeLessThan(1);
  });
});
