import type { PseudonymiseReport } from './buildReport.ts';
import type { Policy } from './policySchema.ts';
import type { PseudonymiseOutcome } from './pseudonymiseTable.ts';
import type { ValueFormat } from './rules/columnRule.ts';

export interface Datasheet {
  datasheetVersion: 1;
  title: string;
  createdAt: string;
  motivation: { source: string; originalPurpose: string; extractPurpose: string };
  composition: {
    inputFile: string;
    rowsRead: number;
    rowsWritten: number;
    /** Rows of employees who objected (GDPR art. 21), left out before anything else. */
    rowsExcludedByObjection: number;
    rowsSuppressed: number;
    columnsRead: number;
    columnsWritten: number;
    period: { firstMonth: string; lastMonth: string; referenceDate: string } | null;
    /** The days the source's records describe, when the policy states them. */
    observedPeriod: { firstDay: string; lastDay: string } | null;
  };
  fields: {
    name: string;
    action: string;
    transformation: string;
    /** The form of the values, for programs that read the extract back. */
    format: ValueFormat;
    emptyCount: number | null;
  }[];
  policy: { file: string; sha256: string; k: number; quasiIdentifiers: string[] };
  pseudonymisation: { domain: string; keyVersion: string; method: string; keyLocation: string };
  privacy: {
    kAchieved: number | null;
    classSizeUnit: 'rows' | 'subjects';
    maxRisk: number | null;
    meanRisk: number | null;
  };
  utility: PseudonymiseOutcome['utility'];
  uses: string[];
}

const unstated = 'not stated in the policy';

/**
 * A datasheet for the extract (Gebru et al., "Datasheets for Datasets", 2021): where the data come
 * from, what was done to each field, how many rows, which period, under which policy and domain.
 * It documents the safeguards of GDPR art. 89(1) for research use and never names the key.
 */
export function buildDatasheet(
  outcome: PseudonymiseOutcome,
  policy: Policy,
  report: PseudonymiseReport,
): Datasheet {
  const emptyByName = new Map(
    outcome.plan.output.map((column, i) => [column.name, outcome.missingCounts[i]!]),
  );
  return {
    datasheetVersion: 1,
    title: `Research extract ${outcome.outputFile}`,
    createdAt: report.createdAt,
    motivation: {
      source: policy.origin?.source ?? unstated,
      originalPurpose: policy.origin?.originalPurpose ?? unstated,
      extractPurpose: policy.origin?.extractPurpose ?? unstated,
    },
    composition: {
      inputFile: outcome.inputFile,
      rowsRead: outcome.rowsRead,
      rowsWritten: outcome.rowsWritten,
      rowsExcludedByObjection: outcome.rowsExcludedByObjection,
      rowsSuppressed: outcome.anonymity.rowsSuppressed,
      columnsRead: outcome.plan.columns.length,
      columnsWritten: outcome.plan.output.length,
      period:
        outcome.period === null ? null : { ...outcome.period, referenceDate: policy.referenceDate },
      observedPeriod: policy.observedPeriod ?? null,
    },
    fields: report.columns.map((column) => ({
      ...column,
      emptyCount: emptyByName.get(column.name) ?? null,
    })),
    policy: {
      file: report.policy.file,
      sha256: report.policy.sha256,
      k: policy.k,
      quasiIdentifiers: [...policy.quasiIdentifiers],
    },
    pseudonymisation: {
      domain: report.pseudonyms.domain,
      keyVersion: report.pseudonyms.keyVersion,
      method: report.pseudonyms.method,
      keyLocation: 'kept by the controller, apart from the extract; never given to its users',
    },
    privacy: {
      kAchieved: report.kAnonymity.kAchieved,
      classSizeUnit: report.kAnonymity.classSizeUnit,
      maxRisk: report.risk.after.maxRisk,
      meanRisk: report.risk.after.meanRisk,
    },
    utility: outcome.utility,
    uses: [
      'Training and evaluating models of long sickness absence under the stated purpose only.',
      'Still personal data (GDPR recital 26): no attempt to re-identify, no linking with other data.',
      'Pseudonyms are stable only within this domain and key version; other extracts do not link.',
    ],
  };
}

