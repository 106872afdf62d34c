import { selectEts } from './autoEts.ts';
import { etsForecast } from './etsModel.ts';
import { normalForecast, type Forecast } from './forecast.ts';
import { seasonallyAdjusted } from './seasonallyAdjusted.ts';

/**
 * The Theta method as simple exponential smoothing with drift equal to half the slope of a
 * straight line through the data (Hyndman & Billah 2003, as in forecast::thetaf):
 * ŷ(h) = SES(h) + (b/2) (h - 1 + (1 - (1 - α)^n) / α). Intervals are those of the SES part.
 */
export function thetaForecast(values: readonly number[], horizon: number): Forecast {
  const fit = selectEts(values, 1, ['none']);
  const { point, sd } = etsForecast(fit.spec, fit.params, fit.state, fit.n, fit.sigma2, horizon);
  const n = values.length;
  const alpha = fit.params.alpha;
  const halfSlope = lineSlope(values) / 2;
  const shift = (1 - (1 - alpha) ** n) / alpha;
  return normalForecast(
    point.map((p, i) => p + halfSlope * (i + shift)),
    sd,
  );
}

/** Theta on the multiplicatively seasonally adjusted series, as the M3 competition ran it. */
export const theta = seasonallyAdjusted(
  'theta',
  'Theta method (SES with half the linear drift) on multiplicatively adjusted data',
  'multiplicative',
  thetaForecast,
);

function lineSlope(values: readonly number[]): number {
  const n = values.length;
  const meanT = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((v, t) => {
    num += (t - meanT) * (v - meanY);
    den += (t - meanT) ** 2;
  });
  return den > 0 ? num / den : 0;
}
