import type { Command } from 'commander';
import { loadCanonicalProblem, trainCanonical } from '../../absence/canonicalPipeline.ts';
import {
  describeExtract,
  loadExtractProblem,
  trainExtract,
} from '../../absence/extractPipeline.ts';
import { renderModelCard } from '../../absence/survival/modelCard.ts';
import { uciModelKinds } from '../../absence/crossValidate.ts';
import { trainUciModel, type UciModelChoice } from '../../absence/trainUciModel.ts';
import { loadUciProblem, uciDefaultBands } from '../../absence/uciPipeline.ts';
import { AppError } from '../../core/errors.ts';
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
    .option(
      '--model <kind>',
      'UCI data: auto (the higher cross-validated AUC), logistic-regression or gradient-boosted-trees',
      'auto',
    )
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const format = parseFormat(String(options['format']));
      const context = parseContext(String(options['context']));
      const seed = parseInteger(String(options['seed']), '--seed');
      const out = String(options['out']);
      const bands =
        options['bands'] === undefined ? undefined : parseBands(String(options['bands']));
      const choice = parseModelChoice(String(options['model']));

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

      // TODO: the service (src/service, src/http, `serve`) scores only logistic-regression
      // artefacts (LinearScorer) and trains its own, so it stays on logistic regression even in
      // a context where the trees win the cross-validation; `serve --model-dir` refuses a tree
      // artefact written here. Train with `--model logistic-regression` for a model to serve.
      const problem = await loadUciProblem(String(options['data']));
      const { model, crossValidation } = await trainUciModel(problem, context, {
        seed,
        bands: bands ?? uciDefaultBands,
        choice,
      });
      await writeFileAtomic(out, `${JSON.stringify(model, null, 2)}\n`);
      const why =
        crossValidation === undefined
          ? ''
          : `, chosen by cross-validated AUC ${crossValidation.auc.toFixed(3)} (` +
            Object.values(crossValidation.models)
              .map((m) => `${m.model} ${m.auc.toFixed(3)}`)
              .join(', ') +
            ')';
      process.stderr.write(
        `Wrote ${model.modelVersion} (${model.kind}, ${model.training.n} cases) to ${out}${why}\n`,
      );
    });
}

const modelChoices: readonly UciModelChoice[] = ['auto', ...uciModelKinds];

function parseModelChoice(text: string): UciModelChoice {
  const choice = modelChoices.find((candidate) => candidate === text);
  if (choice !== undefined) return choice;
  throw new AppError('INVALID_ARGUMENT', `Unknown model "${text}".`, [
    { field: '--model', message: `must be one of: ${modelChoices.join(', ')}.` },
  ]);
}
