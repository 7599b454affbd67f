/** Error responses: a code and a sentence, never a stack trace or SQL. */
import type { ErrorRequestHandler, Response } from 'express';

export function sendError(res: Response, status: number, error: string, message: string): void {
  res.status(status).json({ error, message });
}

export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
  if (status === 413) {
    // body-parser says the limit it applied, in bytes.
    const limit = typeof err.limit === 'number' ? err.limit : null;
    const mb = limit === null ? '' : limit >= 1024 * 1024 ? `${Math.round((limit / 1024 / 1024) * 10) / 10} MB` : `${Math.round(limit / 1024)} KB`;
    return sendError(
      res,
      413,
      'too_large',
      `Tệp tải lên lớn hơn giới hạn ${mb} (IOC_MAX_UPLOAD): chia nhỏ tệp. The upload is larger than the limit of ${mb} (IOC_MAX_UPLOAD): split the file.`,
    );
  }
  if (status < 500) return sendError(res, status, 'bad_request', 'the request could not be read');
  console.error(err);
  sendError(res, 500, 'internal', 'the server failed to answer; the error is in its log');
};
