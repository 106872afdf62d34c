import type { Command } from 'commander';
import { loadCanonicalProblem, trainCanonical } from '../../absence/canonicalPipeline.ts';
import { renderModelCard } from '../../absence/survival/modelCard.ts';
import { trainLinearModel } from '../../absence/trainLinearModel.ts';
import { loadUciProblem, uciDefaultBands, uciFeaturesFor } from '../../absence/uciPipeline.ts';
import { uciTarget } from '../../absence/uciTarget.ts';
import { parseBands, parseContext, parseFormat, parseInteger } from '../options.ts';
import { writeFileAtomic } from '../writeFileAtomic.ts';

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description(
      'Train a model for one context and write its artefact (versioned JSON). For canonical ' +
        'data also the model card (<out>.card.md and <out>.card.json), from a temporal validation.',
    )
    .requiredOption('--data <path>', 'the UCI file, or the folder of canonical CSV files')
    .option('--format <format>', 'uci or canonical', 'uci')
    .requiredOption('--context <context>', 'employer or occupational-physician')
    .requiredOption('--out <file>', 'where to write the model artefact')
    .option('--bands <medium,high>', 'probabilities where the medium and high bands start')
    .option('--seed <n>', 'seed of the training', '1')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const format = parseFormat(String(options['format']));
      const context = parseContext(String(options['context']));
      const seed = parseInteger(String(options['seed']), '--seed');
      const out = String(options['out']);
      const bands =
        options['bands'] === undefined ? undefined : parseBands(String(options['bands']));

      if (format === 'canonical') {
        const problem = await loadCanonicalProblem(String(options['data']));
        const { model, card } = await trainCanonical(problem, context, {
          seed,
          ...(bands === undefined ? {} : { bands }),
        });
        const stem = out.replace(/\.json$/, '');
        await writeFileAtomic(`${stem}.card.json`, `${JSON.stringify(card, null, 2)}\n`);
        await writeFileAtomic(`${stem}.card.md`, renderModelCard(card));
        await writeFileAtomic(out, `${JSON.stringify(model)}\n`);
        process.stderr.write(
          `Wrote ${model.modelVersion} (${model.training.episodes} reports) to ${out}, ` +
            `model card to ${stem}.card.md\n`,
        );
        return;
      }

      const problem = await loadUciProblem(String(options['data']));
      const model = trainLinearModel({
        ...problem,
        features: uciFeaturesFor(context),
        context,
        catalogue: 'uci',
        target: uciTarget,
        bands: bands ?? uciDefaultBands,
        seed,
      });
      await writeFileAtomic(out, `${JSON.stringify(model, null, 2)}\n`);
      process.stderr.write(`Wrote ${model.modelVersion} (${model.training.n} cases) to ${out}\n`);
    });
}
