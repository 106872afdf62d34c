import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { linearScorer, type LinearScorer } from '../../absence/scoreLinear.ts';
import { trainLinearModel } from '../../absence/trainLinearModel.ts';
import { loadUciProblem, uciDefaultBands, uciFeaturesFor } from '../../absence/uciPipeline.ts';
import { uciTarget } from '../../absence/uciTarget.ts';
import { contexts, type Context } from '../../features/contexts.ts';
import { buildApp } from '../../http/buildApp.ts';
import { bundledUciFile, defaultModelDir } from '../bundledData.ts';
import { parseInteger } from '../options.ts';
import { readLinearModelFile } from '../readModelFile.ts';
import { writeFileAtomic } from '../writeFileAtomic.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'Serve the prediction API and a web page of the bundled cases on 127.0.0.1. ' +
        'Trains a model per context on the bundled data when none exists yet.',
    )
    .option('--bundled', 'use the bundled UCI data for training and for the web page')
    .option('--data <file>', 'the UCI data file to train on and list', bundledUciFile)
    .option('--model-dir <dir>', 'where the models are kept', defaultModelDir)
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .option('--port <port>', 'the port (default: $PORT or 3000)')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const dataFile = options['bundled'] === true ? bundledUciFile : String(options['data']);
      const port = parseInteger(String(options['port'] ?? process.env['PORT'] ?? '3000'), '--port');
      const host = String(options['host']);
      const problem = await loadUciProblem(dataFile);

      const scorers: Partial<Record<Context, LinearScorer>> = {};
      for (const context of contexts) {
        const path = join(
          String(options['model-dir'] ?? options['modelDir']),
          `uci-${context}.json`,
        );
        if (!(await exists(path))) {
          const model = trainLinearModel({
            ...problem,
            features: uciFeaturesFor(context),
            context,
            catalogue: 'uci',
            target: uciTarget,
            bands: uciDefaultBands,
            seed: 1,
          });
          await writeFileAtomic(path, `${JSON.stringify(model, null, 2)}\n`);
          process.stderr.write(`Trained ${model.modelVersion} on ${problem.cases.length} cases\n`);
        }
        scorers[context] = linearScorer(await readLinearModelFile(path));
      }

      const app = buildApp({
        scorers,
        pageCases: problem.cases,
        logger: {
          level: 'info',
          redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
        },
      });
      await app.listen({ host, port });
      app.log.info({ event: 'listening' }, `absencelab listening on http://${host}:${port}`);

      const stop = () => {
        void app.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
