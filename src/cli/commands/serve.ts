import { access, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { LinearModel } from '../../absence/linearModel.ts';
import { linearScorer, type LinearScorer } from '../../absence/scoreLinear.ts';
import { trainLinearModel } from '../../absence/trainLinearModel.ts';
import { loadUciProblem, uciDefaultBands, uciFeaturesFor } from '../../absence/uciPipeline.ts';
import { uciTarget } from '../../absence/uciTarget.ts';
import { contexts, type Context } from '../../features/contexts.ts';
import { buildApp } from '../../http/buildApp.ts';
import { loggerOptions } from '../../http/loggerOptions.ts';
import { bootstrapDemo } from '../../service/bootstrapDemo.ts';
import { createServiceDeps } from '../../service/createServiceDeps.ts';
import { loadPurposeRegister, minimumRetentionMonths } from '../../service/purposeRegister.ts';
import { retentionIntervalMs, startRetentionJob } from '../../service/retentionJob.ts';
import { AppError } from '../../core/errors.ts';
import { registerModels } from '../../service/registerModels.ts';
import { defaultDataDir, openStore, storeOptionsFromEnv } from '../../storage/openStore.ts';
import { bundledUciFile, defaultModelDir } from '../bundledData.ts';
import { parseInteger } from '../options.ts';
import { readLinearModelFile } from '../readModelFile.ts';
import { writeFileAtomic } from '../writeFileAtomic.ts';

export const defaultPurposesFile = fileURLToPath(
  new URL('../../../config/purposes.json', import.meta.url),
);

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'Serve the prediction API and a web page of the bundled cases on 127.0.0.1. ' +
        'Trains a model per context on the bundled data when none exists yet; creates the ' +
        'database (SQLite in the data folder, or PostgreSQL with DATABASE_URL) and, when it has ' +
        'no tenant, a demo tenant whose tokens go to demo-tokens.json in the data folder.',
    )
    .option('--bundled', 'use the bundled UCI data for training and for the web page')
    .option('--data <file>', 'the UCI data file to train on and list', bundledUciFile)
    .option('--model-dir <dir>', 'where the models are kept', defaultModelDir)
    .option('--data-dir <dir>', 'the data folder (default: $ABSENCELAB_DATA_DIR or var/data)')
    .option('--purposes <file>', 'the purpose register', defaultPurposesFile)
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .option('--port <port>', 'the port (default: $PORT or 3000)')
    .option(
      '--event-log-retention-months <n>',
      'purge event log entries older than this, daily (at least 6; default: the longest retention in the purpose register)',
    )
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const dataFile = options['bundled'] === true ? bundledUciFile : String(options['data']);
      const port = parseInteger(String(options['port'] ?? process.env['PORT'] ?? '3000'), '--port');
      const host = String(options['host']);
      const envOptions = storeOptionsFromEnv();
      const dataDir = stringOption(options['dataDir']) ?? envOptions.dataDir ?? defaultDataDir;

      // The register first: a service must not start with purposes nobody checked.
      const purposes = await loadPurposeRegister(String(options['purposes']));
      const retentionMonths = parseInteger(
        String(
          options['eventLogRetentionMonths'] ??
            Math.max(...purposes.purposes.map((p) => p.retentionMonths)),
        ),
        '--event-log-retention-months',
      );
      if (retentionMonths < minimumRetentionMonths) {
        throw new AppError('INVALID_ARGUMENT', 'The event log is kept at least 6 months.', [
          {
            field: '--event-log-retention-months',
            message: `must be at least ${minimumRetentionMonths}.`,
          },
        ]);
      }
      const problem = await loadUciProblem(dataFile);
      const models = await prepareModels(
        problem,
        String(options['modelDir'] ?? options['model-dir']),
      );
      const scorers: Partial<Record<Context, LinearScorer>> = {};
      for (const model of models) scorers[model.context] = linearScorer(model);

      const store = await openStore({ ...envOptions, dataDir });
      await registerModels(store, models, new Date());
      const deps = createServiceDeps({ store, purposes, scorers });
      const app = buildApp({ deps, pageCases: problem.cases, logger: loggerOptions() });

      const demo = await bootstrapDemo(store, new Date());
      if (demo !== undefined) {
        const path = join(dataDir, 'demo-tokens.json');
        await writeFileAtomic(path, `${JSON.stringify(demo, null, 2)}\n`);
        // Tokens are secrets: readable by the owner only.
        await chmod(path, 0o600);
        app.log.warn(
          { event: 'demo-tenant', path },
          `created tenant "demo" with demo activation dates (no DPIA was done); its tokens are in ${path}`,
        );
      }

      const retention = startRetentionJob({
        store,
        retentionMonths,
        intervalMs: retentionIntervalMs,
        now: () => new Date(),
        onRun: (run) => {
          if (run.kind === 'failed') {
            app.log.error({ event: 'retention-failed', err: run.error }, 'event log purge failed');
          } else if (run.result.purgedEvents + run.result.purgedWithdrawals > 0) {
            app.log.info(
              {
                event: 'retention-purge',
                tenantId: run.tenantId,
                purgedEvents: run.result.purgedEvents,
                purgedDecisions: run.result.purgedDecisions,
                purgedContests: run.result.purgedContests,
                purgedWithdrawals: run.result.purgedWithdrawals,
                cutoff: run.result.cutoff,
              },
              'old event log entries purged',
            );
          }
        },
      });

      await app.listen({ host, port });
      app.log.info(
        { event: 'listening', storage: store.dialect },
        `absencelab listening on http://${host}:${port}`,
      );

      const stop = () => {
        retention.stop();
        void app
          .close()
          .then(() => deps.eventLog.drain())
          .then(() => store.close())
          .then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

/** Reads the model of each context from the model folder, training it there when absent. */
async function prepareModels(
  problem: Awaited<ReturnType<typeof loadUciProblem>>,
  modelDir: string,
): Promise<LinearModel[]> {
  const models: LinearModel[] = [];
  for (const context of contexts) {
    const path = join(modelDir, `uci-${context}.json`);
    if (!(await exists(path))) {
      const model = trainLinearModel({
        ...problem,
        features: uciFeaturesFor(context),
        context,
        catalogue: 'uci',
        target: uciTarget,
        bands: uciDefaultBands,
        seed: 1,
        // The card of a served model carries its accuracy, for the instructions for use.
        isValidated: true,
      });
      await writeFileAtomic(path, `${JSON.stringify(model, null, 2)}\n`);
      process.stderr.write(`Trained ${model.modelVersion} on ${problem.cases.length} cases\n`);
    }
    models.push(await readLinearModelFile(path));
  }
  return models;
}

function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
