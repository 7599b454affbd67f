/**
 * What a leader changed in the scoring (weights, goalposts, the method, what-if values and
 * elasticities), as URL parameters: the same ones GET /api/scores takes, so a link to a screen
 * keeps its weights and the screen's request is the link's. Pure.
 */
import type { Aggregation, WhatIfSet } from '../../data/schema/scores.ts';

export interface ElasticitySetting {
  from: string;
  to: string;
  coefficient: number;
  /** Where the coefficient comes from; an elasticity without one is kept but not applied. */
  citation: string;
}

export interface ScoreSettings {
  /** Absent: the scheme's default method. */
  method?: Aggregation;
  /** w.<component or indicator>: weights that differ from the scheme's. */
  weights: Record<string, number>;
  /** g.<indicator>: goalposts as the API writes them (minmax:MIN:MAX or target:FLOOR). */
  goalposts: Record<string, string>;
  sets: WhatIfSet[];
  elasticities: ElasticitySetting[];
}

export const NO_SETTINGS: ScoreSettings = { weights: {}, goalposts: {}, sets: [], elasticities: [] };

export const isScoreParam = (key: string): boolean => key === 'method' || key === 'set' || key === 'el' || /^[wg]\.[a-z][a-z0-9_]*$/.test(key);

/** The settings a URL holds; what does not parse is dropped (the server would name it). */
export function readScoreSettings(params: URLSearchParams): ScoreSettings {
  const settings: ScoreSettings = { weights: {}, goalposts: {}, sets: [], elasticities: [] };
  const method = params.get('method');
  if (method === 'arithmetic' || method === 'geometric') settings.method = method;
  for (const [key, value] of params) {
    const [prefix, code] = key.split('.');
    if (prefix === 'w' && code && value.trim() !== '' && Number.isFinite(Number(value))) settings.weights[code] = Number(value);
    else if (prefix === 'g' && code) settings.goalposts[code] = value;
  }
  for (const s of params.getAll('set')) {
    const m = s.match(/^([a-z][a-z0-9_]*):([^:\s]+):(-?\d+(?:\.\d+)?)$/);
    if (m) settings.sets.push({ indicator: m[1]!, unit: m[2]!, value: Number(m[3]) });
  }
  for (const e of params.getAll('el')) {
    const m = e.match(/^([a-z_]+):([a-z_]+):(-?\d+(?:\.\d+)?)(?::([\s\S]*))?$/);
    if (m) settings.elasticities.push({ from: m[1]!, to: m[2]!, coefficient: Number(m[3]), citation: m[4] ?? '' });
  }
  return settings;
}

/**
 * The settings as URL parameters, in a stable order. `forRequest`: only what the server applies
 * (an elasticity with no citation or a zero coefficient is left out, so nothing moves on an
 * unsourced number).
 */
export function scoreParams(settings: ScoreSettings, forRequest = false): [string, string][] {
  const params: [string, string][] = [];
  if (settings.method) params.push(['method', settings.method]);
  for (const [code, w] of Object.entries(settings.weights).sort()) params.push([`w.${code}`, String(w)]);
  for (const [code, g] of Object.entries(settings.goalposts).sort()) params.push([`g.${code}`, g]);
  for (const s of settings.sets) params.push(['set', `${s.indicator}:${s.unit}:${s.value}`]);
  for (const e of settings.elasticities)
    if (!forRequest || (e.citation.trim() !== '' && e.coefficient !== 0)) params.push(['el', `${e.from}:${e.to}:${e.coefficient}:${e.citation}`]);
  return params;
}
