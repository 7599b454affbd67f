/**
 * Admin routes of the push to the provincial IOC: receivers (registered, listed without their
 * secrets, removed) and the outbox with every delivery attempt.
 */
import express, { Router } from 'express';
import type { Push } from '../push/push.ts';
import { actorName, requireRole } from './access.ts';
import { sendError } from './errors.ts';

export function pushRouter(push: Push): Router {
  const router = Router();
  router.use(requireRole('admin'));
  router.get('/receivers', async (_req, res) => res.json(await push.list()));
  router.post('/receivers', express.json({ limit: '64kb' }), async (req, res) => {
    const { receiver, errors } = await push.register(req.body, actorName(res));
    if (!receiver) return res.status(400).json({ error: 'bad_receiver', message: errors.join('; '), errors });
    res.status(201).json({ ...receiver, note: 'Khoá chung không được hiển thị lại. The shared secret is kept and never shown again.' });
  });
  router.delete('/receivers/:id', async (req, res) => {
    if (!(await push.remove(Number(req.params.id), actorName(res)))) return sendError(res, 404, 'not_found', `không có nơi nhận ${req.params.id} / no active receiver ${req.params.id}`);
    res.status(204).end();
  });
  router.get('/outbox', async (_req, res) => res.json(await push.outbox()));
  return router;
}
