/** Error responses: a code and a sentence, never a stack trace or SQL. */
import type { ErrorRequestHandler, Response } from 'express';
import { QueryTimeout } from '../store/store.ts';

/** A size limit as a person reads it: "200 MB", "4 KB". */
export const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;

export function sendError(res: Response, status: number, error: string, message: string): void {
  res.status(status).json({ error, message });
}

export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (err instanceof QueryTimeout) {
    // The read was stopped, so the server is free again: the client may retry a narrower request.
    res.set('Retry-After', '5');
    return sendError(res, 503, 'busy', `${err.message}; ask for less (a parent unit, fewer indicators, a shorter span) or try again shortly`);
  }
  const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
  if (status === 413) {
    // body-parser says the limit it applied, in bytes.
    const limit = typeof err.limit === 'number' ? sizeText(err.limit) : 'IOC_MAX_UPLOAD';
    return sendError(res, 413, 'too_large', `Nội dung gửi lớn hơn giới hạn ${limit}. The request body is larger than the limit of ${limit}.`);
  }
  if (status < 500) return sendError(res, status, 'bad_request', 'the request could not be read');
  console.error(err);
  sendError(res, 500, 'internal', 'the server failed to answer; the error is in its log');
};
