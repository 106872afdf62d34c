import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { AppError } from '../../core/errors.ts';
import { createSynthStatistics } from '../../synth/synthStatistics.ts';
import type { SynthStatistic } from '../../synth/synthTargets.ts';
import { writeSynthPopulation } from '../../synth/writeSynthPopulation.ts';

export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description(
      'Generate a synthetic workforce with absence episodes in the canonical CSV layout, ' +
        'calibrated to Dutch absence figures, with the true probabilities for evaluation.',
    )
    .requiredOption('--employees <n>', 'number of employees')
    .requiredOption('--years <n>', 'number of calendar years in the period')
    .requiredOption('--seed <n>', 'seed: the same seed and arguments give byte-identical files')
    .requiredOption('--out <dir>', 'directory to write the files to (created when missing)')
    .option('--start-year <year>', 'first calendar year of the period', '2023')
    .option(
      '--workers <n>',
      'worker threads that generate blocks of teams, 0 for none; the files do not depend on it\n' +
        '(default: one per core, up to 4, from 50,000 employees)',
    )
    .option('--identifiable', 'also write identities.csv with fake names, BSNs and addresses')
    .option('--report', 'print each statistic next to its target and tolerance')
    .option('--json', 'print machine-readable JSON instead of text')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const employeeCount = parseWholeNumber(options['employees'], '--employees', 1, 20_000_000);
      const years = parseWholeNumber(options['years'], '--years', 1, 20);
      const seed = parseWholeNumber(options['seed'], '--seed', 0, 4_294_967_295);
      const startYear = parseWholeNumber(options['startYear'], '--start-year', 1990, 2100);
      const workerCount =
        options['workers'] === undefined
          ? undefined
          : parseWholeNumber(options['workers'], '--workers', 0, 64);
      const isReport = options['report'] === true;
      const isJson = options['json'] === true;
      const statistics = isReport ? createSynthStatistics({ startYear, years }) : undefined;

      // A bar only for a person at a terminal; pipes and CI logs get no control characters.
      const bar =
        process.stdout.isTTY && !isJson
          ? new SingleBar(
              { format: 'synth [{bar}] {percentage}% | {value}/{total} employees | ETA {eta}s' },
              Presets.shades_classic,
            )
          : undefined;
      bar?.start(employeeCount, 0);
      const manifest = await writeSynthPopulation({
        employeeCount,
        years,
        seed,
        startYear,
        outDir: String(options['out']),
        isIdentifiable: options['identifiable'] === true,
        ...(workerCount === undefined ? {} : { workerCount }),
        ...(bar === undefined ? {} : { onProgress: (done: number) => bar.update(done) }),
        ...(statistics === undefined ? {} : { statistics }),
      });
      bar?.stop();

      const rows = statistics?.result();
      if (isJson) {
        const output = rows === undefined ? manifest : rows.map(toJsonRow);
        process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `Wrote ${manifest.counts.employees} employees, ${manifest.counts.episodes} episodes ` +
          `(${manifest.counts.openEpisodes} open) and ${manifest.counts.teams} teams to ${String(options['out'])}\n`,
      );
      if (rows !== undefined) process.stdout.write(formatReport(rows));
    });
}

function toJsonRow(row: SynthStatistic): Record<string, unknown> {
  return {
    statistic: row.statistic,
    value: round(row.value),
    target: row.target,
    tolerance: row.tolerance,
    within: row.isWithin,
  };
}

function formatReport(rows: readonly SynthStatistic[]): string {
  const width = Math.max(...rows.map((row) => row.statistic.length));
  const lines = [
    `${'statistic'.padEnd(width)}  ${'value'.padStart(10)}  ${'target'.padStart(8)}  ${'± tol'.padStart(7)}  within`,
    ...rows.map(
      (row) =>
        `${row.statistic.padEnd(width)}  ${String(round(row.value)).padStart(10)}  ` +
        `${String(row.target).padStart(8)}  ${String(row.tolerance).padStart(7)}  ${row.isWithin ? 'yes' : 'NO'}`,
    ),
  ];
  const misses = rows.filter((row) => !row.isWithin).length;
  lines.push(
    misses === 0 ? 'All statistics within tolerance.' : `${misses} statistics outside tolerance.`,
  );
  return `${lines.join('\n')}\n`;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function parseWholeNumber(
  value: string | boolean | undefined,
  name: string,
  min: number,
  max: number,
): number {
  const number = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || number < min || number > max) {
    throw new AppError('INVALID_ARGUMENT', `Invalid ${name}.`, [
      { field: name, message: `must be a whole number from ${min} to ${max}.` },
    ]);
  }
  return number;
}
