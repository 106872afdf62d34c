import { readUciDataset } from '../sources/uci/readUciDataset.ts';
import { lawfulFeatures } from '../features/catalogue.ts';
import type { Context } from '../features/contexts.ts';
import { casesFromRecords, type ScoringCase } from '../features/scoringCase.ts';
import { uciFeatures } from '../features/uciFeatures.ts';
import { uciTarget } from './uciTarget.ts';

export interface UciProblem {
  cases: ScoringCase[];
  labels: number[];
}

/** The sickness cases of a UCI file with their labels; disciplinary rows are left out. */
export async function loadUciProblem(path: string): Promise<UciProblem> {
  const dataset = await readUciDataset(path);
  const cases = casesFromRecords(dataset.employees, dataset.episodes);
  return { cases, labels: cases.map((c) => uciTarget.label(c.episode)) };
}

export function uciFeaturesFor(context: Context) {
  return lawfulFeatures(uciFeatures, context);
}

/** Default bands for the UCI target, whose base rate is about 9%. */
export const uciDefaultBands = { mediumFrom: 0.1, highFrom: 0.25 } as const;
