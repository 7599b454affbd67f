/**
 * Opens the wall's database and makes sure it holds what data/ says: the pack and catalogue
 * (synced on every start), the pack's real figures, and on first start the demo figures.
 */
import type { ExchangeMapping } from '../data/schema/exchange-mapping.ts';
import { exchangeMappingFile, loadExchangeMapping } from './reference/load-exchange-mapping.ts';
import { existsSync, readdirSync, readFileSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkCatalogueAgainstLevels, type Catalogue } from '../data/schema/indicator.ts';
import { areasWithoutPopulation, unplacedFormerUnits, type Pack } from '../data/schema/pack.ts';
import { locateRejection } from '../data/schema/rejection.ts';
import { formatPeriod, today, type Grain } from '../data/schema/period.ts';
import { anchorsFromFigures, writeDemoFiles } from '../data/generators/demo.ts';
import type { Config } from './config.ts';
import { ingestFile, type BatchReport } from './ingest/index.ts';
import { loadCatalogue } from './reference/load-catalogue.ts';
import { loadPack } from './reference/load-pack.ts';
import { loadTargetsInto, targetFiles } from './reference/load-targets.ts';
import { loadScoreScheme, scoresFile } from './reference/load-scores.ts';
import type { ScoreScheme } from '../data/schema/scores.ts';
import { Targets } from './reference/targets.ts';
import { AttentionHub } from './attention/attention-hub.ts';
import type { RollupReference } from './rollup/compile-view.ts';
import { loadRollupReference } from './rollup/reference.ts';
import { openStore, type Store } from './store/store.ts';
import { syncReference } from './store/sync-reference.ts';
import { Push, type PushOptions } from './push/push.ts';

export interface Wall {
  store: Store;
  pack: Pack;
  catalogue: Catalogue;
  reference: RollupReference;
  /** Targets set over the API, laid over the catalogue's. */
  targets: Targets;
  /** How long a read a request asks for (a view, a quality request) may take before it is stopped. */
  queryTimeoutMs: number;
  /** What needs action: the attention list, kept current as batches land. */
  attention: AttentionHub;
  /** The reviewed scoring scheme (data/catalogue/scores.yaml), checked against the catalogue. */
  scoreScheme: ScoreScheme;
  /** The pack's reviewed mapping of DHIS2 and ADX identifiers (null: it takes no such files). */
  exchangeMapping: ExchangeMapping | null;
  /** Push to the provincial IOC: receivers, the outbox, the deliverer (stop it before closing the store). */
  push: Push;
}

const figuresDir = (packDir: string) => join(packDir, 'figures');

/** A pack may have no real figures yet: then it has no figures/ folder either. */
function figureFiles(packDir: string): string[] {
  if (!existsSync(figuresDir(packDir))) return [];
  return readdirSync(figuresDir(packDir))
    .filter((f) => f.endsWith('.csv'))
    .sort();
}

async function hasBatch(store: Store, where: string, params: string[] = []): Promise<boolean> {
  const found = await store.query(`SELECT 1 FROM batches WHERE status = 'committed' AND ${where} LIMIT 1`, params);
  return found.length > 0;
}

function mustLand(report: BatchReport): BatchReport {
  if (report.status !== 'committed') {
    const first = report.rejections.slice(0, 3).map((r) => locateRejection(report.fileName, r, 'en'));
    throw new Error(`${report.fileName} was rejected (batch ${report.id}, ${report.rowsRejected} rows), e.g.\n  ${first.join('\n  ')}`);
  }
  return report;
}

/** The pack's real figures (data/packs/<id>/figures/*.csv), each file loaded once. */
export async function loadPackFigures(store: Store, pack: Pack, packDir: string): Promise<BatchReport[]> {
  const reports: BatchReport[] = [];
  for (const file of figureFiles(packDir)) {
    if (await hasBatch(store, "channel = 'pack' AND file_name = $1", [file])) continue;
    const meta = { channel: 'pack' as const, submittedBy: 'pack', fileName: file, source: null, demo: false, acceptPartial: false };
    reports.push(mustLand(await ingestFile(store, pack, { fileName: file, path: join(figuresDir(packDir), file) }, meta)));
  }
  return reports;
}

/** Generates demo figures up to `to` and ingests them, flagged as demo. */
export async function loadDemoFigures(
  store: Store,
  pack: Pack,
  catalogue: Catalogue,
  options: { packDir: string; demoDir: string; to?: string; only?: string[] },
): Promise<BatchReport[]> {
  const anchors = anchorsFromFigures(
    figureFiles(options.packDir).map((f) => readFileSync(join(figuresDir(options.packDir), f), 'utf8')),
    catalogue,
  );
  const to = options.to ?? yesterday(pack.timezone);
  const files = writeDemoFiles({ pack, catalogue, anchors, to, outDir: options.demoDir, only: options.only });
  const reports: BatchReport[] = [];
  for (const file of files) {
    const fileName = file.path.split('/').pop()!;
    const meta = { channel: 'generator' as const, submittedBy: 'demo generator', fileName, source: null, demo: true, acceptPartial: false };
    reports.push(mustLand(await ingestFile(store, pack, { fileName, path: file.path }, meta)));
  }
  return reports;
}

/**
 * Says at start which former communes the crosswalk leaves without a place on today's map, and
 * the periods whose figures they hold: those figures are shown as former units, never guessed.
 */
