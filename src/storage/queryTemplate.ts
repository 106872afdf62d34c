import { createQueryId, type Compilable, type CompiledQuery } from 'kysely';

/** Stands in for the value at `index` of a template's values; typed as the column needs it. */
export type Slot = <T>(index: number) => T;

/** Runs a compiled template with its values. */
export type QueryTemplate<O> = (values: readonly unknown[]) => CompiledQuery<O>;

const slotPrefix = '\u0000absencelab-slot:';

/**
 * A Kysely query built and compiled once and then run with new values. Kysely builds and
 * compiles each query anew, which for the service's small per-request queries cost about as
 * much as SQLite's own work; a template keeps the builder's portable SQL (the same on SQLite
 * and PostgreSQL) and skips the rebuilding. The SQL text stays one string, so the statement
 * cache finds its prepared statement without hashing a new string.
 *
 * `build` gets `slot(i)` in place of each value; every slot becomes a bound parameter, never
 * text in the SQL, and the template refuses a query in which it does not.
 */
export function queryTemplate<O>(build: (slot: Slot) => Compilable<O>): QueryTemplate<O> {
  let slotCount = 0;
  const slot: Slot = <T>(index: number): T => {
    slotCount = Math.max(slotCount, index + 1);
    return `${slotPrefix}${index}` as T;
  };
  const compiled = build(slot).compile();
  if (compiled.sql.includes(slotPrefix)) {
    throw new Error('a query template put a value into its SQL text instead of a parameter');
  }

  // Each parameter is either a slot, read from the values, or a constant of the query.
  const sources = compiled.parameters.map((parameter) =>
    typeof parameter === 'string' && parameter.startsWith(slotPrefix)
      ? { index: Number(parameter.slice(slotPrefix.length)) }
      : { constant: parameter },
  );
  const used = new Set(sources.flatMap((source) => ('index' in source ? [source.index] : [])));
  if (used.size !== slotCount) {
    throw new Error('a query template has a slot that is not a parameter of its query');
  }

  const { sql, query } = compiled;
  return (values) => {
    if (values.length !== slotCount) {
      throw new Error(`a query template takes ${slotCount} values, not ${values.length}`);
    }
    const parameters = sources.map((source) =>
      'index' in source ? values[source.index] : source.constant,
    );
    return { sql, query, queryId: createQueryId(), parameters };
  };
}

/**
 * Templates of one query by its number of rows or list entries, each compiled on first use.
 * Callers keep the sizes few: rows split into powers of two (`powerOfTwoParts`), lists padded
 * to the next power of two (`padToPowerOfTwo`).
 */
export function templatesBySize<O>(
  build: (size: number, slot: Slot) => Compilable<O>,
): (size: number) => QueryTemplate<O> {
  const templates = new Map<number, QueryTemplate<O>>();
  return (size) => {
    let template = templates.get(size);
    if (template === undefined) {
      template = queryTemplate((slot) => build(size, slot));
      templates.set(size, template);
    }
    return template;
  };
}

/** Splits `count` into powers of two, largest first: 13 gives 8, 4, 1. */
export function powerOfTwoParts(count: number): number[] {
  const parts: number[] = [];
  for (let part = 2 ** Math.floor(Math.log2(Math.max(1, count))); part >= 1; part /= 2) {
    if (count >= part) {
      parts.push(part);
      count -= part;
    }
  }
  return parts;
}

/** Pads a list for `IN (...)` to a power of two by repeating its last entry: the same set. */
export function padToPowerOfTwo<T>(list: readonly T[]): T[] {
  if (list.length === 0) return [];
  const size = 2 ** Math.ceil(Math.log2(Math.max(1, list.length)));
  const padded = [...list];
  while (padded.length < size) padded.push(list[list.length - 1]!);
  return padded;
}
