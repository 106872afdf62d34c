import type { Pseudonymiser } from '../createPseudonymiser.ts';
import { createCsvChunkCells, plainCell, type CsvChunkCells } from '../io/csvChunkCells.ts';
import { createCsvLineBytes, reserveLineBytes } from '../io/csvLineBytes.ts';
import { encodeCsvCell } from '../io/tableSink.ts';
import { classKeySeparator } from '../kAnonymise.ts';
import type { UtilitySample } from '../measureUtility.ts';
import { unreadableCode, type BaseCoder, type ColumnRule } from '../rules/columnRule.ts';
import { createClassTable, type ClassTable } from './createClassTable.ts';
import { createSubjectCell, type SubjectCell } from './createSubjectCell.ts';
import type { ExtractLayout, UtilityLayout } from './layOutExtract.ts';
import {
  createCodedColumns,
  isFiniteNumberCell,
  maxCodesPerColumn,
  type CodedColumns,
} from './scanCsvChunk.ts';
import type { ChunkOutput, WriteSettings } from './transformRows.ts';

export interface CsvChunkTransformer {
  transform(bytes: Uint8Array, utilityRows: number): ChunkOutput;
}

/** An output cell made once per code: its CSV bytes and, for Parquet, what kind of value it is. */
interface CodeOutput {
  bytes: Uint8Array;
  kind: ValueKind;
}

/** As the Parquet writer types a column: integers, other numbers, anything else. */
const enum ValueKind {
  Integer,
  Number,
  Text,
}

/** How an output column is made: a pseudonym, a rule's output per code, or the cell copied. */
const enum OutputKind {
  Pseudonym,
  Coded,
  Copied,
}

/** Codes below this are kept in an array, others (negative week offsets, empty) in a map. */
const denseCodes = 1 << 16;

/** What the per-row loop works on; built once per thread. */
interface TransformState {
  cells: CsvChunkCells;
  coded: CodedColumns;
  subject: SubjectCell | undefined;
  isExcludedSubject: ((subject: string) => boolean) | undefined;
  rules: readonly ColumnRule[];
  coders: readonly BaseCoder[];
  pseudonymiser: Pseudonymiser;
  lines: ReturnType<typeof createCsvLineBytes>;
  outputKinds: OutputKind[];
  outputIndexes: number[];
  rulePositionOf: number[];
  levelOfRule: number[];
  quasiPositions: number[];
  quasiCodes: Int32Array;
  kept: Set<string>;
  isAllSuppressed: boolean;
  table: ClassTable;
  /** Per class of the table: 0 not yet known, 1 kept, 2 suppressed. */
  classState: Uint8Array;
  denseOutputs: (CodeOutput | undefined)[][];
  sparseOutputs: Map<number, CodeOutput>[];
  isParquet: boolean;
  utility: UtilityLayout | undefined;
}

/** What one chunk's rows add up to. */
interface ChunkTotals {
  rowsWritten: number;
  missingCounts: number[];
  isInteger: boolean[];
  isNumber: boolean[];
  sample: UtilitySample;
  utilityRows: number;
}

/**
 * Pass two on a CSV chunk's bytes: what `createRowTransformer` does on rows of text, writing the
 * same lines. Each cell is read as a code and written as the bytes made for that code once; kept
 * cells are copied, pseudonyms copied from the pseudonymiser's cache. Rows taken for the utility
 * check, and cells that are not plain ASCII, go through text as before.
 */
export function createCsvChunkTransformer(
  layout: ExtractLayout,
  settings: WriteSettings,
  coders: readonly BaseCoder[],
  pseudonymiser: Pseudonymiser,
  isExcludedSubject: ((subject: string) => boolean) | undefined,
): CsvChunkTransformer {
  const { rules, quasiPositions, rulePositionOf, plan, job, isCopied } = layout;
  const width = job.header.length;
  const cells = createCsvChunkCells(job.fileName, width);
  const isQuasi = rules.map((_, j) => quasiPositions.includes(j));
  const state: TransformState = {
    cells,
    coded: createCodedColumns(layout, coders, cells),
    subject:
      plan.subjectIndex === undefined ? undefined : createSubjectCell(cells, plan.subjectIndex),
    isExcludedSubject,
    rules,
    coders,
    pseudonymiser,
    lines: createCsvLineBytes(),
    outputKinds: rulePositionOf.map((position) =>
      position < 0
        ? OutputKind.Pseudonym
        : isCopied[position]
          ? OutputKind.Copied
          : OutputKind.Coded,
    ),
    outputIndexes: plan.output.map((column) => column.index),
    rulePositionOf,
    levelOfRule: layout.ruled.map((column) =>
      column.quasiIdentifierIndex === undefined ? 0 : settings.levels[column.quasiIdentifierIndex]!,
    ),
    quasiPositions,
    quasiCodes: new Int32Array(Math.max(1, quasiPositions.length)),
    kept: new Set(settings.keptClasses),
    isAllSuppressed: settings.isAllSuppressed,
    table: createClassTable(quasiPositions.length),
    classState: new Uint8Array(1024),
    denseOutputs: rules.map(() => []),
    sparseOutputs: rules.map(() => new Map()),
    isParquet: job.outputFormat === 'parquet',
    utility: layout.utility,
  };
  const outputWidth = state.outputIndexes.length;

  return {
    transform(bytes, utilityRows) {
      const before = pseudonymiser.counts();
      coders.forEach((coder, j) => {
        // Other columns' codes index per-chunk state only; theirs may start afresh.
        if (!isQuasi[j] && coder.forgetIfLarger?.(maxCodesPerColumn) === true) {
          state.denseOutputs[j] = [];
          state.sparseOutputs[j]!.clear();
        }
      });
      cells.read(bytes);
      const totals: ChunkTotals = {
        rowsWritten: 0,
        missingCounts: new Array<number>(outputWidth).fill(0),
        isInteger: new Array<boolean>(outputWidth).fill(true),
        isNumber: new Array<boolean>(outputWidth).fill(true),
        sample: { original: [], extract: [], labels: [], subjects: [] },
        utilityRows,
      };
      writeRecords(state, state.coded.codeAll(), totals);

      const after = pseudonymiser.counts();
      return {
        bytes: state.lines.take(),
        rowsSeen: cells.count,
        rowsWritten: totals.rowsWritten,
        missingCounts: totals.missingCounts,
        isInteger: totals.isInteger,
        isNumber: totals.isNumber,
        utility: totals.sample,
        pseudonyms: {
          computed: after.computed - before.computed,
          cached: after.cached - before.cached,
        },
      };
    },
  };
}