async function reportCrosswalkGaps(store: Store, pack: Pack, log: (line: string) => void): Promise<void> {
  const unplaced = unplacedFormerUnits(pack);
  if (unplaced.length === 0) return;
  const periods = await store.query<{ grain: Grain; start: string }>(
    `SELECT DISTINCT f.grain::VARCHAR AS grain, f.period_start::VARCHAR AS start FROM facts f JOIN units u ON u.id = f.unit_id
     WHERE u.era = $1 AND list_contains(from_json($2::JSON, '["VARCHAR"]'), u.code) ORDER BY 2, 1`,
    [pack.reorganisation.formerEra, JSON.stringify(unplaced.map((u) => u.code))],
  );
  const names = unplaced.map((u) => `${u.code} ${u.name}`).join(', ');
  const held = periods.length > 0 ? periods.map((p) => formatPeriod(p)).join(', ') : '—';
  log(
    `Bảng chuyển đổi đơn vị chưa đủ: ${unplaced.length} xã/phường cũ chưa có vị trí trên bản đồ từ ${pack.reorganisation.date} (${names}); ` +
      `số liệu của chúng (kỳ: ${held}) hiện là đơn vị cũ, tính vào khu vực cũ. ` +
      `The crosswalk is incomplete: ${unplaced.length} former communes have no place on today's map; their figures (periods: ${held}) show as former units.`,
  );
}

/** Says at start which areas have no population, rather than letting a figure per population be guessed. */
function reportMissingPopulation(pack: Pack, log: (line: string) => void): void {
  const missing = areasWithoutPopulation(pack);
  if (missing.length === 0) return;
  const names = missing.map((u) => `${u.code} ${u.name}`).join(', ');
  log(
    `Thiếu dân số của ${missing.length} khu vực (${names}) trong population.csv: không tính số liệu theo dân số cho các khu vực này. ` +
      `Population missing for ${missing.length} areas (${names}) in population.csv: no figures per population are computed for them.`,
  );
}

function yesterday(timezone: string): string {
  return today(timezone, new Date(Date.now() - 86_400_000));
}

/** A nearly full disk fails at start, clearly, rather than in the middle of a batch. */
function checkFreeSpace(file: string, minFreeMb: number): void {
  let dir = dirname(file);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const { bavail, bsize } = statfsSync(dir);
  const freeMb = Math.floor((bavail * bsize) / 1024 / 1024);
  if (freeMb < minFreeMb) throw new Error(`only ${freeMb} MB free on the disk holding ${file}; at least ${minFreeMb} MB are needed (IOC_MIN_FREE_MB)`);
}

export interface OpenOptions {
  log?: (line: string) => void;
  /** Changes the pack before it is synced (the benchmarks add demo reporting points). */
  shapePack?: (pack: Pack) => Pack;
  /** Delivery settings of the push (tests shorten the backoff); the defaults otherwise. */
  push?: Partial<PushOptions>;
}

export async function openWall(config: Config, { log = () => {}, shapePack = (p) => p, push: pushOptions }: OpenOptions = {}): Promise<Wall> {
  const pack = shapePack(loadPack(config.packDir));
  reportMissingPopulation(pack, log);
  const catalogue = loadCatalogue(config.catalogueFile);
  loadTargetsInto(catalogue, pack, targetFiles(config.catalogueFile, config.packDir));
  const scoreScheme = loadScoreScheme(scoresFile(config.catalogueFile), catalogue);
  const exchangeMapping = loadExchangeMapping(exchangeMappingFile(config.packDir), catalogue, pack);
  const mismatches = checkCatalogueAgainstLevels(catalogue, pack.levels.map((l) => l.id));
  if (mismatches.length > 0) throw new Error(`catalogue ${config.catalogueFile} does not fit pack ${pack.id}:\n  ${mismatches.join('\n  ')}`);
  checkFreeSpace(config.databaseFile, config.minFreeMb);
  const store = await openStore(config.databaseFile, { memoryLimit: config.databaseMemory });
  try {
    return await fill(store);
  } catch (err) {
    // A refused start leaves the file closed (and unlocked) for the next try.
    await store.close();
    throw err;
  }
  async function fill(store: Store): Promise<Wall> {
    await store.exclusive((c) => syncReference(c, pack, catalogue));
    for (const r of await loadPackFigures(store, pack, config.packDir))
      log(`Loaded ${r.rowsAccepted} real figures from ${r.fileName} (batch ${r.id})`);
    if (config.demo && !(await hasBatch(store, 'is_demo'))) {
      log('First start: generating demo figures (labelled as demo data)…');
      const reports = await loadDemoFigures(store, pack, catalogue, { packDir: config.packDir, demoDir: config.demoDir });
      const rows = reports.reduce((s, r) => s + r.rowsAccepted, 0);
      log(`Loaded ${rows.toLocaleString('en')} demo figures in ${reports.length} batches`);
    }
    await reportCrosswalkGaps(store, pack, log);
    await store.checkpoint();
    const reference = await loadRollupReference(store, pack);
    const targets = new Targets(store, pack, catalogue, reference);
    await targets.apply();
    const attention = new AttentionHub({ store, pack, catalogue, reference, timeoutMs: config.queryTimeoutMs });
    // Started last: it resumes what was pending before the restart, and enqueues batches from now on.
    const push = await Push.start({ store, pack, catalogue, reference, mapping: exchangeMapping, timeoutMs: config.queryTimeoutMs }, pushOptions, log);
    return { store, pack, catalogue, reference, targets, queryTimeoutMs: config.queryTimeoutMs, attention, scoreScheme, exchangeMapping, push };
  }
}
