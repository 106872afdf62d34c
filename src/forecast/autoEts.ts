import { etsForecast, type EtsSpec, type EtsTrend } from './etsModel.ts';
import { fitEts, type EtsFit } from './fitEts.ts';
import { normalForecast, type ForecastInput, type ForecastMethod } from './forecast.ts';

/**
 * Fits each candidate additive-error model and keeps the one with the lowest AICc, as
 * forecast::ets does within its (larger) model space.
 */
export function selectEts(
  values: readonly number[],
  seasonLength: number,
  trends: readonly EtsTrend[] = ['none', 'damped'],
): EtsFit {
  let best: EtsFit | undefined;
  for (const trend of trends) {
    const spec: EtsSpec = { trend, seasonLength };
    const fit = fitEts(values, spec);
    if (best === undefined || fit.aicc < best.aicc) best = fit;
  }
  return best!;
}

export function forecastFromFit(fit: EtsFit, horizon: number) {
  const { point, sd } = etsForecast(fit.spec, fit.params, fit.state, fit.n, fit.sigma2, horizon);
  return normalForecast(point, sd);
}

/**
 * ETS with additive errors, additive seasonality and either no trend or a damped one, chosen
 * by AICc. Undamped trends are left out because absence rates move in level shifts rather than
 * lasting slopes: on the CBS backtest adding ETS(A,A,A) to the choice raised MASE from 1.303 to
 * 1.336. Multiplicative models are left out to keep closed-form intervals (class 1 models).
 */
export const autoEts: ForecastMethod = {
  name: 'ets',
  description: 'ETS(A,N,A) or ETS(A,Ad,A), chosen by AICc',
  forecast(input: ForecastInput) {
    return forecastFromFit(selectEts(input.values, input.seasonLength), input.horizon);
  },
};
