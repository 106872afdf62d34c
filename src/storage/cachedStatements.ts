import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Enough for every query shape the service runs, including batch inserts of many sizes. */
const maxCachedStatements = 256;

/**
 * Kysely's SQLite driver prepares every query anew; preparing cost a sixth of a prediction's
 * time in a profile. This keeps prepared statements by their SQL text (least recently used
 * out first). Statements are reused one at a time: the driver runs one query at a time.
 */
export function withCachedStatements(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        if (cache.size >= maxCachedStatements) cache.delete(cache.keys().next().value!);
      } else {
        cache.delete(sql);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
