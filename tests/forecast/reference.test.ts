/**
 * Cross-checked against R's forecast::ets, the reference implementation the textbook uses
 * (Hyndman & Athanasopoulos, FPP): its published fits on fpp2's oil (ANN, AAN, AAdN) and
 * austourists (ANA, AAA, AAdA, quarterly), see fpp2-reference.ts for the source.
 * - With R's parameters and initial states, our recursions give R's point forecasts and σ².
 * - With R's smoothing parameters, our exact initial state fits at least as well as R's searched one.
 * - Our own maximum-likelihood fit is at least as likely as R's (as statsmodels tests its ETS), and
 *   its forecasts stay within half a one-step standard error of R's.
 */
import { describe, expect, it } from 'vitest';
import { etsWith, fitEts, pointForecasts } from '../../server/forecast/ets.ts';
import { AUSTOURISTS, OIL, REFERENCE_FITS, type ReferenceFit } from './fpp2-reference.ts';

const seriesOf = (r: ReferenceFit) => (r.data === 'oil' ? { y: OIL, m: 1 } : { y: AUSTOURISTS, m: 4 });
const paramsOf = (r: ReferenceFit) => ({ alpha: r.alpha, beta: r.beta, gamma: r.gamma, phi: r.phi });
/** R lists seasonal initial states newest first (s₀, s₋₁, …); ours are in the order time uses them. */
const initialOf = (r: ReferenceFit) => {
  const trend = r.beta !== null;
  return { level: r.initstate[0]!, trend: trend ? r.initstate[1]! : 0, season: r.initstate.slice(trend ? 2 : 1).reverse() };
};
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe.each(REFERENCE_FITS.map((r) => [`${r.model} on ${r.data}`, r] as const))('ets %s', (_name, r) => {
  const { y, m } = seriesOf(r);

  it('reproduces R\u2019s point forecasts and σ² from R\u2019s parameters and initial state', () => {
    const fit = etsWith(y, r.model, paramsOf(r), initialOf(r), m);
    pointForecasts(fit, 4).forEach((f, i) => expect(relative(f, r.forecast[i]!)).toBeLessThan(1e-6));
    expect(relative(fit.sigma2, r.sigma2)).toBeLessThan(1e-6);
  });

  it('estimates an initial state at least as good as R\u2019s for R\u2019s smoothing parameters', () => {
    const fixed = { alpha: r.alpha, ...(r.beta !== null ? { beta: r.beta } : {}), ...(r.gamma !== null ? { gamma: r.gamma } : {}), ...(r.phi !== null ? { phi: r.phi } : {}) };
    const ours = fitEts(y, r.model, { m, fixed });
    const theirs = etsWith(y, r.model, paramsOf(r), initialOf(r), m);
    expect(ours.sse).toBeLessThanOrEqual(theirs.sse * (1 + 1e-9));
  });

  it('fits by maximum likelihood at least as well as R, with forecasts near R\u2019s', () => {
    const ours = fitEts(y, r.model, { m });
    const theirs = etsWith(y, r.model, paramsOf(r), initialOf(r), m);
    // −2 log-likelihood, in forecast::ets's terms n·log(SSE): ours no higher than R's.
    expect(y.length * Math.log(ours.sse)).toBeLessThanOrEqual(y.length * Math.log(theirs.sse) + 1e-3);
    // Likelihoods this flat leave the parameters loose (ours is the more likely fit where they differ);
    // the forecasts still differ by well under the one-step forecast error (σ) of R's fit.
    pointForecasts(ours, 4).forEach((f, i) => expect(Math.abs(f - r.forecast[i]!)).toBeLessThan(0.5 * Math.sqrt(r.sigma2)));
  });
});
