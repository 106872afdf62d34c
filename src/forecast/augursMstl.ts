import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../core/errors.ts';
import type { Forecast, ForecastInput, ForecastMethod } from './forecast.ts';

/** The part of `@bsull/augurs/mstl` we use, declared here so the type check passes without it. */
interface AugursForecast {
  point: number[];
  intervals?: { lower: number[]; upper: number[] } | undefined;
}
interface AugursMstlModel {
  fit(values: Float64Array): void;
  predict(horizon: number, level?: number | null): AugursForecast;
  free(): void;
}
interface AugursMstlModule {
  initSync(input: { module: Uint8Array }): unknown;
  MSTL: { ets(periods: number[]): AugursMstlModel };
}

// A variable specifier keeps TypeScript from resolving the optional package at type-check time.
const mstlSpecifier: string = '@bsull/augurs/mstl';
let loaded: Promise<ForecastMethod> | undefined;

/**
 * Loads MSTL with an AutoETS trend from @bsull/augurs. The package's default `init()` fetches
 * the .wasm over HTTP, which Node cannot do for a file path, so we hand `initSync` the bytes of
 * `mstl_bg.wasm` read next to the resolved module. Throws NOT_FOUND when the package is missing.
 */
export function loadAugursMstl(): Promise<ForecastMethod> {
  loaded ??= (async () => {
    let module: AugursMstlModule;
    let wasmPath: string;
    try {
      module = (await import(mstlSpecifier)) as AugursMstlModule;
      wasmPath = fileURLToPath(import.meta.resolve(mstlSpecifier)).replace(/\.js$/, '_bg.wasm');
    } catch {
      throw new AppError(
        'NOT_FOUND',
        'the mstl method needs the package @bsull/augurs; install it with `npm install @bsull/augurs@0.10.2` or leave mstl out of --methods',
      );
    }
    module.initSync({ module: readFileSync(wasmPath) });
    return mstlMethod(module);
  })();
  return loaded;
}

function mstlMethod(module: AugursMstlModule): ForecastMethod {
  return {
    name: 'mstl',
    description: 'MSTL decomposition with an AutoETS trend (@bsull/augurs)',
    forecast(input: ForecastInput): Forecast {
      if (input.values.length < 2 * input.seasonLength) {
        throw new AppError(
          'INVALID_INPUT',
          `mstl needs at least two seasons of history (${2 * input.seasonLength} values); ` +
            `the series has ${input.values.length}.`,
          [
            {
              field: 'values',
              message: 'is shorter than two seasons.',
              hint: 'Give a longer series, or use another method.',
            },
          ],
        );
      }
      const model = module.MSTL.ets([input.seasonLength]);
      try {
        model.fit(Float64Array.from(input.values));
        const at80 = model.predict(input.horizon, 0.8);
        const at95 = model.predict(input.horizon, 0.95);
        const point = at80.point.slice(0, input.horizon);
        return {
          point,
          lower80: at80.intervals?.lower.slice(0, input.horizon) ?? point,
          upper80: at80.intervals?.upper.slice(0, input.horizon) ?? point,
          lower95: at95.intervals?.lower.slice(0, input.horizon) ?? point,
          upper95: at95.intervals?.upper.slice(0, input.horizon) ?? point,
        };
      } finally {
        model.free(); // WASM memory is not garbage collected
      }
    },
  };
}
