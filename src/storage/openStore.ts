import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../core/errors.ts';
import type { Store } from '../service/store.ts';
import type { Database } from './databaseSchema.ts';
import { withCachedStatements } from './cachedStatements.ts';
import { kyselyStore } from './kyselyStore.ts';
import { migrations } from './migrations.ts';

export const defaultDataDir = fileURLToPath(new URL('../../var/data/', import.meta.url));
export const sqliteFileName = 'absencelab.sqlite';

export interface StoreOptions {
  /** `postgres://...`: use PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}

/** `DATABASE_URL` and `ABSENCELAB_DATA_DIR`, as the service and the CLI read them. */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreOptions {
  return { databaseUrl: env['DATABASE_URL'], dataDir: env['ABSENCELAB_DATA_DIR'] };
}

/** Opens the database, creating it when new, and brings its schema to the latest migration. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const url = options.databaseUrl;
  let db: Kysely<Database>;
  let dialect: Store['dialect'];
  if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new AppError('INVALID_CONFIG', 'DATABASE_URL is not a PostgreSQL URL.', [
        {
          field: 'DATABASE_URL',
          message: 'must start with postgres://',
          hint: 'Unset it to use SQLite.',
        },
      ]);
    }
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }),
    });
    dialect = 'postgres';
  } else {
    const dataDir = options.dataDir ?? defaultDataDir;
    // Owner only: the database holds tokens' hashes and the tenants' pseudonym keys.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const database = new SQLite(join(dataDir, sqliteFileName));
    // WAL lets readers go on while the event log writes; NORMAL syncs at checkpoints, which
    // in WAL mode can lose the last transactions on power loss but never corrupts the file.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
    db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withCachedStatements(database) }),
    });
    dialect = 'sqlite';
  }

  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) {
    await db.destroy();
    // Unexpected: the detail goes up to the caller's log (CLI: ABSENCELAB_DEBUG=1).
    throw error;
  }
  return kyselyStore(db, dialect);
}
