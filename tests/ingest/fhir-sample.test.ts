/**
 * The FHIR sample of the README is what the export writes today (its stamps and ids aside): it
 * cannot drift from the code. And demo figures never leave as if reported.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingestCsv } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.close());

/** Without what changes at each export: the bundle's and each report's time, the entries' uuids. */
const steady = (bundle: { timestamp?: string; entry: { fullUrl?: string; resource: { date?: string } }[] }) => ({
  ...bundle,
  timestamp: undefined,
  entry: bundle.entry.map((e) => ({ ...e, fullUrl: undefined, resource: { ...e.resource, date: undefined } })),
});

it("data/samples/fhir-measurereport-bundle.json is the export of the province's EHR coverage of 2024-H1 (BC-SYT-NT-2024H1 Bảng 2: 626.288 / 661.543)", async () => {
  const sample = JSON.parse(readFileSync('data/samples/fhir-measurereport-bundle.json', 'utf8'));
  const res = await fetch(`${server.url}/api/export/fhir?indicators=ehr_coverage&level=province&grain=half&from=2024-H1&to=2024-H1`);
  expect(res.status).toBe(200);
  expect(steady(await res.json())).toEqual(steady(sample));
  expect(JSON.stringify(sample)).toContain('"count":626288');
});

it('refuses to export generated demo figures, naming them, in Vietnamese and English', async () => {
  const report = await ingestCsv(server.wall, ['cashless_payment_rate,,BV-DKT,2026-07,5100,9800,,,'], { fileName: 'demo.csv', demo: true });
  expect(report.status).toBe('committed');
  const res = await fetch(`${server.url}/api/export/fhir?indicators=cashless_payment_rate&level=facility&grain=month&from=2026-07&to=2026-07`);
  expect(res.status).toBe(400);
  const answer = (await res.json()) as { refused: { reason: string; vi: string; en: string; figures: number }[] };
  expect(answer.refused).toEqual([expect.objectContaining({ reason: 'demo_figures', figures: 1 })]);
  expect(answer.refused[0]!.vi).toMatch(/số liệu demo/);
  expect(answer.refused[0]!.en).toMatch(/demo figures/);
});
