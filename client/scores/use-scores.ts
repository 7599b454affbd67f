/**
 * A scores answer for a level under a parent in a period, with the leader's settings, kept current
 * as batches land. While the next answer is on its way (a slider moved) the last one stays on
 * screen, marked as recomputing, so the ranking does not blank between two positions.
 */
import { useRef } from 'react';
import type { ScoresAnswer } from '../../data/schema/scores.ts';
import { useReloaded } from '../live/use-refreshed.ts';
import { scoreParams, type ScoreSettings } from './score-settings.ts';

export interface ScoresQuery {
  level: string;
  parent?: string;
  period: string;
  /** 0: no sensitivity analysis (the scheme's 1,000 draws otherwise). */
  draws?: number;
}

type ScoresRead = { answer: ScoresAnswer } | { errors: string[] };

function scoresSearch(query: ScoresQuery, settings: ScoreSettings): string {
  const params = new URLSearchParams({ level: query.level, period: query.period });
  if (query.parent) params.set('parent', query.parent);
  if (query.draws !== undefined) params.set('draws', String(query.draws));
  for (const [k, v] of scoreParams(settings, true)) params.append(k, v);
  return params.toString();
}

// A refused request (every weight at 0, a goalpost the wrong way round) is an answer to show, not a failure to retry.
const readScores = (search: string): Promise<ScoresRead> =>
  fetch(`/api/scores?${search}`).then(async (r) => {
    if (r.ok) return { answer: (await r.json()) as ScoresAnswer };
    if (r.status === 400) return { errors: ((await r.json()) as { errors?: string[] }).errors ?? [`${r.status}`] };
    throw new Error(`/api/scores: ${r.status}`);
  });

/**
 * The last answer (kept while the next is on its way, and while the settings are refused, so the
 * controls to change them stay on screen), the refusal of the current settings if any, and
 * whether the answer is the current settings' own.
 */
export function useScores(query: ScoresQuery | null, settings: ScoreSettings): { answer: ScoresAnswer | null; errors: string[] | null; current: boolean } {
  const search = query ? scoresSearch(query, settings) : null;
  const read = useReloaded(search, readScores);
  const last = useRef<ScoresAnswer | null>(null);
  if (read && 'answer' in read) last.current = read.answer;
  return { answer: last.current, errors: read && 'errors' in read ? read.errors : null, current: Boolean(read && 'answer' in read) };
}
