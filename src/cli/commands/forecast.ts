import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  backtestCaseload,
  forecastCaseload,
  groupingKeys,
  inflowMethods,
  measureNames,
  smallGroupPolicies,
  survivalModelDurations,
  taskKinds,
  type CaseloadBacktest,
  type CaseloadForecast,
  type InflowMethod,
  type QuantileSummary,
} from '../../caseload/index.ts';
import { meanInflow, totalSeriesInflow } from '../../caseload/mstlInflow.ts';
import { isoDateSchema } from '../../core/canonical/dates.ts';
import { loadAugursMstl } from '../../forecast/augursMstl.ts';
import { AppError } from '../../core/errors.ts';
import { readCanonicalDataset } from '../../sources/canonical/readCanonicalDataset.ts';
import { readModelFile } from '../readModelFile.ts';

/** Where a command writes its report; tests pass their own. */
export interface TextSink {
  write(text: string): unknown;
}

const formats = ['canonical'] as const;

export function registerForecast(program: Command, stdout: TextSink = process.stdout): void {
  program
    .command('forecast')
    .description(
      'Forecast the caseload per group and week ahead: new sick reports, open cases, cases ' +
        'passing 6 weeks and the Poortwachter tasks due, each as a median with 80 % and 95 % ' +
        'intervals. Uses only the records known on --as-of.',
    )
    .requiredOption('--data <dir>', 'the folder of canonical CSV files')
    .option('--format <format>', `the layout of the data: ${formats.join(', ')}`, 'canonical')
    .option('--as-of <date>', 'the forecast day (YYYY-MM-DD); default the last observed day')
    .option('--horizon-weeks <n>', 'weeks ahead, 1 to 104', '13')
    .option('--by <key>', `group by ${groupingKeys.join(', ')}`, 'team')
    .option('--min-group-size <n>', 'fewest employees for a group of its own', '10')
    .option('--small-groups <policy>', `${smallGroupPolicies.join(' or ')} small groups`, 'merge')
    .option('--model <file>', 'a survival model (absencelab train) for the open cases')
    .option('--observed-from <date>', 'first day the records describe; default from manifest.json')
    .option('--seed <n>', 'seed of the simulation', '1')
    .option('--simulations <n>', 'Monte Carlo runs', '1000')
    .option('--json', 'print one JSON object')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const startedMs = performance.now();
      parseFormat(options['format']);
      const dataDir = String(options['data']);
      const dataset = await readCanonicalDataset(dataDir);
      const asOf =
        options['asOf'] === undefined
          ? dataset.observedUntil
          : parseDate(options['asOf'], '--as-of');
      if (asOf > dataset.observedUntil) {
        throw new AppError('INVALID_ARGUMENT', 'The as-of date lies after the data.', [
          {
            field: '--as-of',
            message: `must be on or before the last observed day, ${dataset.observedUntil}.`,
          },
        ]);
      }
      const groupBy = parseChoice(options['by'], '--by', groupingKeys);
      const smallGroups = parseChoice(options['smallGroups'], '--small-groups', smallGroupPolicies);
      const observedFrom = await observedFromOf(options['observedFrom'], dataDir, dataset);

      const openCaseDurations = await modelDurations(options['model'], dataset, asOf);
      const forecast = forecastCaseload(dataset.employees, dataset.episodes, {
        asOf,
        groupBy,
        smallGroups,
        minGroupSize: parseWhole(options['minGroupSize'], '--min-group-size', 1),
        horizonWeeks: parseWhole(options['horizonWeeks'], '--horizon-weeks', 1),
        simulations: parseWhole(options['simulations'], '--simulations', 20),
        seed: parseWhole(options['seed'], '--seed', 0),
        ...(observedFrom === undefined ? {} : { observedFrom }),
        ...(openCaseDurations === undefined ? {} : { openCaseDurations }),
      });
      const elapsedMs = Math.round(performance.now() - startedMs);
      if (options['json'] === true) {
        stdout.write(`${JSON.stringify({ ...forecast, elapsedMs }, null, 2)}\n`);
        return;
      }
      stdout.write(renderForecast(forecast, elapsedMs));
    });
}

/**
 * Adds the options of the case-data backtest to `absencelab backtest`, whose other options are
 * those of the CBS backtest.
 */
