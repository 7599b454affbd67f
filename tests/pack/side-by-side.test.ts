/**
 * Walls of two packs started at once from one checkout, each on its own database (issue 24): each
 * writes its demo figures beside its own database, answers /api/health for its own pack, and loads
 * none of the other's demo rows. (Both once wrote var/demo: one read the other's files and refused
 * to start, or could load them.)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.ts';
import { loadPack } from '../../server/reference/load-pack.ts';
import { startServerProcess, type ServerProcess } from '../bench/server-process.ts';

const PACKS = ['ninh-thuan', 'an-giang'] as const;
type PackId = (typeof PACKS)[number];

let dir: string;
const servers = new Map<PackId, ServerProcess>();
const configOf = (id: PackId) => readConfig({ IOC_PACK: id, IOC_DB: join(dir, `${id}.duckdb`) });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ioc-side-by-side-'));
  // At the same time, as two walls on one machine start: their demo figures are made together.
  const started = await Promise.allSettled(PACKS.map((id) => startServerProcess(configOf(id).databaseFile, { IOC_PACK: id, IOC_DEMO: 'on' })));
  started.forEach((s, i) => s.status === 'fulfilled' && servers.set(PACKS[i]!, s.value));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
}, 480_000);

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** The demo files a wall wrote, each with the reporters (unit or facility codes) of its rows and their number. */
function demoFiles(id: PackId): Map<string, { rows: number; reporters: Set<string> }> {
  const files = new Map<string, { rows: number; reporters: Set<string> }>();
  const demoDir = configOf(id).demoDir;
  for (const name of readdirSync(demoDir).filter((f) => f.endsWith('.csv'))) {
    const [header, ...lines] = readFileSync(join(demoDir, name), 'utf8').trim().split('\n');
    const columns = header!.split(',');
    const [unit, facility] = [columns.indexOf('unit'), columns.indexOf('facility')];
    const reporters = new Set(lines.map((line) => {
      const cells = line.split(',');
      return cells[facility] || cells[unit]!;
    }));
    files.set(name, { rows: lines.length, reporters });
  }
  return files;
}

describe('walls of two packs side by side from one checkout', () => {
  it('each answers /api/health for its own pack, with its figures', async () => {
    for (const id of PACKS) {
      const health = (await (await fetch(`${servers.get(id)!.url}/api/health`)).json()) as { status: string; pack: string };
      expect(health).toMatchObject({ status: 'ok', pack: id });
      await expect
        .poll(async () => ((await (await fetch(`${servers.get(id)!.url}/api/health`)).json()) as { facts: number | null }).facts, { timeout: 10_000 })
        .toBeGreaterThan(1000);
    }
  });

  it('each writes its demo files beside its own database, naming only its own units and facilities', () => {
    expect(configOf('ninh-thuan').demoDir).toBe(join(dir, 'ninh-thuan', 'demo'));
    expect(configOf('an-giang').demoDir).toBe(join(dir, 'an-giang', 'demo'));
    for (const id of PACKS) {
      const pack = loadPack(configOf(id).packDir);
      // Today's units and facilities, and the former communes figures before the reorganisation name.
      const own = new Set([...pack.units, ...pack.formerUnits, ...pack.facilities].map((u) => u.code));
      const files = demoFiles(id);
      expect(files.size).toBeGreaterThan(5);
      for (const [name, file] of files) expect([...file.reporters].filter((r) => !own.has(r)), `${id} ${name}`).toEqual([]);
    }
  });

  it('loads only its own demo rows: each demo batch is its own file, row for row', async () => {
    const mine = { 'ninh-thuan': demoFiles('ninh-thuan'), 'an-giang': demoFiles('an-giang') };
    // The same file names with other rows in each (so a wall that read the other's file would show it).
    const shared = [...mine['ninh-thuan'].keys()].filter((name) => mine['an-giang'].has(name));
    expect(shared.length).toBeGreaterThan(5);
    expect(shared.filter((name) => mine['ninh-thuan'].get(name)!.rows !== mine['an-giang'].get(name)!.rows).length).toBeGreaterThan(5);
    for (const id of PACKS) {
      const batches = (await (await fetch(`${servers.get(id)!.url}/api/batches`)).json()) as { file_name: string; is_demo: boolean; status: string; rows_total: number }[];
      const demo = batches.filter((b) => b.is_demo);
      expect(demo.map((b) => b.file_name).sort()).toEqual([...mine[id].keys()].sort());
      for (const b of demo) expect({ file: b.file_name, status: b.status, rows: b.rows_total }).toEqual({ file: b.file_name, status: 'committed', rows: mine[id].get(b.file_name)!.rows });
    }
  });
});
