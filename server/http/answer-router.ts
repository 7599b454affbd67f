/**
 * A read-only route that answers a request named in the URL: the query is checked (400 with every
 * fault), then answered; a request the pack cannot answer (ViewError) is a 400 too, saying why.
 */
import { Router } from 'express';
import { ViewError } from '../rollup/run-view.ts';

export function answerRouter<R>(
  parse: (query: Record<string, unknown>) => { request?: R; errors: string[] },
  answer: (request: R) => Promise<unknown>,
  error: 'bad_view' | 'bad_request' = 'bad_request',
): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { request, errors } = parse(req.query as Record<string, unknown>);
    if (request === undefined) return res.status(400).json({ error, message: errors.join('; '), errors });
    try {
      res.json(await answer(request));
    } catch (err) {
      if (err instanceof ViewError) return res.status(400).json({ error, message: err.message, errors: err.errors });
      throw err;
    }
  });
  return router;
}
