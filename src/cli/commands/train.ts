import type { Command } from 'commander';
import { trainLinearModel } from '../../absence/trainLinearModel.ts';
import { loadUciProblem, uciDefaultBands, uciFeaturesFor } from '../../absence/uciPipeline.ts';
import { uciTarget } from '../../absence/uciTarget.ts';
import { parseBands, parseContext, parseFormat, parseInteger } from '../options.ts';
import { writeFileAtomic } from '../writeFileAtomic.ts';

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('Train a model for one context and write its artefact (versioned JSON).')
    .requiredOption('--data <file>', 'the data file')
    .option('--format <format>', 'the layout of the data file: uci', 'uci')
    .requiredOption('--context <context>', 'employer or occupational-physician')
    .requiredOption('--out <file>', 'where to write the model artefact')
    .option('--bands <medium,high>', 'probabilities where the medium and high bands start')
    .option('--seed <n>', 'seed of the internal cross-validation', '1')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      parseFormat(String(options['format']));
      const context = parseContext(String(options['context']));
      const bands =
        options['bands'] === undefined ? uciDefaultBands : parseBands(String(options['bands']));
      const problem = await loadUciProblem(String(options['data']));
      const model = trainLinearModel({
        ...problem,
        features: uciFeaturesFor(context),
        context,
        catalogue: 'uci',
        target: uciTarget,
        bands,
        seed: parseInteger(String(options['seed']), '--seed'),
      });
      await writeFileAtomic(String(options['out']), `${JSON.stringify(model, null, 2)}\n`);
      process.stderr.write(
        `Wrote ${model.modelVersion} (${model.training.n} cases) to ${String(options['out'])}\n`,
      );
    });
}
