/**
 * Published reference fits of R's forecast::ets (package forecast, Hyndman et al.) on two classic
 * series of the fpp2 package (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice",
 * 2nd ed.), as statsmodels records them for its own ETS tests:
 * - the script that made them: statsmodels/tsa/tests/results/fit_ets.R
 *   (`fit <- ets(data, model = model, damped = damped)`; `forecast(fit, 4, PI = FALSE)$mean`);
 * - the output: statsmodels/tsa/tests/results/fit_ets_results_nonseasonal.json (oil) and
 *   fit_ets_results_seasonal.json (austourists), 8 significant digits;
 * - the series: statsmodels/tsa/tests/test_exponential_smoothing.py (fixtures `oildata`,
 *   `austourists`, copied from fpp2).
 * Each fit gives the estimated smoothing parameters and initial state (R orders seasonal initial
 * states s₀, s₋₁, …, s₋ₘ₊₁, newest first), σ² and the first four point forecasts.
 */

/** fpp2::oil: annual oil production of Saudi Arabia, millions of tonnes, 1965–2013. */
export const OIL = [
  111.0091346, 130.8284341, 141.2870879, 154.2277747, 162.7408654, 192.1664835, 240.7997253, 304.2173901, 384.0045673, 429.6621566, 359.3169299,
  437.2518544, 468.4007898, 424.4353365, 487.9794299, 509.8284478, 506.3472527, 340.1842374, 240.258921, 219.0327876, 172.0746632, 252.5900922,
  221.0710774, 276.5187735, 271.1479517, 342.6186005, 428.3558357, 442.3945534, 432.7851482, 437.2497186, 437.2091599, 445.3640981, 453.1950104,
  454.409641, 422.3789058, 456.0371217, 440.3866047, 425.1943725, 486.2051735, 500.4290861, 521.2759092, 508.947617, 488.8888577, 509.870575,
  456.7229123, 473.8166029, 525.9508706, 549.8338076, 542.3404698,
];

/** fpp2::austourists: international tourist visitor nights in Australia, millions, quarterly 1999 Q1 – 2015 Q4. */
export const AUSTOURISTS = [
  30.052513, 19.148496, 25.317692, 27.591437, 32.076456, 23.487961, 28.47594, 35.123753, 36.838485, 25.007017, 30.72223, 28.693759, 36.640986,
  23.824609, 29.311683, 31.770309, 35.177877, 19.775244, 29.60175, 34.538842, 41.273599, 26.655862, 28.279859, 35.191153, 42.20566386, 24.64917133,
  32.66733514, 37.25735401, 45.24246027, 29.35048127, 36.34420728, 41.78208136, 49.27659843, 31.27540139, 37.85062549, 38.83704413, 51.23690034,
  31.83855162, 41.32342126, 42.79900337, 55.70835836, 33.40714492, 42.31663797, 45.15712257, 59.57607996, 34.83733016, 44.84168072, 46.9712496,
  60.01903094, 38.37117851, 46.97586413, 50.73379646, 61.64687319, 39.29956937, 52.67120908, 54.33231689, 66.83435838, 40.87118847, 51.82853579,
  57.49190993, 65.25146985, 43.06120822, 54.76075713, 59.83447494, 73.25702747, 47.69662373, 61.09776802, 66.05576122,
];

export interface ReferenceFit {
  data: 'oil' | 'austourists';
  model: 'ANN' | 'AAN' | 'AAdN' | 'ANA' | 'AAA' | 'AAdA';
  alpha: number;
  beta: number | null;
  gamma: number | null;
  phi: number | null;
  /** R's initstate: l, b, then s₀, s₋₁, … (newest first). */
  initstate: number[];
  sigma2: number;
  forecast: [number, number, number, number];
}

export const REFERENCE_FITS: ReferenceFit[] = [
  // ets(oil, model = "ANN")
  { data: 'oil', model: 'ANN', alpha: 0.99989996, beta: null, gamma: null, phi: null, initstate: [110.88321179], sigma2: 2405.9689539, forecast: [542.34121919, 542.34121919, 542.34121919, 542.34121919] },
  // ets(oil, model = "AAN", damped = FALSE)
  {
    data: 'oil', model: 'AAN', alpha: 0.99770564, beta: 0.0001001, gamma: null, phi: null, initstate: [21.3150686, 11.71213626], sigma2: 2571.94347286,
    forecast: [554.09126495, 565.79806815, 577.50487134, 589.21167453],
  },
  // ets(oil, model = "AAN", damped = TRUE)
  {
    data: 'oil', model: 'AAdN', alpha: 0.99989969, beta: 0.11886985, gamma: null, phi: 0.80000197, initstate: [36.46466837, 34.72584983], sigma2: 2524.87915822,
    forecast: [545.35213563, 547.76044926, 549.68710489, 551.22843318],
  },
  // ets(austourists, model = "ANA")
  {
    data: 'austourists', model: 'ANA', alpha: 0.54216695, beta: null, gamma: 0.39203017, phi: null, initstate: [25.54638913, 2.14912647, -0.53099835, -6.46658738, 4.84845926],
    sigma2: 6.56104274, forecast: [75.32914757, 50.16726775, 62.21021038, 65.90296904],
  },
  // ets(austourists, model = "AAA", damped = FALSE)
  {
    data: 'austourists', model: 'AAA', alpha: 0.20281952, beta: 0.00016979, gamma: 0.4645238, phi: null,
    initstate: [23.06996036, 0.57786622, 1.65451693, -1.17750326, -8.97988612, 8.50287244], sigma2: 6.20560506,
    forecast: [75.34454396, 50.75845291, 63.05022495, 67.48394643],
  },
  // ets(austourists, model = "AAA", damped = TRUE)
  {
    data: 'austourists', model: 'AAdA', alpha: 0.35445427, beta: 0.03200749, gamma: 0.39993387, phi: 0.97999997,
    initstate: [24.01278357, 0.97770147, 1.76951063, -0.50735902, -6.61171798, 5.34956637], sigma2: 6.0830734,
    forecast: [76.07768073, 51.61741109, 63.96457729, 68.27886241],
  },
];