// Plain functions on the state, not closures over it: V8 compiled the closures' loops to code
// about half as fast, and these run for every row and cell.

function writeRecords(state: TransformState, codes: readonly Int32Array[], totals: ChunkTotals) {
  const { cells, subject, isExcludedSubject, pseudonymiser, lines, utility } = state;
  const { outputKinds, outputIndexes, rulePositionOf } = state;
  const { missingCounts, isInteger, isNumber, sample } = totals;
  const { starts, ends, flags, width } = cells;
  const source = cells.bytes;
  const outputWidth = outputIndexes.length;
  const hasClasses = state.quasiPositions.length > 0;
  const isParquet = state.isParquet;
  const pseudonymLength = pseudonymiser.pseudonymLength;
  // The subject is read for objections and the utility sample only; the pseudonym has its own.
  const readsSubject = isExcludedSubject !== undefined || utility !== undefined;

  for (let r = 0; r < cells.count; r++) {
    if (readsSubject) subject?.advance(r);
    if (isExcludedSubject !== undefined && subject !== undefined) {
      if (isExcludedSubject(subject.text())) continue;
    }
    const isSuppressed = hasClasses ? !isKeptClass(state, codes, r) : state.isAllSuppressed;

    // The utility check's rows keep their values as text.
    const isSampled = sample.labels.length < totals.utilityRows;
    let written: string[] | undefined;
    if (!isSuppressed && !isSampled && !isParquet && cells.hasText[r] === 0) {
      writePlainRecord(state, codes, r, missingCounts);
      totals.rowsWritten++;
    } else if (!isSuppressed) {
      if (isSampled) written = new Array<string>(outputWidth);
      for (let c = 0; c < outputWidth; c++) {
        const kind = outputKinds[c]!;
        const isFirst = c === 0;
        if (kind === OutputKind.Coded) {
          const position = rulePositionOf[c]!;
          const code = codes[position]![r]!;
          const output = outputOf(state, position, code);
          const cell = output.bytes;
          if (cell.length === 0) missingCounts[c]!++;
          else if (isParquet) noteKind(output.kind, c, isInteger, isNumber);
          lines.cellBytes(cell, 0, cell.length, isFirst);
          if (written !== undefined) written[c] = valueOf(state, position, code);
          continue;
        }
        const index = outputIndexes[c]!;
        const at = r * width + index;
        let value: string | undefined;
        if (flags[at] !== plainCell) {
          const text = cells.text(r, index);
          value = kind === OutputKind.Pseudonym ? pseudonymiser.pseudonymise(text) : text;
          lines.cell(value, isFirst);
        } else if (kind === OutputKind.Pseudonym) {
          const place = pseudonymiser.pseudonymiseBytes(source, starts[at]!, ends[at]!);
          if (place < 0) value = '';
          else {
            lines.cellBytes(pseudonymiser.pool(), place, place + pseudonymLength, isFirst);
            if (written !== undefined) {
              value = Buffer.from(
                pseudonymiser.pool().subarray(place, place + pseudonymLength),
              ).toString('latin1');
            }
          }
          if (value === '') lines.cellBytes(source, 0, 0, isFirst);
        } else {
          // A plain kept cell is its own CSV: no comma, quote or line break in it.
          lines.cellBytes(source, starts[at]!, ends[at]!, isFirst);
          if (ends[at] === starts[at]) value = '';
          else if (isParquet || written !== undefined) value = cells.text(r, index);
        }
        if (value === '') missingCounts[c]!++;
        else if (isParquet) {
          // A pseudonym is never a number.
          noteKind(
            value === undefined ? ValueKind.Text : kindOfValue(value),
            c,
            isInteger,
            isNumber,
          );
        }
        if (written !== undefined) written[c] = value ?? cells.text(r, index);
      }
      lines.endLine();
      totals.rowsWritten++;
    }
    if (utility !== undefined && isSampled && isFiniteNumberCell(cells, r, utility.targetIndex)) {
      const target = cells.text(r, utility.targetIndex).trim();
      sample.labels.push(Number(target) > utility.above ? 1 : 0);
      sample.subjects.push(subject === undefined ? '' : subject.text());
      sample.original.push(utility.featureIndexes.map((i) => cells.text(r, i)));
      sample.extract.push(
        written === undefined
          ? undefined
          : utility.featureOutputPositions.map((p) => (p < 0 ? '' : written[p]!)),
      );
    }
  }
}

