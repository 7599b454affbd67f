/**
 * Exports and weekly briefings over HTTP:
 * GET /api/export?page=/…&format=png|pdf[&size=1920x1080|3840x2160]: a screen as a file;
 * GET /api/briefings: the index; POST /api/briefings[?day=YYYY-MM-DD]: make that week's now;
 * GET /api/briefings/:week/:file: a briefing's PDF or PNG.
 */
import { Router } from 'express';
import { parsePeriod } from '../../data/schema/period.ts';
import type { Briefings } from '../briefing/briefings.ts';
import { checkPage, PNG_SIZES, RenderError, type PngSize } from '../briefing/render-page.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/store.ts';
import { actorName, requireRole } from './access.ts';
import { sendError } from './errors.ts';

const TYPES = { png: 'image/png', pdf: 'application/pdf' } as const;

export function exportRouter(briefings: Briefings): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const page = typeof req.query.page === 'string' ? req.query.page : '';
    const format = req.query.format;
    const size = (req.query.size ?? '1920x1080') as PngSize;
    const fault =
      checkPage(page) ??
      (format !== 'png' && format !== 'pdf' ? 'format must be png or pdf' : null) ??
      (!(size in PNG_SIZES) ? `size must be one of ${Object.keys(PNG_SIZES).join(', ')}` : null);
    if (fault) return sendError(res, 400, 'bad_request', fault);
    try {
      const started = performance.now();
      const bytes = await briefings.exportPage(page, format as 'png' | 'pdf', size);
      res
        .type(TYPES[format as 'png' | 'pdf'])
        .set('Content-Disposition', `attachment; filename="man-hinh.${format as string}"`)
        .set('Server-Timing', `render;dur=${Math.round(performance.now() - started)}`)
        .send(bytes);
    } catch (err) {
      if (err instanceof RenderError) return sendError(res, 422, 'render_failed', err.message);
      throw err;
    }
  });
  return router;
}

export function briefingsRouter(briefings: Briefings, store: Store): Router {
  const router = Router();
  router.get('/', (_req, res) => res.json(briefings.index()));
  router.post('/', requireRole('editor'), async (req, res) => {
    const day = typeof req.query.day === 'string' ? req.query.day : undefined;
    if (day !== undefined) {
      const p = parsePeriod(day);
      if ('error' in p || p.grain !== 'day') return sendError(res, 400, 'bad_request', `day must be a date, YYYY-MM-DD, got "${day}"`);
    }
    try {
      const entry = await briefings.produce(day);
      await recordAudit(store, actorName(res), 'briefing', entry.week, { pdf: entry.pdf, pngs: entry.pngs.length });
      res.status(201).json(entry);
    } catch (err) {
      if (err instanceof RenderError) return sendError(res, 422, 'render_failed', err.message);
      throw err;
    }
  });
  router.get('/:week/:file', (req, res) => {
    const path = briefings.file(req.params.week, req.params.file);
    if (!path) return sendError(res, 404, 'not_found', `no briefing file ${req.params.week}/${req.params.file}`);
    res.sendFile(path);
  });
  return router;
}
