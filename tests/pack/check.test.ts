/**
 * `npm run pack -- new` and `check` (issue 18, point 1): a pack scaffolded from its sources, and
 * refused, in Vietnamese and English, for what would stop the wall or mislead a view.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPackFiles, formatFindings } from '../../geo/check-pack.ts';
import { newPack } from '../../geo/new-pack.ts';
import { repoRoot } from '../../server/config.ts';
import { loadPack } from '../../server/reference/load-pack.ts';

/** A copy of the repository's geo/<id>/, geo/sources/ and data/packs/<id>/ in a temp folder, edited by a test; returns its geo root. */
function copyRepoPack(id: string, edit: (path: (relative: string) => string) => void = () => {}): string {
  const root = mkdtempSync(join(tmpdir(), 'ioc-pack-check-'));
  cpSync(join(repoRoot, 'geo', id), join(root, 'geo', id), { recursive: true });
  cpSync(join(repoRoot, 'geo', 'sources'), join(root, 'geo', 'sources'), { recursive: true });
  cpSync(join(repoRoot, 'data', 'packs', id), join(root, 'data', 'packs', id), { recursive: true });
  edit((relative) => join(root, relative));
  return join(root, 'geo');
}
const change = (path: string, f: (text: string) => string) => writeFileSync(path, f(readFileSync(path, 'utf8')));
const errors = (root: string, id = 'ninh-thuan') => checkPackFiles(id, root).filter((f) => f.severity === 'error');

