/**
 * Exports and weekly briefings over HTTP:
 * GET /api/export?page=/…&format=png|pdf[&size=1920x1080|3840x2160]: a screen as a file;
 * GET /api/briefings: the index; POST /api/briefings[?day=YYYY-MM-DD]: make that week's now;
 * GET /api/briefings/:week/:file: a briefing's PDF or PNG.
 */
import { Router, type Response } from 'express';
import { parsePeriod } from '../../data/schema/period.ts';
import type { Briefings } from '../briefing/briefings.ts';
import { checkPage, PNG_SIZES, RenderError, type PngSize } from '../briefing/render-page.ts';
import { recordAudit } from '../store/audit.ts';
import type { Store } from '../store/store.ts';
import { actorName, actorOf, requireRole } from './access.ts';
import { Cancelled, ClientBusy, QueueFull } from '../briefing/render-queue.ts';
import { sendError } from './errors.ts';

const TYPES = { png: 'image/png', pdf: 'application/pdf' } as const;

/** A render the queue could not take or finish, as the answer the client gets (none if it went away). */
function sendRenderFault(res: Response, err: unknown): boolean {
  if (err instanceof QueueFull || err instanceof ClientBusy) {
    res.set('Retry-After', '10');
    sendError(res, 429, 'too_many_renders', `${err.message}; try again shortly`);
    return true;
  }
  if (err instanceof Cancelled) {
    if (err.timedOut && !res.headersSent && !res.destroyed) sendError(res, 422, 'render_failed', err.message);
    return true;
  }
  if (err instanceof RenderError) {
    sendError(res, 422, 'render_failed', err.message);
    return true;
  }
  return false;
}

export function exportRouter(briefings: Briefings): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const page = typeof req.query.page === 'string' ? req.query.page : '';
    const format = req.query.format;
    const size = typeof req.query.size === 'string' ? req.query.size : '1920x1080';
    const fault =
      checkPage(page) ??
      (format !== 'png' && format !== 'pdf' ? 'format must be png or pdf' : null) ??
      (!Object.hasOwn(PNG_SIZES, size) ? `size must be one of ${Object.keys(PNG_SIZES).join(', ')}` : null);
    if (fault) return sendError(res, 400, 'bad_request', fault);
    // A client that goes away stops its render (or takes it out of the queue).
    const gone = new AbortController();
    res.on('close', () => !res.writableFinished && gone.abort());
    const actor = actorOf(res);
    try {
      const started = performance.now();
      const bytes = await briefings.exportPage(page, format as 'png' | 'pdf', size as PngSize, {
        client: actor ? `token:${actor.id || actor.name}` : `address:${req.ip}`,
        signal: gone.signal,
      });
      res
        .type(TYPES[format as 'png' | 'pdf'])
        .set('Content-Disposition', `attachment; filename="man-hinh.${format as string}"`)
        .set('Server-Timing', `render;dur=${Math.round(performance.now() - started)}`)
        .send(bytes);
    } catch (err) {
      if (!sendRenderFault(res, err)) throw err;
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
      if (!sendRenderFault(res, err)) throw err;
    }
  });
  router.get('/:week/:file', (req, res) => {
    const path = briefings.file(req.params.week, req.params.file);
    if (!path) return sendError(res, 404, 'not_found', `no briefing file ${req.params.week}/${req.params.file}`);
    res.sendFile(path);
  });
  return router;
}