export function addCaseloadBacktestOptions(command: Command): Command {
  return command
    .option('--by <key>', `canonical: group by ${groupingKeys.join(', ')}`, 'total')
    .option('--min-group-size <n>', 'canonical: fewest employees for a group of its own', '10')
    .option('--small-groups <policy>', `canonical: ${smallGroupPolicies.join(' or ')}`, 'merge')
    .option('--observed-from <date>', 'canonical: first day the records describe')
    .option('--seed <n>', 'canonical: seed of the simulation', '1')
    .option('--simulations <n>', 'canonical: Monte Carlo runs per origin', '500');
}

/**
 * `absencelab backtest --format canonical`: weekly rolling origins ending `--horizons` weeks
 * before the end of the data. Defaults: 13 weeks ahead, and 52 origins, a year, so that the
 * coverage weighs every season once (half a year of origins leaves out a winter or a summer).
 */
export async function runCaseloadBacktest(command: Command, stdout: TextSink): Promise<void> {
  const startedMs = performance.now();
  const options = command.opts<Record<string, string | boolean | undefined>>();
  const dataDir = String(options['data']);
  const dataset = await readCanonicalDataset(dataDir);
  const observedFrom = await observedFromOf(options['observedFrom'], dataDir, dataset);
  const methods = await chooseInflowMethods(options['methods']);
  const groupBy = parseChoice(options['by'], '--by', groupingKeys);
  const report = backtestCaseload(dataset.employees, dataset.episodes, {
    observedUntil: dataset.observedUntil,
    origins:
      options['origins'] === undefined
        ? defaultCaseloadOrigins
        : parseWhole(options['origins'], '--origins', 1),
    horizonWeeks:
      options['horizons'] === undefined ? 13 : parseWhole(options['horizons'], '--horizons', 1),
    groupBy,
    minGroupSize: parseWhole(options['minGroupSize'], '--min-group-size', 1),
    smallGroups: parseChoice(options['smallGroups'], '--small-groups', smallGroupPolicies),
    simulations: parseWhole(options['simulations'], '--simulations', 20),
    seed: parseWhole(options['seed'], '--seed', 0),
    methods,
    // A list the user did not choose drops what the records are too short for; a chosen one is
    // refused instead.
    leaveOutShortMethods: options['methods'] === undefined,
    ...(observedFrom === undefined ? {} : { observedFrom }),
  });
  const elapsedMs = Math.round(performance.now() - startedMs);
  const protocol = {
    origins: report.originDates.length,
    firstOrigin: report.originDates[0],
    lastOrigin: report.originDates[report.originDates.length - 1],
    firstInflowOrigin: report.firstInflowOrigin,
    leftOutMethods: report.leftOutMethods,
    horizons: report.horizonWeeks,
    groupBy,
    scale: 'in-sample MAE of seasonal naive (lag 52 weeks) on each training window',
    truth: 'the complete records: reports per week, and cases open at the end of each week',
  };
  const scored = methods[0]!.name;
  const rule =
    scored === inflowMethods[0]!.name
      ? 'the inflow method used by absencelab forecast; its intervals are scored below'
      : 'the first of --methods; its intervals are scored below ' +
        `(absencelab forecast uses ${inflowMethods[0]!.name})`;
  if (options['json'] === true) {
    const out = {
      methods: report.inflow,
      selected: {
        method: scored,
        mase: report.inflow.find((s) => s.method === scored && s.scope === 'total')?.mase,
        rule,
      },
      coverage: report.coverage,
      protocol,
      elapsedMs,
    };
    stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  stdout.write(renderBacktest(report, { ...protocol, selected: scored, rule }, elapsedMs));
}

const defaultCaseloadOrigins = 52;

/** The inflow methods that need @bsull/augurs. */
const augursMethodNames = ['mstl', 'comb'];
/** Every inflow method the canonical backtest knows, in the order it scores them. */
export const caseloadMethodNames = [...inflowMethods.map((m) => m.name), ...augursMethodNames];
/**
 * Reports' worth of weight that pulls a group's share of the MSTL total towards its share of the
 * employees, as for the chosen profile-share method.
 */
const mstlPriorReports = 5;

/**
 * The inflow methods to compare: the built-in ones, then MSTL with an AutoETS trend from
 * @bsull/augurs on the total series and its mean with the chosen method. The first is the one
 * `absencelab forecast` uses; its intervals are the ones scored.
 */
async function chooseInflowMethods(list: string | boolean | undefined): Promise<InflowMethod[]> {
  const names =
    typeof list === 'string'
      ? list
          .split(',')
          .map((name) => name.trim())
          .filter((name) => name !== '')
      : undefined;
  // The WASM module of @bsull/augurs is loaded only when a method needs it.
  const needsMstl = names === undefined || names.some((name) => augursMethodNames.includes(name));
  const mstl = needsMstl ? totalSeriesInflow(await loadAugursMstl(), mstlPriorReports) : undefined;
  const available = [
    ...inflowMethods,
    ...(mstl === undefined ? [] : [mstl, meanInflow('comb', [inflowMethods[0]!, mstl])]),
  ];
  if (names === undefined) return available;
  return names.map((name) => {
    const method = available.find((m) => m.name === name);
    if (method === undefined) {
      throw new AppError('INVALID_ARGUMENT', `Unknown inflow method "${name}".`, [
        { field: '--methods', message: `choose from ${caseloadMethodNames.join(', ')}.` },
      ]);
    }
    return method;
  });
}

/**
 * The first observed day: --observed-from, else the manifest's period. Without either, the
 * forecast takes the first recovery date in the records, because an extract holds earlier sick
 * reports only when they were still open at its start.
 */
async function observedFromOf(
  option: string | boolean | undefined,
  dataDir: string,
  dataset: { observedFrom?: string },
): Promise<string | undefined> {
  if (option !== undefined) return parseDate(option, '--observed-from');
  const hasManifest = await stat(join(dataDir, 'manifest.json')).then(
    () => true,
    () => false,
  );
  return hasManifest ? dataset.observedFrom : undefined;
}

async function modelDurations(
  option: string | boolean | undefined,
  dataset: Awaited<ReturnType<typeof readCanonicalDataset>>,
  asOf: string,
) {
  if (typeof option !== 'string') return undefined;
  const loaded = await readModelFile(option);
  if (loaded.kind !== 'discrete-time-hazard') {
    throw new AppError('INVALID_ARGUMENT', 'This model is not a survival model.', [
      { field: '--model', message: 'use a model trained on canonical data.' },
    ]);
  }
  return survivalModelDurations(
    loaded.model,
    loaded.ensemble,
    dataset.employees,
    dataset.episodes,
    asOf,
  );
}

const columnHeads: Record<(typeof measureNames)[number], string> = {
  newReports: 'new',
  openCases: 'open',
  passing6Weeks: '>6 wk',
  problemAnalysis: 'PA w6',
  planOfAction: 'PvA w8',
  evaluation: 'eval',
  uwvReport42Weeks: 'UWV w42',
  firstYearEvaluation: 'EJE w52',
  wiaApplication: 'WIA w91',
};

/** One block per group: a row per week with the median and the 80 % interval of each measure. */
function renderForecast(forecast: CaseloadForecast, elapsedMs: number): string {
  // Counts as whole numbers: the interval rounded outwards, so it still holds at least 80 %.
  const cell = (q: QuantileSummary) =>
    `${Math.round(q.median)} [${Math.floor(q.p10)}-${Math.ceil(q.p90)}]`;
  const width = 16;
  const lines = [
    `Caseload forecast as of ${forecast.asOf}, ${countOf(forecast.horizonWeeks, 'week')} ahead: median ` +
      `[80 % interval]; 95 % intervals in --json.`,
    ...forecast.warnings.map((warning) => `Warning: ${warning}`),
  ];
  for (const group of forecast.groups) {
    lines.push(
      '',
      `${group.group}: ${group.employees} employee${group.employees === 1 ? '' : 's'}, ${group.openAtAsOf} case${group.openAtAsOf === 1 ? '' : 's'} open on ${forecast.asOf}`,
      `${'week'.padEnd(5)}${'from'.padEnd(12)}${measureNames.map((m) => columnHeads[m].padStart(width)).join('')}`,
    );
    for (const week of group.weeks) {
      const values = [
        week.newReports,
        week.openCases,
        week.passing6Weeks,
        ...taskKinds.map((task) => week.tasks[task]),
      ];
      lines.push(
        `${String(week.week).padEnd(5)}${week.weekStart.padEnd(12)}${values.map((q) => cell(q).padStart(width)).join('')}`,
      );
    }
  }
  lines.push(
    '',
    `Merged into "other": ${forecast.mergedGroups.length} groups; suppressed: ` +
      `${forecast.suppressedGroups.length} groups (fewer than ${forecast.method.minGroupSize} employees).`,
    `Inflow     ${forecast.method.inflow.description}`,
    `Durations  ${forecast.method.durations}`,
    `Tasks      ${forecast.method.tasks}`,
    `Runs       ${forecast.method.simulations} simulations, seed ${forecast.method.seed}; ${(elapsedMs / 1000).toFixed(1)} s`,
    '',
  );
  return lines.join('\n');
}

function renderBacktest(
  report: CaseloadBacktest,
  protocol: {
    origins: number;
    firstOrigin: string | undefined;
    lastOrigin: string | undefined;
    firstInflowOrigin: string;
    leftOutMethods: readonly string[];
    horizons: number;
    selected: string;
    rule: string;
  },
  elapsedMs: number,
): string {
  const heads = Array.from({ length: report.horizonWeeks }, (_, i) => `h${i + 1}`.padStart(6));
  const lines = [
    `${'method'.padEnd(20)}${'scope'.padEnd(8)}${heads.join('')}${'MASE'.padStart(8)}`,
  ];
  for (const score of report.inflow) {
    lines.push(
      score.method.padEnd(20) +
        score.scope.padEnd(8) +
        score.maseByHorizon.map((v) => v.toFixed(2).padStart(6)).join('') +
        score.mase.toFixed(3).padStart(8),
    );
  }
  lines.push('', `${'coverage'.padEnd(28)}${'80 %'.padStart(8)}${'95 %'.padStart(8)}`);
  for (const score of report.coverage) {
    lines.push(
      `${score.measure} (${score.scope})`.padEnd(28) +
        `${(100 * score.coverage80).toFixed(1)}%`.padStart(8) +
        `${(100 * score.coverage95).toFixed(1)}%`.padStart(8),
    );
  }
  const first = protocol.firstOrigin ?? '';
  const when = protocol.origins === 1 ? `on ${first}` : `${first} to ${protocol.lastOrigin ?? ''}`;
  const ahead = protocol.horizons === 1 ? 'a week' : `weeks 1-${protocol.horizons}`;
  const compared = countOf(report.inflow[0]?.originCount ?? 0, 'origin');
  const indent = ' '.repeat(11);
  lines.push(
    '',
    `Selected   ${protocol.selected}: ${protocol.rule.replace('scored below', 'scored above')}`,
    `Protocol   ${countOf(protocol.origins, 'weekly origin')} ${when}, ${ahead} ahead; ` +
      'MASE scaled by the in-sample seasonal naive (52 weeks) MAE',
    ...(protocol.firstInflowOrigin === protocol.firstOrigin
      ? []
      : [
          `${indent}methods compared from ${protocol.firstInflowOrigin} (${compared}), ` +
            'where every one has the history it needs',
        ]),
    ...(protocol.leftOutMethods.length === 0
      ? []
      : [
          `${indent}left out: ${protocol.leftOutMethods.join(', ')} ` +
            '(no origin has the history they need)',
        ]),
    `Time       ${(elapsedMs / 1000).toFixed(1)} s`,
    '',
  );
  return lines.join('\n');
}

function parseFormat(value: string | boolean | undefined): void {
  if (value === 'canonical') return;
  throw new AppError('INVALID_ARGUMENT', 'Unknown data format.', [
    { field: '--format', message: `must be one of: ${formats.join(', ')}.` },
  ]);
}

function parseDate(value: string | boolean | undefined, name: string): string {
  const parsed = isoDateSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppError('INVALID_ARGUMENT', `Invalid ${name}.`, [
      { field: name, message: 'must be a date as YYYY-MM-DD.' },
    ]);
  }
  return parsed.data;
}

function parseWhole(value: string | boolean | undefined, name: string, min: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    throw new AppError('INVALID_ARGUMENT', `Invalid ${name}.`, [
      { field: name, message: `must be a whole number of at least ${min}.` },
    ]);
  }
  return number;
}

function parseChoice<T extends string>(
  value: string | boolean | undefined,
  name: string,
  choices: readonly T[],
): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value))
    return value as T;
  throw new AppError('INVALID_ARGUMENT', `Invalid ${name}.`, [
    { field: name, message: `must be one of: ${choices.join(', ')}.` },
  ]);
}

/** "1 week", "13 weeks". */
function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
