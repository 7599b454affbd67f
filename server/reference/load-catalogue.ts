/** Reads the indicator catalogue (YAML) and checks it; a broken catalogue fails with every fault listed. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkCatalogue, type Catalogue } from '../../data/schema/indicator.ts';

export function loadCatalogue(path: string): Catalogue {
  let document: unknown;
  try {
    document = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`catalogue ${path}: ${(err as Error).message}`);
  }
  const { catalogue, errors } = checkCatalogue(document);
  if (!catalogue) throw new Error(`catalogue ${path} is invalid:\n  ${errors.join('\n  ')}`);
  return catalogue;
}
