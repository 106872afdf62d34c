import type { KeyObject } from 'node:crypto';
import { planExtract, type ExtractPlan, type PlannedColumn } from '../extractPlan.ts';
import type { Policy } from '../policySchema.ts';
import type { ColumnRule } from '../rules/columnRule.ts';

/** What every thread needs to make its share of an extract; it crosses threads by postMessage. */
export interface ExtractJob {
  fileName: string;
  header: string[];
  policy: Policy;
  outputFormat: 'csv' | 'parquet';
  /** The domain key, never the master key; a KeyObject keeps it out of the JavaScript heap. */
  domainKey: KeyObject;
  keyVersion: string;
}

/** Positions worked out once per thread, so that the per-row loops only index arrays. */
export interface ExtractLayout {
  job: ExtractJob;
  plan: ExtractPlan;
  /** Kept and generalised columns: the ones with a rule. */
  ruled: PlannedColumn[];
  rules: ColumnRule[];
  ruledIndexes: number[];
  /** Per quasi-identifier, its position among the ruled columns. */
  quasiPositions: number[];
  /**
   * Per ruled column, whether its raw value is its output and nothing needs to be read from it
   * in pass one: a kept column that is no quasi-identifier. The byte path copies such cells and
   * gives codes to all others.
   */
  isCopied: boolean[];
  /** Ruled positions of the relative-weeks columns, whose dates give the extract's period. */
  datePositions: number[];
  /** Per output column, its position among the ruled columns; -1 for a pseudonymised one. */
  rulePositionOf: number[];
  utility: UtilityLayout | undefined;
}

export interface UtilityLayout {
  featureIndexes: number[];
  /** Per feature, its output position; -1 when the policy drops it. */
  featureOutputPositions: number[];
  targetIndex: number;
  above: number;
}

export function layOutExtract(job: ExtractJob): ExtractLayout {
  const plan = planExtract(job.header, job.policy, job.fileName);
  const ruled = plan.columns.filter((column) => column.rule !== undefined);
  const utility = job.policy.utility;
  return {
    job,
    plan,
    ruled,
    rules: ruled.map((column) => column.rule!),
    ruledIndexes: ruled.map((column) => column.index),
    quasiPositions: plan.quasiIdentifiers.map((q) =>
      ruled.findIndex((column) => column.name === q.name),
    ),
    isCopied: ruled.map(
      (column) => column.policy.action === 'keep' && column.quasiIdentifierIndex === undefined,
    ),
    datePositions: ruled.flatMap((column, position) =>
      column.policy.action === 'generalise' && column.policy.rule.rule === 'relative-weeks'
        ? [position]
        : [],
    ),
    rulePositionOf: plan.output.map((column) => ruled.indexOf(column)),
    utility:
      utility === undefined
        ? undefined
        : {
            featureIndexes: utility.features.map(
              (name) => plan.columns.find((c) => c.name === name)!.index,
            ),
            featureOutputPositions: utility.features.map((name) =>
              plan.output.findIndex((c) => c.name === name),
            ),
            targetIndex: plan.columns.find((c) => c.name === utility.target.column)!.index,
            above: utility.target.above,
          },
  };
}
