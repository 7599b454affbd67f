/**
 * /api/health says what landed as soon as the upload is answered (issue 24): its fact count once
 * trailed a landed batch by a reading (it answers from memory, read every few seconds).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface Health {
  facts: number | null;
  last_batch_at: string | null;
}
const health = async () => (await (await fetch(`${server.url}/api/health`)).json()) as Health;
const stored = async () => {
  const [r] = await server.wall.store.query<{ facts: number; at: string }>(
    "SELECT (SELECT count(*) FROM facts)::INTEGER AS facts, (SELECT max(created_at)::VARCHAR FROM batches WHERE status = 'committed') AS at",
  );
  return { facts: r!.facts, last_batch_at: r!.at };
};

async function upload(name: string, lines: string[]) {
  const res = await fetch(`${server.url}/api/batches?file=${name}`, { method: 'POST', body: [HEADER, ...lines].join('\n') + '\n', headers: server.editor });
  return (await res.json()) as { status: string; rowsAccepted: number; rowsReplaced: number };
}

describe('/api/health and a landed batch', () => {
  it('counts the facts the store holds right after the upload is answered', async () => {
    // A fresh reading first: health then answers from memory for a few seconds.
    await expect.poll(async () => (await health()).facts).toBe((await stored()).facts);
    const before = (await health()).facts!;

    const added = await upload('health-added.csv', ['telehealth_consultations,22738,,2025-08,,,5,,', 'telehealth_consultations,22741,,2025-08,,,6,,']);
    expect(added).toMatchObject({ status: 'committed', rowsAccepted: 2 });
    expect(await health()).toMatchObject(await stored());
    expect((await health()).facts).toBe(before + 2);

    // A figure sent again replaces the stored one: the count stays, the last batch moves on.
    const last = (await health()).last_batch_at;
    const replaced = await upload('health-replaced.csv', ['telehealth_consultations,22738,,2025-08,,,7,,']);
    expect(replaced).toMatchObject({ status: 'committed', rowsReplaced: 1 });
    expect(await health()).toMatchObject(await stored());
    expect((await health()).facts).toBe(before + 2);
    expect((await health()).last_batch_at).not.toBe(last);

    // A refused batch lands nothing, and health says the same as before.
    const refused = await upload('health-refused.csv', ['telehealth_consultations,22738,,2025-09,,,1.000,,']);
    expect(refused.status).toBe('rejected');
    expect(await health()).toMatchObject(await stored());
  });
});
