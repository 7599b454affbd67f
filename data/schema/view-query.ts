/** A view as the URL query that names it (what viewFromQuery in view.ts reads back). Kept apart from the zod schema, so the wall's first script stays small. */
import type { View } from './view.ts';

export function viewToQuery(view: View): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(view)) if (v !== undefined) params.set(k, Array.isArray(v) ? v.join(',') : String(v));
  return params.toString();
}
