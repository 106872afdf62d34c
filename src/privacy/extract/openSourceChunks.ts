import { openCsvChunks } from '../io/openCsvChunks.ts';
import { openTableSource, tableFormatOf } from '../io/openTableSource.ts';
import type { TableFormat } from '../io/tableSource.ts';
import type { SourceChunk } from './chunkRows.ts';

export interface ChunkSource {
  format: TableFormat;
  /** Opens the table afresh; pseudonymisation reads it twice (three times with objections). */
  open(
    onBytesRead?: (bytes: number) => void,
  ): Promise<{ header: string[]; chunks: AsyncIterable<SourceChunk> }>;
}

/**
 * The input as chunks: a CSV file as byte chunks of whole records, to be parsed in any thread; an
 * XLSX or Parquet file as the batches of rows its reader gives on the main thread.
 */
export function openSourceChunks(path: string, csvChunkBytes?: number): ChunkSource {
  const format = tableFormatOf(path, '--in', ['csv', 'xlsx', 'parquet']);
  if (format === 'csv') {
    return {
      format,
      open: (onBytesRead) =>
        openCsvChunks(path, {
          ...(csvChunkBytes === undefined ? {} : { chunkBytes: csvChunkBytes }),
          ...(onBytesRead === undefined ? {} : { onBytesRead }),
        }),
    };
  }
  const source = openTableSource(path);
  return {
    format,
    async open(onBytesRead) {
      const opened = await source.open(onBytesRead);
      return { header: opened.header, chunks: rowChunks(opened.batches) };
    },
  };
}

async function* rowChunks(
  batches: AsyncIterable<{ rows: string[][]; rowNumbers: number[] }>,
): AsyncGenerator<SourceChunk> {
  for await (const batch of batches) {
    yield { kind: 'rows', rows: batch.rows, rowNumbers: batch.rowNumbers };
  }
}