describe('pack check', () => {
  it('passes ninh-thuan, with what is worth a look', () => {
    const findings = checkPackFiles('ninh-thuan');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(formatFindings('ninh-thuan', findings)).toMatch(/Gói ninh-thuan dùng được: \d+ mục cần xem\. \/ Pack ninh-thuan is usable/);
    // The 2024 list writes the city with a hyphen.
    expect(findings.map((f) => f.vi)).toContain('units-2024.csv, 582: tên "Phan Rang-Tháp Chàm" nên viết "Phan Rang–Tháp Chàm"');
  });

  it('passes a pack with an area without population, warning what will not be shown', () => {
    // No view crashes without a population (issue 18, point 4): the overview says it is missing and nothing is drawn per population.
    // Since issue 26 an area without a document's figure is the sum of its communes in the list: here neither gives Ninh Sơn's.
    const ninhSon = /^(585|22810|22813|22822|22828),.*\n/gm;
    const root = copyRepoPack('ninh-thuan', (path) => {
      change(path('data/packs/ninh-thuan/population.csv'), (t) => t.replace(ninhSon, ''));
      change(path('geo/ninh-thuan/population_2025_communes.csv'), (t) => t.replace(ninhSon, ''));
    });
    const findings = checkPackFiles('ninh-thuan', root);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const population = findings.filter((f) => f.vi.startsWith('Thiếu dân số'));
    expect(population.map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(population[1]!.vi).toMatch(/^Thiếu dân số của 4\/24 xã\/phường: 22810 Ninh Sơn, 22813 Lâm Sơn, 22822 Mỹ Sơn, 22828 Anh Dũng\./);
    expect(population[0]!.vi).toMatch(/^Thiếu dân số \(population\.csv, kèm văn bản nguồn\) của 1\/7 khu vực: 585 Ninh Sơn\. Tổng quan ghi thiếu dân số; bản đồ không tô màu số liệu theo dân số/);
    expect(population[0]!.en).toMatch(/^Population missing \(population\.csv, with its source document\) for 1 of 7 areas: 585 Ninh Sơn\. The overview says it is missing; maps colour no figure per population/);
    expect(formatFindings('ninh-thuan', findings)).toMatch(/CẦN XEM: Thiếu dân số[\s\S]*Gói ninh-thuan dùng được/);
  });

  it('refuses an incomplete crosswalk, naming the former communes without a place', () => {
    const drop = (t: string) => t.split('\n').filter((line) => !/^(22816|22819),/.test(line)).join('\n');
    const root = copyRepoPack('ninh-thuan', (path) => {
      change(path('geo/sources/crosswalk_ninh_thuan_2024_to_2025.csv'), drop);
      change(path('data/packs/ninh-thuan/crosswalk-2024-2025.csv'), drop);
    });
    expect(errors(root).map((f) => f.vi)).toEqual(['Bảng chuyển đổi xếp 63/65 xã cũ lên bản đồ mới; chưa có vị trí: 22816 Lương Sơn, 22819 Quảng Sơn']);
  });

  it('refuses files that are not what the sources make, a commune without a station and an area without a centre', () => {
    const root = copyRepoPack('ninh-thuan', (path) => {
      change(path('data/packs/ninh-thuan/units.csv'), (t) => t.replace('Ninh Sơn,Khu vực Ninh Sơn', 'Ninh Son,Khu vực Ninh Son'));
      change(path('data/packs/ninh-thuan/facilities.csv'), (t) => t.split('\n').filter((line) => !/^(TYT-22813|TTYT-589),/.test(line)).join('\n'));
    });
    expect(errors(root).map((f) => f.en)).toEqual([
      'data/packs/ninh-thuan/units.csv does not match its sources: run npm run pack -- build ninh-thuan',
      'Communes without a health station (facilities.csv): 22813 Lâm Sơn',
      'Areas without a health centre (facilities.csv): 589 Thuận Nam',
    ]);
  });

  it('warns of the same name twice in a level and of an area named like its province', () => {
    const root = copyRepoPack('ninh-thuan', (path) => change(path('data/packs/ninh-thuan/units.csv'), (t) => t.replace('585,Ninh Sơn,', '585,Ninh Thuận,').replace('586,Ninh Hải,', '586,Ninh  Thuận,')));
    const vi = checkPackFiles('ninh-thuan', root).map((f) => f.vi);
    expect(vi).toContain('Khu vực y tế / Health area: trùng tên 585 Ninh Thuận, 586 Ninh  Thuận — bảng xếp hạng sẽ khó phân biệt');
    expect(vi).toContain('units.csv, 586: tên "Ninh  Thuận" nên viết "Ninh Thuận"');
    expect(vi.filter((m) => m.startsWith('Khu vực 58') && m.includes('mang tên tỉnh "Ninh Thuận"'))).toHaveLength(2);
  });

  it('exits non-zero from the command line on a refused pack, zero on a usable one', () => {
    const run = (id: string) => {
      try {
        execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/pack.ts', 'check', id], { cwd: repoRoot, encoding: 'utf8' });
        return 0;
      } catch (err) {
        return (err as { status: number }).status;
      }
    };
    expect(run('ninh-thuan')).toBe(0);
    // No document gives the population of former Khánh Hòa's nine districts: a warning, not a refusal.
    expect(run('khanh-hoa')).toBe(0);
    // A pack that does not exist cannot be read: refused.
    expect(run('no-such-pack')).toBe(1);
  }, 60_000);
});

describe('pack new', () => {
  const sources = join(repoRoot, 'geo', 'sources');
  const root = join(mkdtempSync(join(tmpdir(), 'ioc-pack-new-')), 'geo');
  mkdirSync(root);
  newPack(
    {
      id: 'thu',
      communes: join(sources, 'khanh_hoa_2025_communes.geojson'),
      units: [join(sources, 'gso_units_khanh_hoa_2024.csv'), join(sources, 'gso_units_ninh_thuan_2024.csv')],
      merges: join(sources, 'merges_khanh_hoa_2025.csv'),
      name: 'Khánh Hoà',
    },
    root,
  );

  it('scaffolds a pack that loads: the communes, areas after the former districts, a station per commune and a centre per area', () => {
    const pack = loadPack(join(root, '..', 'data', 'packs', 'thu'));
    const at = (level: string) => pack.units.filter((u) => u.level === level);
    expect(at('province').map((u) => [u.code, u.name])).toEqual([['56', 'Khánh Hòa']]);
    expect(at('commune')).toHaveLength(65);
    expect(at('area')).toHaveLength(16);
    expect(at('commune').find((u) => u.code === '22736')).toMatchObject({ name: 'Trường Sa', parentCode: '576' });
    expect(pack.facilities.filter((f) => f.kind === 'commune_health_station')).toHaveLength(65);
    expect(pack.facilities.find((f) => f.code === 'TTYT-572')!.name).toBe('Trung tâm Y tế thị xã Ninh Hòa');
    expect(pack.facilities.find((f) => f.code === 'TYT-22736')!.name).toBe('Trạm Y tế đặc khu Trường Sa');
    expect(readFileSync(join(root, 'thu', 'recipe.json'), 'utf8')).not.toMatch(/archipelagos/);
  });

  it('is refused until the crosswalk is decided, and warns that no population is given, saying so', () => {
    const findings = checkPackFiles('thu', root);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(8);
    expect(errors.every((f) => f.vi.startsWith('Bảng chuyển đổi'))).toBe(true);
    expect(findings.find((f) => f.vi.startsWith('Thiếu dân số'))).toMatchObject({ severity: 'warning', vi: expect.stringMatching(/^Thiếu dân số .* của 16\/16 khu vực/) });
  });

  it('never overwrites a pack', () => {
    expect(() => newPack({ id: 'thu', communes: '', units: [], merges: '' }, root)).toThrow(/đã có: không ghi đè một gói \/ already exists/);
  });
});
