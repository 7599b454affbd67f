/**
 * A pack's recipe, geo/<id>/recipe.json: which raw sources its units, former units, crosswalk and
 * map context are built from. Data, not code, so adding a province edits no code; this is its one
 * reader. Paths are relative to geo/<id>/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Where packs' geo folders live: geo/<id>/. */
export const geoRoot = fileURLToPath(new URL('.', import.meta.url));

const box = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const recipeSchema = z
  .object({
    /** The pack's top unit: code (GSO), name and full name, as the wall names it. */
    province: z.object({ code: z.string().min(1), name: z.string().min(1), fullName: z.string().min(1) }).strict(),
    /** The 2025 communes (GeoJSON, properties code, name, full_name). */
    communes: z.string().min(1),
    /** The 2024 GSO unit lists (level, code, name, type, parent_code) that source reports name. */
    formerUnits: z.array(z.string().min(1)).min(1),
    /**
     * Old → new communes: a table with area shares (as shipped), or derived from the official merge
     * list, with hand decisions (and their reasons) for what the list cannot place.
     */
    crosswalk: z.union([
      z.object({ areaShares: z.string().min(1) }).strict(),
      z.object({ merges: z.string().min(1), decisions: z.string().min(1) }).strict(),
    ]),
    /**
     * The population of every commune from a list of the whole country (population.ts): the pack's
     * copy of the list's rows for its communes, the document the list is (as population.csv cites
     * it) and the year of its figures. `npm run pack -- population` writes it.
     */
    population: z.object({ list: z.string().min(1), source: z.string().min(1), year: z.number().int().min(1900).max(2199) }).strict().optional(),
    /** An area's full name from its name, e.g. "Khu vực {name}" (the former district's health centre's area). */
    areaFullName: z.string().includes('{name}', { message: 'must contain {name}' }),
    /** What the map draws around the pack (build-context.ts). */
    context: z
      .object({
        provincesFile: z.string().min(1),
        province: z.object({ code: z.string().min(1), name: z.string().min(1), communesFile: z.string().min(1) }).strict(),
        archipelagos: z.array(z.object({ province: z.string().min(1), name: z.string().min(1), box }).strict()),
        sea: z.tuple([z.number(), z.number()]).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type RecipeData = z.output<typeof recipeSchema>;
export type ContextRecipe = NonNullable<RecipeData['context']>;

export interface PackRecipe extends RecipeData {
  id: string;
  /** geo/<id>/: the recipe's paths are relative to it. */
  dir: string;
}

export const recipeFile = (id: string, root = geoRoot) => join(root, id, 'recipe.json');

/** Reads and checks a recipe; a fault names the file and the field, in Vietnamese and English. */
export function loadRecipe(id: string, root = geoRoot): PackRecipe {
  const file = recipeFile(id, root);
  if (!existsSync(file)) throw new Error(`${file}: không có công thức của gói "${id}" (npm run pack -- new) / no recipe for pack "${id}" (npm run pack -- new)`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: JSON không đọc được / JSON cannot be read: ${(err as Error).message}`);
  }
  const result = recipeSchema.safeParse(data);
  if (!result.success)
    throw new Error(
      result.error.issues.map((i) => `${file}, trường ${i.path.join('.') || '(tệp)'}: giá trị không hợp lệ / field ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n'),
    );
  const dir = join(root, id);
  const missing = [result.data.communes, ...result.data.formerUnits, ...Object.values(result.data.crosswalk), ...(result.data.population ? [result.data.population.list] : [])].filter(
    (f) => !existsSync(join(dir, f)),
  );
  if (missing.length > 0) throw new Error(`${file}: thiếu tệp nguồn / missing source files: ${missing.map((f) => join(dir, f)).join(', ')}`);
  return { ...result.data, id, dir };
}

/** Every pack with a recipe. */
export function recipeIds(root = geoRoot): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'recipe.json')))
    .map((d) => d.name)
    .sort();
}
