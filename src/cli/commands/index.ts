import type { Command } from 'commander';
import { registerAdmin } from './admin.ts';
import { registerAudit } from './audit.ts';
import { registerBacktest } from './backtest.ts';
import { registerDocs } from './docs.ts';
import { registerEvaluate } from './evaluate.ts';
import { registerForecast } from './forecast.ts';
import { registerKeygen } from './keygen.ts';
import { registerPredict } from './predict.ts';
import { registerPseudonymise } from './pseudonymise.ts';
import { registerServe } from './serve.ts';
import { registerSubject } from './subject.ts';
import { registerSynth } from './synth.ts';
import { registerTrain } from './train.ts';

/** Each command adds itself to the program; the order here is the order in `--help`. */
export const commands: ReadonlyArray<(program: Command) => void> = [
  registerEvaluate,
  registerTrain,
  registerPredict,
  registerServe,
  registerAdmin,
  registerAudit,
  registerDocs,
  registerSubject,
  registerSynth,
  registerBacktest,
  registerForecast,
  registerPseudonymise,
  registerKeygen,
];
