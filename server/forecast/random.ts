/**
 * A seeded pseudo-random source for the forecast simulations, so that the same series and seed
 * always give the same intervals (a refreshed screen must not move its bands by chance).
 * sfc32 (Chris Doty-Humphrey's "small fast counting" generator, as in PractRand) seeded through
 * splitmix32; standard normal deviates by the Marsaglia polar method. Pure, no I/O.
 */

export interface Random {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Fills `out` with standard normal deviates (faster than calling normal() for each). */
  fillNormal(out: Float64Array): void;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const TWO_TO_32 = 4294967296;

export function seededRandom(seed: number): Random {
  const init = splitmix32(seed);
  // sfc32 state: a, b, c and the counter d.
  const state = new Uint32Array([init(), init(), init(), init()]);
  const next = () => {
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    state[0] = a;
    state[1] = b;
    state[2] = c;
    state[3] = d;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  const uniform = () => next() / TWO_TO_32;
  let spare: number | null = null;
  const fillNormal = (out: Float64Array) => {
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    let i = 0;
    if (spare !== null && out.length > 0) {
      out[i++] = spare;
      spare = null;
    }
    while (i < out.length) {
      let u: number;
      let v: number;
      let s: number;
      do {
        let t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        c = (c + t) | 0;
        u = (2 * (t >>> 0)) / TWO_TO_32 - 1;
        t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        c = (c + t) | 0;
        v = (2 * (t >>> 0)) / TWO_TO_32 - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      out[i++] = u * f;
      if (i < out.length) out[i++] = v * f;
      else spare = v * f;
    }
    state[0] = a;
    state[1] = b;
    state[2] = c;
    state[3] = d;
  };
  const one = new Float64Array(1);
  return {
    uniform,
    normal() {
      fillNormal(one);
      return one[0]!;
    },
    fillNormal,
  };
}
