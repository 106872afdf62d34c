import { basename } from 'node:path';
import type { Command } from 'commander';
import { loadCanonicalProblem, openCasesAsOf } from '../../absence/canonicalPipeline.ts';
import type { Indication } from '../../absence/indication.ts';
import type { Bands } from '../../absence/linearModel.ts';
import { linearScorer, type LinearScorer } from '../../absence/scoreLinear.ts';
import { loadExtractProblem } from '../../absence/extractPipeline.ts';
import { survivalScorer } from '../../absence/survival/survivalScorer.ts';
import { parseTreeModel, type TreeModel } from '../../absence/trees/treeModel.ts';
import { treeScorer } from '../../absence/trees/treeScorer.ts';
import { loadUciProblem } from '../../absence/uciPipeline.ts';
import type { TreeEnsemble } from '../../engine/trees/treeEnsemble.ts';
import { isoDateSchema } from '../../core/canonical/dates.ts';
import { AppError } from '../../core/errors.ts';
import type { ScoringCase } from '../../features/scoringCase.ts';
import { parseBands, parseFormat } from '../options.ts';
import { loadedModelOf, modelKindOf, readModelJson, type LoadedModel } from '../readModelFile.ts';

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description(
      'Score sick reports: probability, band, and the factors behind it. UCI data: every report. ' +
        'Canonical data: every case open on --as-of, conditioned on the days already absent. ' +
        'Each result is an indication for a professional, who decides.',
    )
    .requiredOption('--model <file>', 'a model artefact written by `absencelab train`')
    .requiredOption(
      '--data <path>',
      'the UCI file, the folder of canonical CSV files, or a research extract (.csv, .parquet)',
    )
    .option('--format <format>', 'uci, canonical or extract', 'uci')
    .option(
      '--as-of <date>',
      'canonical and extract: score the cases open on this day (YYYY-MM-DD)',
    )
    .option('--bands <medium,high>', 'override the model’s band cut-offs, such as 0.1,0.25')
    .option('--json', 'print a JSON array with one indication per case')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const format = parseFormat(String(options['format']));
      const loaded = await readAnyModelFile(String(options['model']));
      const bands =
        options['bands'] === undefined ? loaded.model.bands : parseBands(String(options['bands']));
      const isJson = options['json'] === true;

      if (format === 'canonical' || format === 'extract') {
        if (loaded.kind !== 'discrete-time-hazard') {
          throw new AppError('INVALID_ARGUMENT', 'This model was trained on UCI data.', [
            { field: '--format', message: 'use --format uci with this model.' },
          ]);
        }
        const asOf = isoDateSchema.safeParse(options['asOf']);
        if (!asOf.success) {
          throw new AppError('INVALID_ARGUMENT', 'Canonical data needs the day to score on.', [
            { field: '--as-of', message: 'must be a date as YYYY-MM-DD.' },
          ]);
        }
        // An extract's dates are week starts: a case counts as open from its week's first day.
        const { cases } =
          format === 'extract'
            ? await loadExtractProblem(String(options['data']))
            : await loadCanonicalProblem(String(options['data']));
        const open = openCasesAsOf(cases, asOf.data);
        const scorer = survivalScorer(loaded.model, loaded.ensemble);
        const indications = scorer.scoreMany(open, { asOfDate: asOf.data, bands });
        if (isJson) {
          process.stdout.write(`${JSON.stringify(indications, null, 2)}\n`);
          return;
        }
        process.stdout.write(
          [
            `Model ${loaded.model.modelVersion} (${loaded.model.context}), ${open.length} cases ` +
              `open on ${asOf.data}. ${indications[0]?.notice.en ?? ''}`,
            'case            days  next  P(longer)  band    median  strongest factor',
            ...indications.map(
              (i) =>
                `${i.caseId.padEnd(15)} ${String(i.elapsedDays).padStart(4)} ${String(i.headline.weeks).padStart(4)}w ` +
                `${(i.probability * 100).toFixed(1).padStart(8)}%  ${i.band.padEnd(6)} ` +
                `${i.medianDays === null ? '>104w' : `${i.medianDays}d`.padStart(6)}  ${i.factors[0]?.sentence.en ?? ''}`,
            ),
            '',
          ].join('\n'),
        );
        return;
      }

      if (loaded.kind === 'discrete-time-hazard') {
        throw new AppError('INVALID_ARGUMENT', 'This model was trained on canonical data.', [
          { field: '--format', message: 'use --format canonical with this model.' },
        ]);
      }
      const { cases } = await loadUciProblem(String(options['data']));
      const indications =
        loaded.kind === 'logistic-regression'
          ? scoreEach(linearScorer(loaded.model), cases, bands)
          : treeScorer(loaded.model, loaded.ensemble).scoreMany(cases, { bands });
      if (isJson) {
        process.stdout.write(`${JSON.stringify(indications, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        [
          `Model ${loaded.model.modelVersion} (${loaded.model.context}). ${indications[0]?.notice.en ?? ''}`,
          'case       prob.   band   strongest factor',
          ...indications.map(
            (i) =>
              `${i.caseId.padEnd(10)} ${(i.probability * 100).toFixed(1).padStart(5)}%  ` +
              `${i.band.padEnd(6)} ${i.factors[0]?.sentence.en ?? ''}`,
          ),
          '',
        ].join('\n'),
      );
    });
}

function scoreEach(
  scorer: LinearScorer,
  cases: readonly ScoringCase[],
  bands: Bands,
): Indication[] {
  return cases.map((c) => scorer.score(c, { bands }));
}

type PredictModel =
  LoadedModel | { kind: 'gradient-boosted-trees'; model: TreeModel; ensemble: TreeEnsemble };

/**
 * The model artefacts `readModelFile` reads, and the UCI tree model, which only `predict` scores:
 * the service reads its models with `readModelFile` and serves logistic regression alone.
 */
async function readAnyModelFile(path: string): Promise<PredictModel> {
  const data = await readModelJson(path);
  if (modelKindOf(data) !== 'gradient-boosted-trees') return loadedModelOf(data, basename(path));
  return { kind: 'gradient-boosted-trees', ...parseTreeModel(data, basename(path)) };
}
