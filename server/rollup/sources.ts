/**
 * Where the figures of some indicators over some days come from: each document they cite with how
 * many figures it gave (demo figures as one entry of their own, whatever source they carry), and
 * the last day any of them was reported. A printed page cites these under its figures, by
 * document, never by file (data/schema/briefing.ts sourceDocument).
 */
import { sourceDocument, type FigureSources } from '../../data/schema/briefing.ts';
import type { Store } from '../store/store.ts';

/** `unit`: only figures that roll up to this unit (by code), as the page's views do. */
export async function sourcesOf(store: Store, indicators: string[], from: string, to: string, unit: string | null): Promise<FigureSources> {
  const rows = await store.query<{ source: string; figures: number; demo: boolean; last: string | null }>(
    `SELECT CASE WHEN f.is_demo THEN '' ELSE COALESCE(f.source, '') END AS source, count(*)::INTEGER AS figures, f.is_demo AS demo, max(f.reported_on)::VARCHAR AS last
     FROM facts f JOIN indicators i ON i.id = f.indicator_id
     WHERE list_contains(from_json($1::JSON, '["VARCHAR"]'), i.code) AND f.period_start >= $2::DATE AND f.period_end <= $3::DATE
       AND ($4::VARCHAR IS NULL OR EXISTS (
         SELECT 1 FROM unit_ancestors a JOIN units u ON u.id = a.ancestor_id WHERE a.unit_id = f.unit_id AND u.code = $4 AND u.era = 'current'))
     GROUP BY ALL`,
    [JSON.stringify(indicators), from, to, unit],
  );
  const last = rows.map((r) => r.last).filter((d): d is string => d !== null).sort().at(-1) ?? null;
  // Sources that name the same document (with and without a path in them) count as one.
  const documents = new Map<string, FigureSources['sources'][number]>();
  for (const r of rows) {
    const document = r.demo ? null : sourceDocument(r.source);
    if (!r.demo && document === null) continue;
    const key = r.demo ? '\u0000demo' : document!;
    const entry = documents.get(key) ?? { document, figures: 0, demo: r.demo };
    entry.figures += r.figures;
    documents.set(key, entry);
  }
  return { sources: [...documents.values()].sort((a, b) => b.figures - a.figures), lastReported: last };
}
