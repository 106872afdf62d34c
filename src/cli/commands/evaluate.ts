import type { Command } from 'commander';
import { crossValidate, type CrossValidationResult } from '../../absence/crossValidate.ts';
import { evaluateCanonical, loadCanonicalProblem } from '../../absence/canonicalPipeline.ts';
import {
  describeExtract,
  evaluateExtract,
  loadExtractProblem,
} from '../../absence/extractPipeline.ts';
import type { SurvivalEvaluation } from '../../absence/survival/evaluateSurvival.ts';
import { loadUciProblem, uciFeaturesFor } from '../../absence/uciPipeline.ts';
import { uciTarget } from '../../absence/uciTarget.ts';
import { parseContext, parseFormat, parseInteger } from '../options.ts';

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description(
      'Measure how well the model predicts long absence. UCI data: repeated stratified ' +
        'cross-validation of the logistic regression and the gradient-boosted trees on the same ' +
        'folds; the better by AUC is the one `train` chooses. Canonical data and research ' +
        'extracts: train on earlier sick reports, test on the last year, per horizon, per group, ' +
        'against Kaplan-Meier and logistic-regression baselines.',
    )
    .requiredOption(
      '--data <path>',
      'the UCI file, the folder of canonical CSV files, or a research extract (.csv, .parquet)',
    )
    .option('--format <format>', 'uci, canonical or extract', 'uci')
    .requiredOption('--context <context>', 'employer or occupational-physician')
    .option('--folds <n>', 'UCI: folds per repeat', '5')
    .option('--repeats <n>', 'UCI: repeats of the folds', '5')
    .option('--seed <n>', 'seed of fold assignment and training', '1')
    .option('--json', 'print one JSON object')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const format = parseFormat(String(options['format']));
      const context = parseContext(String(options['context']));
      const seed = parseInteger(String(options['seed']), '--seed');

      if (format === 'canonical' || format === 'extract') {
        let result: SurvivalEvaluation;
        if (format === 'extract') {
          const problem = await loadExtractProblem(String(options['data']));
          for (const line of describeExtract(problem, context)) process.stderr.write(`${line}\n`);
          result = await evaluateExtract(problem, context, seed);
        } else {
          const problem = await loadCanonicalProblem(String(options['data']));
          result = await evaluateCanonical(problem, context, seed);
        }
        process.stdout.write(
          options['json'] === true
            ? `${JSON.stringify(result, null, 2)}\n`
            : renderSurvival(result),
        );
        return;
      }

      const problem = await loadUciProblem(String(options['data']));
      const result = await crossValidate({
        ...problem,
        features: uciFeaturesFor(context),
        context,
        catalogue: 'uci',
        target: uciTarget,
        folds: parseInteger(String(options['folds']), '--folds'),
        repeats: parseInteger(String(options['repeats']), '--repeats'),
        seed,
      });
      if (options['json'] === true) {
        process.stdout.write(
          `${JSON.stringify({ ...result, target: uciTarget.description }, null, 2)}\n`,
        );
        return;
      }
      process.stdout.write(renderCrossValidation(result, seed));
    });
}

function renderCrossValidation(result: CrossValidationResult, seed: number): string {
  const { folds, repeats } = result.protocol;
  const lines = [
    `Model        ${result.model} (the higher cross-validated AUC), context ${result.context}`,
    `Target       ${uciTarget.description}`,
    `Cases        ${result.n} (${result.positives} long)`,
    `AUC          ${result.auc.toFixed(3)} (sd ${result.aucStd.toFixed(3)} over folds)`,
    `Brier score  ${result.brier.toFixed(4)}`,
    `Log loss     ${result.logLoss.toFixed(4)}`,
    `Protocol     ${repeats} x ${folds}-fold stratified cross-validation, seed ${seed}`,
    '',
    'model                    AUC (sd)        Brier   log loss',
    ...Object.values(result.models).map(
      (m) =>
        `${m.model.padEnd(24)} ${m.auc.toFixed(3)} (${m.aucStd.toFixed(3)})   ` +
        `${m.brier.toFixed(4)}  ${m.logLoss.toFixed(4)}`,
    ),
  ];
  if (result.comparison !== undefined) {
    const { meanAucDifference, sdAucDifference, treesBetterInFolds } = result.comparison;
    lines.push(
      `Trees minus logistic regression, per fold: AUC ${meanAucDifference >= 0 ? '+' : ''}` +
        `${meanAucDifference.toFixed(3)} (sd ${sdAucDifference.toFixed(3)}), trees better in ` +
        `${treesBetterInFolds} of ${folds * repeats} folds`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

const fixed = (value: number | null | undefined, digits = 3): string =>
  value === null || value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);

function renderSurvival(result: SurvivalEvaluation): string {
  const logistic = result.baselines.find((b) => b.model === 'logistic-regression');
  const lines = [
    `Model        ${result.model} (${result.treeCount} trees), context ${result.context}`,
    `Split        train to ${result.split.trainUntil} (${result.split.trainEpisodes} reports), ` +
      `test ${result.split.testFrom} to ${result.split.testUntil} (${result.split.testEpisodes})`,
    '',
    'weeks      n  longer  AUC (95% CI)          oracle  ratio to oracle  calibration slope',
    ...result.horizons.map(
      (h) =>
        `${String(h.weeks).padStart(5)} ${String(h.n).padStart(6)} ${String(h.positives).padStart(7)}  ` +
        `${fixed(h.auc)} (${fixed(h.auc95[0])}-${fixed(h.auc95[1])})   ` +
        `${fixed(h.oracleAuc)}  ${fixed(h.oracleRatio).padEnd(15)}  ${fixed(h.calibration?.slope, 2)}`,
    ),
    ...(result.horizons.some((h) => h.auc === null || Number.isNaN(h.auc))
      ? ['n/a: too few test reports reached that horizon within the test year to measure it.']
      : []),
    '',
    `Concordance ${fixed(result.concordance)}, integrated Brier ${fixed(result.integratedBrier, 4)}, ` +
      `calibration at 6 weeks: slope ${fixed(result.calibration.slope, 2)}, intercept ` +
      `${fixed(result.calibration.intercept, 2)}`,
    `Baselines: Kaplan-Meier AUC 0.5 (integrated Brier ${fixed(result.baselines[0]?.integratedBrier, 4)}); ` +
      `logistic regression AUC at 6 weeks ${fixed(logistic?.horizons[0]?.auc)}`,
    '',
    'group              value          n  longer  AUC at 6 weeks',
    ...result.groups.map(
      (g) =>
        `${g.group.padEnd(18)} ${g.value.padEnd(10)} ${String(g.n).padStart(6)} ${String(g.positives).padStart(7)}  ` +
        (g.isBelowMinimum ? 'too few reports or long ones to measure' : fixed(g.auc)),
    ),
    '',
    'Threshold tables (share of long cases found and false alarms per cut-off) are in --json.',
    '',
  ];
  return lines.join('\n');
}