export function renderDatasheetMarkdown(sheet: Datasheet): string {
  const lines: string[] = [
    `# ${sheet.title}`,
    '',
    `Made ${sheet.createdAt}. Pseudonymised research data: still personal data, for the purpose below only.`,
    '',
    '## Motivation',
    '',
    `- Source: ${sheet.motivation.source}`,
    `- Original purpose: ${sheet.motivation.originalPurpose}`,
    `- Purpose of this extract: ${sheet.motivation.extractPurpose}`,
    '',
    '## Composition',
    '',
    `- Input: ${sheet.composition.inputFile}, ${sheet.composition.rowsRead} rows, ${sheet.composition.columnsRead} columns`,
    `- Extract: ${sheet.composition.rowsWritten} rows, ${sheet.composition.columnsWritten} columns; ` +
      `${sheet.composition.rowsExcludedByObjection} rows left out for an objection, ` +
      `${sheet.composition.rowsSuppressed} rows suppressed for k-anonymity`,
    sheet.composition.period === null
      ? '- Period: no event dates in the extract'
      : `- Period: ${sheet.composition.period.firstMonth} to ${sheet.composition.period.lastMonth}; ` +
        `dates given as weeks relative to ${sheet.composition.period.referenceDate}`,
    sheet.composition.observedPeriod === null
      ? '- Observed period: not stated in the policy'
      : `- Observed period: ${sheet.composition.observedPeriod.firstDay} to ` +
        `${sheet.composition.observedPeriod.lastDay}`,
    '',
    '## Fields',
    '',
    '| field | action | transformation | empty cells |',
    '| --- | --- | --- | --- |',
    ...sheet.fields.map(
      (field) =>
        `| ${escapeCell(field.name)} | ${field.action} | ${escapeCell(field.transformation)} | ` +
        `${field.emptyCount ?? '-'} |`,
    ),
    '',
    '## Policy and pseudonymisation',
    '',
    `- Policy: ${sheet.policy.file}, SHA-256 ${sheet.policy.sha256}`,
    `- k = ${sheet.policy.k} on ${sheet.policy.quasiIdentifiers.join(', ') || 'no quasi-identifiers'}; ` +
      `achieved ${sheet.privacy.kAchieved ?? '-'} (${sheet.privacy.classSizeUnit}); ` +
      `re-identification risk max ${sheet.privacy.maxRisk ?? '-'}, mean ${sheet.privacy.meanRisk ?? '-'}`,
    `- Domain: ${sheet.pseudonymisation.domain}, key version ${sheet.pseudonymisation.keyVersion}`,
    `- Method: ${sheet.pseudonymisation.method}`,
    `- Key: ${sheet.pseudonymisation.keyLocation}`,
    '',
    '## Utility',
    '',
    sheet.utility === null
      ? '- Not measured (no "utility" section in the policy).'
      : `- ${sheet.utility.method}: AUC ${sheet.utility.aucOriginal ?? '-'} on the original, ` +
        `${sheet.utility.aucExtract ?? '-'} on the extract (target ${sheet.utility.target}, ` +
        `${sheet.utility.sampleRows} rows sampled, ${sheet.utility.testRows} rows of ` +
        `${sheet.utility.testSubjects} ${sheet.utility.splitBy === 'person' ? 'persons' : 'rows'} ` +
        `scored); loss ${sheet.utility.aucLoss ?? '-'}, 95 % interval ` +
        `${sheet.utility.aucLoss95?.join(' to ') ?? '-'}: ${verdictWords(sheet.utility)}`,
    '',
    '## Uses',
    '',
    ...sheet.uses.map((use) => `- ${use}`),
    '',
  ];
  return lines.join('\n');
}

function verdictWords(utility: NonNullable<Datasheet['utility']>): string {
  const margin = utility.marginAuc;
  switch (utility.verdict) {
    case 'within':
      return `within ${margin} of the original`;
    case 'outside':
      return `more than ${margin} from the original`;
    case 'undecided':
      return `the sample is too small to tell whether it is within ${margin}`;
    case null:
      return 'no interval';
  }
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}
