import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../core/errors.ts';
import { buildDatasheet, renderDatasheetMarkdown } from './buildDatasheet.ts';
import { buildReport, type PseudonymiseReport } from './buildReport.ts';
import { writeTextAtomic } from './io/writeTextAtomic.ts';
import { readKeyFile } from './keyFile.ts';
import { parsePolicy } from './policySchema.ts';
import {
  pseudonymiseTable,
  type ProgressEvent,
  type PseudonymiseOptions,
} from './pseudonymiseTable.ts';

export interface RunPseudonymisationOptions {
  inPath: string;
  policyPath: string;
  keyFilePath: string;
  domain: string;
  /** Defaults to the key file's current version. */
  keyVersion?: string;
  outPath: string;
  reportPath: string;
  onProgress?: (event: ProgressEvent) => void;
  /** Employees who objected, by the policy's subject column: their rows are left out. */
  isExcludedSubject?: (subjectValue: string) => boolean;
  /** For reproducible tests; the current time otherwise. */
  now?: Date;
  /** Worker threads and CSV chunk size; by default chosen from the input's size and the cores. */
  parallelism?: PseudonymiseOptions['parallelism'];
}

/**
 * The whole pseudonymise command without its terminal: read policy and key, make the extract,
 * then write the datasheet beside it (`<out>.datasheet.md` and `.json`) and the report. Each file
 * is written whole or not at all.
 */
export async function runPseudonymisation(
  options: RunPseudonymisationOptions,
): Promise<PseudonymiseReport> {
  const policyFile = basename(options.policyPath);
  const policyText = await readFile(options.policyPath, 'utf8').catch(() => {
    throw new AppError('NOT_FOUND', `Policy ${policyFile} not found.`, [
      { field: '--policy', message: 'no such file.' },
    ]);
  });
  const { policy, sha256 } = parsePolicy(policyText, policyFile);
  const keyRing = await readKeyFile(options.keyFilePath);
  const keyVersion = options.keyVersion ?? keyRing.currentVersion;
  const masterKey = keyRing.masterKey(keyVersion);

  const outcome = await pseudonymiseTable({
    inPath: options.inPath,
    outPath: options.outPath,
    policy,
    masterKey,
    keyVersion,
    domain: options.domain,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.isExcludedSubject === undefined
      ? {}
      : { isExcludedSubject: options.isExcludedSubject }),
    ...(options.parallelism === undefined ? {} : { parallelism: options.parallelism }),
  });
  masterKey.fill(0);

  const meta = {
    policyFile,
    policySha256: sha256,
    domain: options.domain,
    keyVersion,
    createdAt: (options.now ?? new Date()).toISOString(),
  };
  const report = buildReport(outcome, policy, meta);
  const datasheet = buildDatasheet(outcome, policy, report);
  await writeTextAtomic(
    `${options.outPath}.datasheet.json`,
    `${JSON.stringify(datasheet, null, 2)}\n`,
  );
  await writeTextAtomic(`${options.outPath}.datasheet.md`, renderDatasheetMarkdown(datasheet));
  await writeTextAtomic(options.reportPath, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
