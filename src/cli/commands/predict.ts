import type { Command } from 'commander';
import { linearScorer } from '../../absence/scoreLinear.ts';
import { loadUciProblem } from '../../absence/uciPipeline.ts';
import { parseBands, parseFormat } from '../options.ts';
import { readModelFile } from '../readModelFile.ts';

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description(
      'Score every sick report in a data file: probability, band, and the factors behind it. ' +
        'Each result is an indication for a professional, who decides.',
    )
    .requiredOption('--model <file>', 'a model artefact written by `absencelab train`')
    .requiredOption('--data <file>', 'the data file')
    .option('--format <format>', 'the layout of the data file: uci', 'uci')
    .option('--bands <medium,high>', 'override the model’s band cut-offs, such as 0.1,0.25')
    .option('--json', 'print a JSON array with one indication per sick report')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      parseFormat(String(options['format']));
      const model = await readModelFile(String(options['model']));
      const scorer = linearScorer(model);
      const bands =
        options['bands'] === undefined ? model.bands : parseBands(String(options['bands']));
      const { cases } = await loadUciProblem(String(options['data']));
      const indications = cases.map((c) => scorer.score(c, { bands }));

      if (options['json'] === true) {
        process.stdout.write(`${JSON.stringify(indications, null, 2)}\n`);
        return;
      }
      const lines = indications.map(
        (i) =>
          `${i.caseId.padEnd(10)} ${(i.probability * 100).toFixed(1).padStart(5)}%  ` +
          `${i.band.padEnd(6)} ${i.factors[0]?.sentence.en ?? ''}`,
      );
      process.stdout.write(
        [
          `Model ${model.modelVersion} (${model.context}). ${indications[0]?.notice.en ?? ''}`,
          'case       prob.   band   strongest factor',
          ...lines,
          '',
        ].join('\n'),
      );
    });
}
