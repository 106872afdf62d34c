import type { Pseudonymiser } from '../createPseudonymiser.ts';
import { createCsvLineBytes } from '../io/csvLineBytes.ts';
import { classKeySeparator } from '../kAnonymise.ts';
import type { UtilitySample } from '../measureUtility.ts';
import type { RuleSettlement } from '../rules/columnRule.ts';
import type { ExtractLayout } from './layOutExtract.ts';

/** What pass one decided, for every thread that writes. */
export interface WriteSettings {
  /** The generalisation level per quasi-identifier. */
  levels: number[];
  /** Class keys at those levels with at least k rows or persons; rows of other classes are left out. */
  keptClasses: string[];
  /** Without quasi-identifiers, all rows or none: none when the whole table is below k. */
  isAllSuppressed: boolean;
  /** Per ruled column, what its rule learnt in pass one. */
  settlements: (RuleSettlement | undefined)[];
}

/** Pass two over one chunk: the extract's CSV lines and what the report counts. */
export interface ChunkOutput {
  /** UTF-8 CSV lines of the rows written, without the header. */
  bytes: Uint8Array;
  rowsSeen: number;
  rowsWritten: number;
  /** Empty cells per output column. */
  missingCounts: number[];
  /** For a Parquet extract: per output column, whether every value is an integer or a number. */
  isInteger: boolean[];
  isNumber: boolean[];
  utility: UtilitySample;
  pseudonyms: { computed: number; cached: number };
}

export interface RowTransformer {
  /** `utilityRows`: how many of the chunk's eligible rows the utility check takes, from the top. */
  transform(rows: readonly (readonly string[])[], utilityRows: number): ChunkOutput;
}

/**
 * Pass two on chunks of rows: pseudonymises, generalises at the chosen levels, leaves out the rows
 * of classes below k and of excluded subjects, and writes each row as one CSV line. The lines of a
 * chunk depend only on the chunk, so any thread may write any chunk: the extract is the same bytes.
 * The rules must have been given the settlements first.
 */
export function createRowTransformer(
  layout: ExtractLayout,
  settings: WriteSettings,
  pseudonymiser: Pseudonymiser,
  isExcludedSubject: ((subject: string) => boolean) | undefined,
): RowTransformer {
  const { rules, ruledIndexes, quasiPositions, rulePositionOf, plan, job } = layout;
  const { subjectIndex } = plan;
  const outputIndexes = plan.output.map((column) => column.index);
  const outputWidth = outputIndexes.length;
  // A rule's level: the chosen one for a quasi-identifier, the policy's own (0) otherwise.
  const levelOfRule = layout.ruled.map((column) =>
    column.quasiIdentifierIndex === undefined ? 0 : settings.levels[column.quasiIdentifierIndex]!,
  );
  const kept = new Set(settings.keptClasses);
  const quasiCount = quasiPositions.length;
  const isParquet = job.outputFormat === 'parquet';
  const lines = createCsvLineBytes();
  const values = new Array<string>(rules.length);
  const utility = layout.utility;

  return {
    transform(rows, utilityRows) {
      const missingCounts = new Array<number>(outputWidth).fill(0);
      const isInteger = new Array<boolean>(outputWidth).fill(true);
      const isNumber = new Array<boolean>(outputWidth).fill(true);
      const sample: UtilitySample = { original: [], extract: [], labels: [], subjects: [] };
      const before = pseudonymiser.counts();
      let rowsWritten = 0;

      for (const row of rows) {
        if (
          isExcludedSubject !== undefined &&
          subjectIndex !== undefined &&
          isExcludedSubject(row[subjectIndex]!.trim())
        ) {
          continue;
        }
        for (let j = 0; j < rules.length; j++) {
          values[j] = rules[j]!.atLevel(
            rules[j]!.base(row[ruledIndexes[j]!]!) ?? '',
            levelOfRule[j]!,
          );
        }
        let isSuppressed = settings.isAllSuppressed;
        if (quasiCount > 0) {
          let key = values[quasiPositions[0]!]!;
          for (let q = 1; q < quasiCount; q++)
            key += classKeySeparator + values[quasiPositions[q]!]!;
          isSuppressed = !kept.has(key);
        }

        let written: string[] | undefined;
        if (!isSuppressed) {
          const isSampled = sample.labels.length < utilityRows;
          if (isSampled) written = new Array<string>(outputWidth);
          for (let c = 0; c < outputWidth; c++) {
            const position = rulePositionOf[c]!;
            const value =
              position < 0
                ? pseudonymiser.pseudonymise(row[outputIndexes[c]!]!)
                : values[position]!;
            if (value === '') missingCounts[c]!++;
            else if (isParquet) noteType(value, c, isInteger, isNumber);
            if (written !== undefined) written[c] = value;
            lines.cell(value, c === 0);
          }
          lines.endLine();
          rowsWritten++;
        }
        if (utility !== undefined && sample.labels.length < utilityRows) {
          const target = row[utility.targetIndex]!.trim();
          if (target !== '' && Number.isFinite(Number(target))) {
            sample.labels.push(Number(target) > utility.above ? 1 : 0);
            sample.subjects.push(subjectIndex === undefined ? '' : row[subjectIndex]!.trim());
            sample.original.push(utility.featureIndexes.map((i) => row[i]!));
            sample.extract.push(
              written === undefined
                ? undefined
                : utility.featureOutputPositions.map((p) => (p < 0 ? '' : written[p]!)),
            );
          }
        }
      }

      const after = pseudonymiser.counts();
      return {
        bytes: lines.take(),
        rowsSeen: rows.length,
        rowsWritten,
        missingCounts,
        isInteger,
        isNumber,
        utility: sample,
        pseudonyms: {
          computed: after.computed - before.computed,
          cached: after.cached - before.cached,
        },
      };
    },
  };
}

function noteType(value: string, column: number, isInteger: boolean[], isNumber: boolean[]): void {
  if (!isNumber[column] || /^-?\d+$/.test(value)) return;
  isInteger[column] = false;
  if (!/^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i.test(value)) isNumber[column] = false;
}
