import type { Forecast } from './forecast.ts';

/** Accuracy of one method over many series and origins. */
export interface ForecastScore {
  readonly method: string;
  /** Mean absolute scaled error over all series, origins and horizons. */
  readonly mase: number;
  /** Index h-1 holds the MASE at horizon h. */
  readonly maseByHorizon: readonly number[];
  /** Share of outcomes inside the 80 % and 95 % intervals, 0 to 1. */
  readonly coverage80: number;
  readonly coverage95: number;
  /** Number of forecast origins scored, summed over series. */
  readonly forecastCount: number;
}

/** Sums scaled errors and interval hits as forecasts come in; `score()` averages them. */
export class ScoreAccumulator {
  readonly #method: string;
  readonly #errorSums: number[];
  #hits80 = 0;
  #hits95 = 0;
  #count = 0;

  constructor(method: string, horizon: number) {
    this.#method = method;
    this.#errorSums = new Array<number>(horizon).fill(0);
  }

  add(actual: readonly number[], forecast: Forecast, scale: number): void {
    for (let i = 0; i < this.#errorSums.length; i++) {
      const value = actual[i]!;
      this.#errorSums[i] = this.#errorSums[i]! + Math.abs(value - forecast.point[i]!) / scale;
      if (value >= forecast.lower80[i]! && value <= forecast.upper80[i]!) this.#hits80++;
      if (value >= forecast.lower95[i]! && value <= forecast.upper95[i]!) this.#hits95++;
    }
    this.#count++;
  }

  score(): ForecastScore {
    const horizon = this.#errorSums.length;
    const maseByHorizon = this.#errorSums.map((sum) => sum / this.#count);
    const targets = this.#count * horizon;
    return {
      method: this.#method,
      mase: maseByHorizon.reduce((a, b) => a + b, 0) / horizon,
      maseByHorizon,
      coverage80: this.#hits80 / targets,
      coverage95: this.#hits95 / targets,
      forecastCount: this.#count,
    };
  }
}
