import type { Command } from 'commander';
import { crossValidate } from '../../absence/crossValidate.ts';
import { loadUciProblem, uciFeaturesFor } from '../../absence/uciPipeline.ts';
import { uciTarget } from '../../absence/uciTarget.ts';
import { parseContext, parseFormat, parseInteger } from '../options.ts';

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description(
      'Measure how well the model separates long from short absences, by repeated stratified ' +
        'cross-validation (each fold trains the whole pipeline on its own training part).',
    )
    .requiredOption('--data <file>', 'the data file')
    .option('--format <format>', 'the layout of the data file: uci', 'uci')
    .requiredOption('--context <context>', 'employer or occupational-physician')
    .option('--folds <n>', 'folds per repeat', '5')
    .option('--repeats <n>', 'repeats of the folds', '5')
    .option('--seed <n>', 'seed of the fold assignment', '1')
    .option('--json', 'print one JSON object')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      parseFormat(String(options['format']));
      const context = parseContext(String(options['context']));
      const problem = await loadUciProblem(String(options['data']));
      const result = crossValidate({
        ...problem,
        features: uciFeaturesFor(context),
        context,
        catalogue: 'uci',
        target: uciTarget,
        folds: parseInteger(String(options['folds']), '--folds'),
        repeats: parseInteger(String(options['repeats']), '--repeats'),
        seed: parseInteger(String(options['seed']), '--seed'),
      });
      const report = { ...result, target: uciTarget.description };
      if (options['json'] === true) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const { folds, repeats, seed } = result.protocol;
      process.stdout.write(
        [
          `Model        ${result.model}, context ${result.context}`,
          `Target       ${uciTarget.description}`,
          `Cases        ${result.n} (${result.positives} long)`,
          `AUC          ${result.auc.toFixed(3)} (sd ${result.aucStd.toFixed(3)} over folds)`,
          `Brier score  ${result.brier.toFixed(4)}`,
          `Log loss     ${result.logLoss.toFixed(4)}`,
          `Protocol     ${repeats} x ${folds}-fold stratified cross-validation, seed ${seed}`,
          '',
        ].join('\n'),
      );
    });
}
