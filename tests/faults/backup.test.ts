import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreFrom } from '../../server/store/backup.ts';
import { openStore } from '../../server/store/store.ts';
import { factCount, HEADER } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = (await server.access.create('test admin', 'admin', 'test')).token;
});
afterAll(() => server.close());

const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
const batch = (unit: string) => [HEADER, ...months.map((m) => `telehealth_consultations,${unit},,${m},,,9,,`)].join('\n');
const upload = (body: string) => fetch(`${server.url}/api/batches?file=b.csv`, { method: 'POST', body, headers: server.editor });

describe('backup and restore', () => {
  it('copies the database while the server runs and a batch lands, and restores a consistent copy', async () => {
    expect((await upload(batch('22738'))).status).toBe(201);
    const before = await factCount(server.wall);
    // A backup asked for while another batch is on its way: it holds that batch whole or not at all.
    const [made, landed] = await Promise.all([
      fetch(`${server.url}/api/admin/backup`, { method: 'POST', headers: { Authorization: `Bearer ${admin}` } }).then((r) => r.json() as Promise<{ file: string; facts: number }>),
      upload(batch('22741')),
    ]);
    expect(landed.status).toBe(201);
    expect([before, before + months.length]).toContain(made.facts);

    const target = join(server.wall.dir, 'restored', 'ioc.duckdb');
    const restored = await restoreFrom(made.file, target);
    expect(restored).toEqual({ facts: made.facts, previous: null });
    const store = await openStore(target);
    try {
      const [counts] = await store.query<{ facts: number; batches: number }>(
        "SELECT (SELECT count(*) FROM facts)::INTEGER AS facts, (SELECT count(*) FROM batches WHERE status = 'committed')::INTEGER AS batches",
      );
      expect(counts!.facts).toBe(made.facts);
      // Each batch of this test is wholly there, or (the one racing the backup) not at all.
      const ours = await store.query<{ accepted: number; held: number }>(
        `SELECT b.rows_accepted AS accepted, count(f.batch_id)::INTEGER AS held FROM batches b LEFT JOIN facts f ON f.batch_id = b.id
         WHERE b.file_name = 'b.csv' AND b.status = 'committed' GROUP BY b.id, b.rows_accepted`,
      );
      expect(ours.length).toBeGreaterThan(0);
      for (const b of ours) expect(b.held).toBe(b.accepted);
    } finally {
      await store.close();
    }
    const audit = (await (await fetch(`${server.url}/api/admin/audit`, { headers: { Authorization: `Bearer ${admin}` } })).json()) as { action: string; actor: string }[];
    expect(audit).toContainEqual(expect.objectContaining({ action: 'backup', actor: 'test admin' }));
  });

  it('restores over an existing database, keeping the one it replaces', async () => {
    const made = (await (await fetch(`${server.url}/api/admin/backup`, { method: 'POST', headers: { Authorization: `Bearer ${admin}` } })).json()) as { file: string };
    const target = join(server.wall.dir, 'restored-again', 'ioc.duckdb');
    await restoreFrom(made.file, target);
    const again = await restoreFrom(made.file, target);
    expect(again.previous).toBe(`${target}.before-restore`);
    expect(existsSync(again.previous!)).toBe(true);
  });

  it('refuses a file that is not a database, touching nothing', async () => {
    const bogus = join(server.wall.dir, 'bogus.duckdb');
    writeFileSync(bogus, 'not a database');
    const target = join(server.wall.dir, 'untouched', 'ioc.duckdb');
    await expect(restoreFrom(bogus, target)).rejects.toThrow(/bogus\.duckdb is not a usable backup/);
    expect(existsSync(target)).toBe(false);
  });

  it('needs an admin', async () => {
    expect((await fetch(`${server.url}/api/admin/backup`, { method: 'POST', headers: server.editor })).status).toBe(403);
  });
});
