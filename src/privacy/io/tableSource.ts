export type TableFormat = 'csv' | 'xlsx' | 'parquet';

/** Rows of text cells; empty and missing cells are ''. */
export interface RowBatch {
  rows: string[][];
  /** The file row of each row (the header is row 1), for error messages. */
  rowNumbers: number[];
}

export interface OpenedTable {
  header: string[];
  batches: AsyncIterable<RowBatch>;
}

export interface TableSource {
  format: TableFormat;
  /** Opens the table afresh; pseudonymisation reads it twice. */
  open(onBytesRead?: (bytes: number) => void): Promise<OpenedTable>;
}
