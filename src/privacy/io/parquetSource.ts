import { DuckDBInstance } from '@duckdb/node-api';
import { stat } from 'node:fs/promises';
import type { TableSource } from './tableSource.ts';

/**
 * A Parquet file through DuckDB (its parquet reader is built in, no extension to download). Every
 * column is cast to text in SQL, so that dates come out as YYYY-MM-DD like in a CSV export.
 */
export function parquetSource(path: string): TableSource {
  return {
    format: 'parquet',
    async open(onBytesRead) {
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      const sql = 'SELECT CAST(COLUMNS(*) AS VARCHAR) FROM read_parquet($1)';
      const result = await connection.stream(sql, [path]);
      const header = result.columnNames();
      const totalBytes = (await stat(path)).size;

      async function* batches() {
        let rowNumber = 1;
        try {
          for await (const chunk of result.yieldRows()) {
            const rows = chunk.map((row) =>
              row.map((value) => (value === null ? '' : String(value))),
            );
            const rowNumbers = rows.map(() => ++rowNumber);
            yield { rows, rowNumbers };
          }
          onBytesRead?.(totalBytes);
        } finally {
          connection.closeSync();
          instance.closeSync();
        }
      }
      return { header, batches: batches() };
    },
  };
}
