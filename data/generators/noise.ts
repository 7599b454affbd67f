/**
 * Deterministic noise: a number in [0, 1) from a key string, so every demo figure depends only
 * on what it is (indicator, entity, period) and never on the order figures are generated in.
 */
export function noise(key: string): number {
  // FNV-1a, then one round of a 32-bit mix (mulberry32's finaliser) to spread the bits.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h = Math.imul(h ^ (h >>> 15), h | 1);
  h ^= h + Math.imul(h ^ (h >>> 7), h | 61);
  return ((h ^ (h >>> 14)) >>> 0) / 4294967296;
}

/** Roughly normal (mean 0, sd 1), from the sum of four uniforms. */
export function gaussian(key: string): number {
  return (noise(`${key}#a`) + noise(`${key}#b`) + noise(`${key}#c`) + noise(`${key}#d`) - 2) * Math.sqrt(3);
}

/** A Poisson draw with mean `mean` (inversion; means here are small). */
export function poisson(key: string, mean: number): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(key)));
  const u = noise(key);
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  while (u > cumulative && k < 1000) {
    k++;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}
