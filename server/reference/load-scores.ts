/**
 * Reads the scoring scheme (data/catalogue/scores.yaml, beside the catalogue) and checks it against
 * the catalogue: a scheme naming an unknown indicator or component, or with a weight not above 0,
 * stops the start with every fault listed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Catalogue } from '../../data/schema/indicator.ts';
import { checkScoreScheme, type ScoreScheme } from '../../data/schema/scores.ts';

/** The scheme file beside the catalogue. */
export const scoresFile = (catalogueFile: string) => join(catalogueFile, '..', 'scores.yaml');

export function loadScoreScheme(path: string, catalogue: Catalogue): ScoreScheme {
  let document: unknown;
  try {
    document = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`scoring scheme ${path}: ${(err as Error).message}`);
  }
  const { scheme, errors } = checkScoreScheme(document, catalogue);
  if (!scheme) throw new Error(`scoring scheme ${path} is invalid:\n  ${errors.join('\n  ')}`);
  return scheme;
}
