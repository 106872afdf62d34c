import type { ErrorCode, InputIssue } from '../../core/errors.ts';
import type { CsvChunk } from '../io/openCsvChunks.ts';
import type { TakenClasses } from './createClassCounts.ts';
import type { ExtractJob } from './layOutExtract.ts';
import type { ChunkScan } from './scanRows.ts';
import type { ChunkOutput, WriteSettings } from './transformRows.ts';

/** What the main thread asks of an extract worker; each request is answered once, in order. */
export type ExtractRequest =
  | { kind: 'start'; job: ExtractJob }
  | { kind: 'distinctSubjects'; chunk: CsvChunk }
  | { kind: 'excludeSubjects'; subjects: string[] }
  | { kind: 'scan'; chunk: CsvChunk }
  | { kind: 'takeClasses' }
  | { kind: 'startWrite'; settings: WriteSettings }
  | { kind: 'transform'; chunk: CsvChunk; utilityRows: number };

export interface ExtractResults {
  start: null;
  distinctSubjects: string[];
  excludeSubjects: null;
  scan: ChunkScan;
  takeClasses: TakenClasses[];
  startWrite: null;
  transform: ChunkOutput;
}

/** An AppError as data: code, message and issues, which never hold an input value. */
export interface ExtractFailure {
  code: ErrorCode;
  message: string;
  issues: InputIssue[];
}

export type ExtractReply =
  | { id: number; isOk: true; result: ExtractResults[keyof ExtractResults] }
  | { id: number; isOk: false; failure: ExtractFailure };
