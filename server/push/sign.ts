/**
 * The signature a receiver checks: `X-IOC-Signature: sha256=<hex HMAC-SHA256 of the body with the
 * shared secret>`. Over the exact bytes sent, so a receiver verifies before it parses; compared in
 * constant time, so the check leaks nothing of the expected value.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-IOC-Signature';

export const signatureOf = (body: string, secret: string) => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/** Whether a header is the body's signature with this secret (what a receiver does). */
export function verifySignature(body: string, secret: string, header: string | undefined): boolean {
  const expected = Buffer.from(signatureOf(body, secret));
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
