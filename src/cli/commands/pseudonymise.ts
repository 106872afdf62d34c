import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { AppError } from '../../core/errors.ts';
import type { ProgressEvent } from '../../privacy/pseudonymiseTable.ts';

interface PseudonymiseFlags {
  in: string;
  policy: string;
  keyFile: string;
  keyVersion?: string;
  domain: string;
  out: string;
  report: string;
  objectionsOf?: string;
  dataDir?: string;
}

export function registerPseudonymise(program: Command): void {
  program
    .command('pseudonymise')
    .description(
      'Make a research extract: keyed pseudonyms, dropped identifiers, generalised\n' +
        'quasi-identifiers and k-anonymity, with a datasheet and a report beside it.',
    )
    .requiredOption('--in <file>', 'input table: .csv, .xlsx (first sheet) or .parquet')
    .requiredOption(
      '--policy <file>',
      'policy JSON: an action per column, quasi-identifiers, k (example: config/extract-policy.example.json)',
    )
    .requiredOption('--key-file <file>', 'key file made by absencelab keygen (mode 0600)')
    .option('--key-version <version>', "key version, such as v2 (default: the file's current)")
    .requiredOption('--domain <name>', 'pseudonymisation domain: pseudonyms link only within it')
    .requiredOption('--out <file>', 'extract to write: .csv or .parquet')
    .requiredOption('--report <file>', 'report JSON to write')
    .option(
      '--objections-of <tenant>',
      "leave out employees who objected in this tenant of the service (by the policy's subjectColumn)",
    )
    .option(
      '--data-dir <dir>',
      "the service's data folder, with --objections-of (default: $ABSENCELAB_DATA_DIR or var/data; DATABASE_URL wins)",
    )
    .action(async (flags: PseudonymiseFlags) => {
      if (flags.keyVersion !== undefined && !/^v[1-9]\d{0,5}$/.test(flags.keyVersion)) {
        throw new AppError('INVALID_ARGUMENT', 'Invalid --key-version.', [
          { field: '--key-version', message: 'must be v followed by a number, such as v2.' },
        ]);
      }
      // A bar only for a person at a terminal; pipes and CI logs get no control characters.
      const bar = process.stderr.isTTY
        ? new SingleBar(
            { format: '{phase} [{bar}] {percentage}% | ETA {eta}s', stream: process.stderr },
            Presets.shades_classic,
          )
        : undefined;
      let phase: ProgressEvent['phase'] | undefined;
      const onProgress = (event: ProgressEvent): void => {
        if (bar === undefined) return;
        if (event.phase !== phase) {
          if (phase !== undefined) bar.stop();
          phase = event.phase;
          bar.start(Math.max(1, event.total), 0, {
            phase: event.phase === 'scan' ? 'checking' : 'writing ',
          });
        }
        bar.update(event.done, { phase: event.phase === 'scan' ? 'checking' : 'writing ' });
      };
      const objections = flags.objectionsOf === undefined ? undefined : await objectionsOf(flags);
      try {
        // Loaded on use: DuckDB and exceljs would slow the start of every other command.
        const { runPseudonymisation } = await import('../../privacy/runPseudonymisation.ts');
        const report = await runPseudonymisation({
          inPath: flags.in,
          policyPath: flags.policy,
          keyFilePath: flags.keyFile,
          domain: flags.domain,
          ...(flags.keyVersion === undefined ? {} : { keyVersion: flags.keyVersion }),
          outPath: flags.out,
          reportPath: flags.report,
          onProgress,
          ...(objections === undefined ? {} : { isExcludedSubject: objections.isObjected }),
        });
        bar?.stop();
        process.stdout.write(
          `Wrote ${report.output.rows} of ${report.input.rows} rows to ${flags.out} ` +
            `(k achieved ${report.kAnonymity.kAchieved ?? '-'}, ${report.kAnonymity.rowsSuppressed} rows suppressed` +
            `${objections === undefined ? '' : `, ${report.input.rowsExcludedByObjection} rows of employees who objected left out (the tenant has ${objections.objections} objections)`}); ` +
            `report ${flags.report}, datasheet ${flags.out}.datasheet.md\n`,
        );
      } finally {
        bar?.stop();
      }
    });
}

/**
 * The objectors of a tenant, from the service's store. Loaded on use: the store's modules took
 * about 0.6 CPU-s of every start, and most extracts are made without them.
 */
async function objectionsOf(flags: PseudonymiseFlags) {
  const [{ withStore }, { requireTenant }, { objectionFilter }] = await Promise.all([
    import('./admin.ts'),
    import('../../service/manageTenants.ts'),
    import('../../service/objectionFilter.ts'),
  ]);
  return withStore(flags.dataDir, async (store) => {
    const tenant = await requireTenant(store, flags.objectionsOf!);
    return objectionFilter(store, tenant.id);
  });
}
