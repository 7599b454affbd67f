/**
 * /api/batches: upload a file of figures (the request body, named by ?file=: ours, DHIS2 or ADX), list batches, and
 * read one batch with its rejected rows, each explained in Vietnamese and English.
 */
import express, { Router, type Request, type RequestHandler } from 'express';
import { describeRejection, type Rejection } from '../../data/schema/rejection.ts';
import type { Pack } from '../../data/schema/pack.ts';
import type { ExchangeMapping } from '../../data/schema/exchange-mapping.ts';
import { formatOf, ingestFile, refuseUpload, type BatchMeta, type BatchReport } from '../ingest/index.ts';
import { logText } from '../store/audit.ts';
import type { Store } from '../store/store.ts';
import { actorName, requireRole } from './access.ts';
import { sendError, sizeText } from './errors.ts';

const explain = (r: Rejection) => ({ ...r, message: { vi: describeRejection(r, 'vi'), en: describeRejection(r, 'en') } });
const present = (report: BatchReport) => ({ ...report, rejections: report.rejections.map(explain) });

function flag(req: Request, name: string): boolean {
  const v = req.query[name];
  return v === 'true' || v === '1';
}

/** `maxUpload`: larger bodies are refused with 413 (a million-row CSV is about 60 MB). */
export function batchesRouter(store: Store, pack: Pack, mapping: ExchangeMapping | null, uploadLimit: RequestHandler, maxUpload: string | number): Router {
  const router = Router();

  const body = express.raw({ type: () => true, limit: maxUpload });
  router.post('/', requireRole('editor'), uploadLimit, async (req, res) => {
    // File names and the sender's words go into the batch and audit logs: one line each, bounded.
    const text = (v: unknown, max: number) => (typeof v === 'string' ? logText(v).slice(0, max) : undefined);
    const fileName = text(req.query.file, 200)?.split(/[\\/]/).pop() ?? '';
    if (!formatOf(fileName))
      return sendError(res, 400, 'bad_file_name', 'đặt tên tệp bằng ?file=<tên>.csv, .xlsx, .json hoặc .xml / name the file with ?file=<name>.csv, .xlsx, .json or .xml');
    const by = text(req.query.by, 100);
    const meta: BatchMeta = {
      channel: 'upload',
      // Who sent it is who the token says; ?by= may add on whose behalf.
      submittedBy: by !== undefined ? `${actorName(res)} for ${by}` : actorName(res),
      fileName,
      source: text(req.query.source, 300) ?? null,
      // Demo figures (npm run simulate) are flagged so every screen marks them.
      demo: flag(req, 'demo'),
      acceptPartial: flag(req, 'partial'),
    };
    const read = await new Promise<{ tooLarge: number | null }>((resolve, reject) =>
      body(req, res, (err?: { status?: number; limit?: number }) => (err?.status === 413 ? resolve({ tooLarge: err.limit ?? 0 }) : err ? reject(err) : resolve({ tooLarge: null }))),
    );
    if (read.tooLarge !== null) {
      // Refused unread, but on record like any upload: the batch log and the audit log keep it.
      const report = await refuseUpload(store, pack, meta, { row: null, column: null, value: null, code: 'upload_too_large', params: { max: sizeText(read.tooLarge) } });
      return res.status(413).json({ error: 'too_large', message: describeRejection(report.rejections[0]!, 'vi') + ' / ' + describeRejection(report.rejections[0]!, 'en'), ...present(report) });
    }
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) return sendError(res, 400, 'empty_body', 'the request body is the file, and it is empty');
    const sheet = text(req.query.sheet, 100);
    const report = await ingestFile(store, pack, { fileName, bytes: req.body, sheet, mapping }, meta);
    res.status(report.status === 'committed' ? 201 : 422).json(present(report));
  });

  router.get('/', async (_req, res) => {
    res.json(await store.query('SELECT * FROM batches ORDER BY id DESC LIMIT 200'));
  });

  router.get('/:id', async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id <= 0) return sendError(res, 400, 'bad_batch_id', `"${req.params.id}" is not a batch id`);
    const [batch] = await store.query('SELECT * FROM batches WHERE id = $1', [id]);
    if (!batch) return sendError(res, 404, 'not_found', `no batch ${id}`);
    const rejected = await store.query<{ row_number: number | null; column_name: string | null; value: string | null; code: string; params: string }>(
      'SELECT row_number, column_name, value, code, params::VARCHAR AS params FROM rejected_rows WHERE batch_id = $1 ORDER BY row_number NULLS FIRST, column_name LIMIT 1000',
      [id],
    );
    const replaced = await store.query(
      `SELECT replaced_batch_id, was_demo, count(*)::INTEGER AS facts FROM replaced_facts WHERE batch_id = $1 GROUP BY ALL ORDER BY replaced_batch_id`,
      [id],
    );
    res.json({
      ...batch,
      rejections: rejected.map((r) =>
        explain({ row: r.row_number, column: r.column_name, value: r.value, code: r.code as Rejection['code'], params: JSON.parse(r.params) }),
      ),
      replaced,
    });
  });
  return router;
}
