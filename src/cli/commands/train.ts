import type { Command } from 'commander';
import { loadCanonicalProblem, trainCanonical } from '../../absence/canonicalPipeline.ts';
import {
  describeExtract,
  loadExtractProblem,
  trainExtract,
} from '../../absence/extractPipeline.ts';
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
        'data and research extracts also the model card (<out>.card.md and <out>.card.json), ' +
        'from a temporal validation.',
    )
    .requiredOption(
      '--data <path>',
      'the UCI file, the folder of canonical CSV files, or a research extract (.csv, .parquet)',
    )
    .option('--format <format>', 'uci, canonical or extract', 'uci')
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

      if (format === 'canonical' || format === 'extract') {
        const trainOptions = { seed, ...(bands === undefined ? {} : { bands }) };
        const data = String(options['data']);
        let trained: Awaited<ReturnType<typeof trainCanonical>>;
        if (format === 'extract') {
          const problem = await loadExtractProblem(data);
          for (const line of describeExtract(problem, context)) process.stderr.write(`${line}\n`);
          trained = await trainExtract(problem, context, trainOptions);
        } else {
          trained = await trainCanonical(await loadCanonicalProblem(data), context, trainOptions);
        }
        const { model, card } = trained;
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
