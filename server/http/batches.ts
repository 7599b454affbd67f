/**
 * /api/batches: upload a file of figures (the request body, named by ?file=), list batches, and
 * read one batch with its rejected rows, each explained in Vietnamese and English.
 */
import express, { Router, type Request, type RequestHandler } from 'express';
import { describeRejection, type Rejection } from '../../data/schema/rejection.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { formatOf, ingestFile, type BatchReport } from '../ingest/index.ts';
import type { Store } from '../store/store.ts';
import { actorName, requireRole } from './access.ts';
import { sendError } from './errors.ts';

const explain = (r: Rejection) => ({ ...r, message: { vi: describeRejection(r, 'vi'), en: describeRejection(r, 'en') } });
const present = (report: BatchReport) => ({ ...report, rejections: report.rejections.map(explain) });

function flag(req: Request, name: string): boolean {
  const v = req.query[name];
  return v === 'true' || v === '1';
}

/** `maxUpload`: larger bodies are refused with 413 (a million-row CSV is about 60 MB). */
export function batchesRouter(store: Store, pack: Pack, uploadLimit: RequestHandler, maxUpload: string | number): Router {
  const router = Router();

  router.post('/', requireRole('editor'), uploadLimit, express.raw({ type: () => true, limit: maxUpload }), async (req, res) => {
    const fileName = typeof req.query.file === 'string' ? req.query.file.split(/[\\/]/).pop()! : '';
    if (!formatOf(fileName))
      return sendError(res, 400, 'bad_file_name', 'name the file with ?file=<name>.csv, .xlsx or .json');
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) return sendError(res, 400, 'empty_body', 'the request body is the file, and it is empty');
    const sheet = typeof req.query.sheet === 'string' ? req.query.sheet : undefined;
    const report = await ingestFile(store, pack, { fileName, bytes: req.body, sheet }, {
      channel: 'upload',
      // Who sent it is who the token says; ?by= may add on whose behalf.
      submittedBy: typeof req.query.by === 'string' ? `${actorName(res)} for ${req.query.by}` : actorName(res),
      fileName,
      source: typeof req.query.source === 'string' ? req.query.source : null,
      // Demo figures (npm run simulate) are flagged so every screen marks them.
      demo: flag(req, 'demo'),
      acceptPartial: flag(req, 'partial'),
    });
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