/**
 * A row whose cells are all plain, written straight into the line buffer: outputs made once per
 * code, the pseudonym from the cache's bytes, kept cells copied. The same bytes as the general
 * path below it, with room checked per cell instead of a call per cell.
 */
function writePlainRecord(
  state: TransformState,
  codes: readonly Int32Array[],
  r: number,
  missingCounts: number[],
): void {
  const { cells, pseudonymiser, outputKinds, outputIndexes, rulePositionOf } = state;
  const out = state.lines.buffer;
  const { starts, ends, width } = cells;
  const source = cells.bytes;
  const pseudonymLength = pseudonymiser.pseudonymLength;
  let bytes = out.bytes;
  let length = out.length;
  for (let c = 0; c < outputIndexes.length; c++) {
    let from: Uint8Array;
    let start: number;
    let end: number;
    const kind = outputKinds[c]!;
    if (kind === OutputKind.Coded) {
      const position = rulePositionOf[c]!;
      from = outputOf(state, position, codes[position]![r]!).bytes;
      start = 0;
      end = from.length;
    } else {
      const at = r * width + outputIndexes[c]!;
      if (kind === OutputKind.Copied) {
        from = source;
        start = starts[at]!;
        end = ends[at]!;
      } else {
        start = pseudonymiser.pseudonymiseBytes(source, starts[at]!, ends[at]!);
        from = pseudonymiser.pool();
        end = start < 0 ? (start = 0) : start + pseudonymLength;
      }
    }
    if (end === start) missingCounts[c]!++;
    if (length + end - start + 2 > bytes.length) {
      out.length = length;
      reserveLineBytes(out, end - start + 2);
      bytes = out.bytes;
    }
    if (c > 0) bytes[length++] = 0x2c;
    for (let i = start; i < end; i++) bytes[length++] = from[i]!;
  }
  bytes[length++] = 0x0a;
  out.length = length;
}

function valueOf(state: TransformState, j: number, code: number): string {
  const base = code === unreadableCode ? '' : state.coders[j]!.baseOfCode(code);
  return state.rules[j]!.atLevel(base, state.levelOfRule[j]!);
}

function outputOf(state: TransformState, j: number, code: number): CodeOutput {
  const isDense = code >= 0 && code < denseCodes;
  let output = isDense ? state.denseOutputs[j]![code] : state.sparseOutputs[j]!.get(code);
  if (output === undefined) {
    const value = valueOf(state, j, code);
    // A plain Uint8Array, as every array the row writer copies from (see readChunk).
    const bytes = new Uint8Array(Buffer.from(encodeCsvCell(value), 'utf8'));
    output = { bytes, kind: kindOfValue(value) };
    if (isDense) state.denseOutputs[j]![code] = output;
    else state.sparseOutputs[j]!.set(code, output);
  }
  return output;
}

/** Whether row `r`'s class at the chosen levels has k; decided once per class of base codes. */
function isKeptClass(state: TransformState, codes: readonly Int32Array[], r: number): boolean {
  const { quasiPositions, quasiCodes } = state;
  const quasiCount = quasiPositions.length;
  for (let q = 0; q < quasiCount; q++) quasiCodes[q] = codes[quasiPositions[q]!]![r]!;
  const index = state.table.indexOf(quasiCodes);
  if (index >= state.classState.length) {
    const larger = new Uint8Array(state.classState.length * 2);
    larger.set(state.classState);
    state.classState = larger;
  }
  if (state.classState[index] === 0) {
    let key = '';
    for (let q = 0; q < quasiCount; q++) {
      if (q > 0) key += classKeySeparator;
      key += valueOf(state, quasiPositions[q]!, quasiCodes[q]!);
    }
    state.classState[index] = state.kept.has(key) ? 1 : 2;
  }
  return state.classState[index] === 1;
}

function kindOfValue(value: string): ValueKind {
  if (/^-?\d+$/.test(value)) return ValueKind.Integer;
  return /^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i.test(value) ? ValueKind.Number : ValueKind.Text;
}

/** As the text path's `noteType`: a column stays integer or number while every value is one. */
function noteKind(kind: ValueKind, column: number, isInteger: boolean[], isNumber: boolean[]) {
  if (!isNumber[column] || kind === ValueKind.Integer) return;
  isInteger[column] = false;
  if (kind === ValueKind.Text) isNumber[column] = false;
}
