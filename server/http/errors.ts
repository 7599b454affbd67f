/** Error responses: a code and a sentence, never a stack trace or SQL. */
import type { ErrorRequestHandler, Response } from 'express';

export function sendError(res: Response, status: number, error: string, message: string): void {
  res.status(status).json({ error, message });
}

export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
  if (status === 413) return sendError(res, 413, 'too_large', 'the upload is larger than the server accepts');
  if (status < 500) return sendError(res, status, 'bad_request', 'the request could not be read');
  console.error(err);
  sendError(res, 500, 'internal', 'the server failed to answer; the error is in its log');
};
