// A receiver of pushed figures, as the provincial IOC would run one, for tests/push/push.test.ts:
// node receiver.mjs PORT SECRET LOG. Checks the signature over the exact body, appends what it got
// (idempotency key, whether the signature held, the body) to LOG before it answers, and answers 200 (401 on
// a bad signature). Prints "listening PORT" once it listens.
import { appendFileSync } from 'node:fs';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const [port, secret, log] = process.argv.slice(2);
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
    const given = Buffer.from(String(req.headers['x-ioc-signature'] ?? ''));
    const signed = given.length === expected.length && timingSafeEqual(given, expected);
    appendFileSync(log, JSON.stringify({ key: req.headers['idempotency-key'], signed, type: req.headers['content-type'], body: body.toString('utf8') }) + '\n');
    res.writeHead(signed ? 200 : 401).end();
  });
});
server.listen(Number(port), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
