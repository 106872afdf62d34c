import { join } from 'node:path';
import { writeSynthPopulation } from '../../src/synth/writeSynthPopulation.ts';
import { temporaryDirectory } from './paths.ts';

/** A small synthetic workforce in the canonical layout, in a fresh temporary folder. */
export async function smallWorkforce(options: {
  employees: number;
  seed: number;
}): Promise<string> {
  const outDir = join(temporaryDirectory('workforce'), 'data');
  await writeSynthPopulation({
    employeeCount: options.employees,
    years: 3,
    startYear: 2023,
    seed: options.seed,
    outDir,
    isIdentifiable: false,
  });
  return outDir;
}
