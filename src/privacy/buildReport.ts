import { describeColumn, formatOfColumn } from './extractPlan.ts';
import type { ValueFormat } from './rules/columnRule.ts';
import type { Policy } from './policySchema.ts';
import type { PseudonymiseOutcome } from './pseudonymiseTable.ts';
import { summariseRisk, type RiskSummary } from './riskSummary.ts';

export const pseudonymMethod =
  'HMAC-SHA-256 under a per-domain key derived with HKDF-SHA-256 from the master key; ' +
  'the first 160 bits in base32, prefixed with the key version';

export interface ExtractMeta {
  policyFile: string;
  policySha256: string;
  domain: string;
  keyVersion: string;
  createdAt: string;
}

export interface PseudonymiseReport {
  reportVersion: 1;
  createdAt: string;
  input: {
    file: string;
    format: string;
    rows: number;
    columns: number;
    /** Rows of employees who objected (GDPR art. 21): read, then left out. */
    rowsExcludedByObjection: number;
  };
  output: { file: string; format: string; rows: number; columns: number; sha256: string };
  policy: { file: string; sha256: string };
  pseudonyms: {
    domain: string;
    keyVersion: string;
    method: string;
    computed: number;
    cached: number;
  };
  columns: { name: string; action: string; transformation: string; format: ValueFormat }[];
  kAnonymity: {
    k: number;
    classSizeUnit: 'rows' | 'subjects';
    quasiIdentifiers: { column: string; level: number; transformation: string }[];
    kAchieved: number | null;
    isSatisfied: boolean;
    classes: number;
    rowsSuppressed: number;
    suppressedPct: number;
    maxSuppressionPct: number;
    generalisationSteps: number;
  };
  risk: { model: string; before: RiskSummary; after: RiskSummary };
  utility: PseudonymiseOutcome['utility'];
  utilityNote: string;
}

/**
 * The run's report. It holds counts, rules, levels and risks, never a value of the input: it is
 * meant to travel with the extract to the people who assess it (GDPR art. 5(2), 30, 89(1)).
 */
export function buildReport(
  outcome: PseudonymiseOutcome,
  policy: Policy,
  meta: ExtractMeta,
): PseudonymiseReport {
  const { plan, anonymity } = outcome;
  const levelOfColumn = (name: string): number => {
    const q = policy.quasiIdentifiers.indexOf(name);
    return q < 0 ? 0 : anonymity.levels[q]!;
  };
  const classes = [...anonymity.classes.values()];
  const after = summariseRisk(classes, policy.k, (entry) => entry.size >= policy.k);
  const before = summariseRisk(anonymity.initialClasses.values(), policy.k);
  return {
    reportVersion: 1,
    createdAt: meta.createdAt,
    input: {
      file: outcome.inputFile,
      format: outcome.inputFormat,
      rows: outcome.rowsRead,
      columns: plan.columns.length,
      rowsExcludedByObjection: outcome.rowsExcludedByObjection,
    },
    output: {
      file: outcome.outputFile,
      format: outcome.outputFormat,
      rows: outcome.rowsWritten,
      columns: plan.output.length,
      sha256: outcome.outputSha256,
    },
    policy: { file: meta.policyFile, sha256: meta.policySha256 },
    pseudonyms: {
      domain: meta.domain,
      keyVersion: meta.keyVersion,
      method: pseudonymMethod,
      ...outcome.pseudonyms,
    },
    columns: plan.columns.map((column) => ({
      name: column.name,
      action: column.policy.action,
      transformation: describeColumn(column, levelOfColumn(column.name)),
      format: formatOfColumn(column, levelOfColumn(column.name)),
    })),
    kAnonymity: {
      k: policy.k,
      classSizeUnit: policy.subjectColumn === undefined ? 'rows' : 'subjects',
      quasiIdentifiers: plan.quasiIdentifiers.map((column, q) => ({
        column: column.name,
        level: anonymity.levels[q]!,
        transformation: describeColumn(column, anonymity.levels[q]!),
      })),
      kAchieved: after.smallestClass,
      isSatisfied: after.smallestClass === null || after.smallestClass >= policy.k,
      classes: after.classes,
      rowsSuppressed: anonymity.rowsSuppressed,
      suppressedPct:
        outcome.rowsRead === 0
          ? 0
          : Math.round((anonymity.rowsSuppressed / outcome.rowsRead) * 1e6) / 1e4,
      maxSuppressionPct: policy.maxSuppressionPct,
      generalisationSteps: anonymity.steps,
    },
    risk: {
      model:
        'prosecutor: per record 1 / size of its class on the quasi-identifiers; "before" at the ' +
        "policy's own rules, without further generalisation or suppression",
      before,
      after,
    },
    utility: outcome.utility,
    utilityNote:
      outcome.utility === null
        ? 'TODO: no "utility" section in the policy, so the AUC cost was not measured.'
        : 'AUC of the same simple model on the original values and on the extract, same test ' +
          'rows; the verdict says whether the 95 % interval of the loss lies within the margin.',
  };
}
