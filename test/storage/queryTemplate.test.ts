import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Database } from '../../src/storage/databaseSchema.ts';
import {
  padToPowerOfTwo,
  powerOfTwoParts,
  queryTemplate,
  templatesBySize,
} from '../../src/storage/queryTemplate.ts';

// Compiling needs no database: Kysely's dummy driver with each dialect's compiler.
const dialects = {
  sqlite: new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgres: new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

for (const [name, db] of Object.entries(dialects)) {
  test(`queryTemplate gives the builder's SQL and parameters for new values (${name})`, () => {
    const template = queryTemplate((slot) =>
      db
        .selectFrom('settings')
        .select(['key', 'value'])
        .where('tenant_id', 'in', [slot<string>(0), '*'])
        .where('key', '=', slot<string>(1)),
    );
    const built = db
      .selectFrom('settings')
      .select(['key', 'value'])
      .where('tenant_id', 'in', ['t-2', '*'])
      .where('key', '=', 'kill-switch')
      .compile();

    const compiled = template(['t-2', 'kill-switch']);

    assert.equal(compiled.sql, built.sql);
    assert.deepEqual(compiled.parameters, ['t-2', '*', 'kill-switch']);
    assert.deepEqual(template(['t-3', 'note']).parameters, ['t-3', '*', 'note']);
  });

  test(`templatesBySize compiles one template per row count (${name})`, () => {
    const insert = templatesBySize((size, slot) =>
      db.insertInto('objections').values(
        Array.from({ length: size }, (_, i) => ({
          tenant_id: slot<string>(i * 5),
          subject_pseudonym: slot<string>(i * 5 + 1),
          id: slot<string>(i * 5 + 2),
          recorded_at: slot<string>(i * 5 + 3),
          user_id: slot<string>(i * 5 + 4),
        })),
      ),
    );
    const values = ['t', 's1', 'o1', '2026-12-04', 'u', 't', 's2', 'o2', '2026-12-04', 'u'];

    const compiled = insert(2)(values);

    assert.equal(insert(2), insert(2));
    assert.deepEqual(compiled.parameters, values);
    assert.equal(compiled.sql.split('values')[1]?.split('(').length, 3);
  });
}

test('queryTemplate refuses a slot that is written into the SQL text', () => {
  const db = dialects.sqlite;
  assert.throws(
    () =>
      queryTemplate((slot) =>
        db
          .selectFrom('users')
          .selectAll()
          .where(sql<boolean>`id = ${sql.lit(slot<string>(0))}`),
      ),
    /SQL text/,
  );
});

test('queryTemplate refuses values of the wrong count', () => {
  const template = queryTemplate((slot) =>
    dialects.sqlite.selectFrom('users').selectAll().where('id', '=', slot<string>(0)),
  );
  assert.throws(() => template([]), /takes 1 values, not 0/);
});

test('powerOfTwoParts splits a count into powers of two, largest first', () => {
  assert.deepEqual(powerOfTwoParts(13), [8, 4, 1]);
  assert.deepEqual(powerOfTwoParts(1), [1]);
  assert.deepEqual(powerOfTwoParts(256), [256]);
  assert.deepEqual(powerOfTwoParts(0), []);
  assert.equal(
    powerOfTwoParts(500).reduce((a, b) => a + b, 0),
    500,
  );
});

test('padToPowerOfTwo repeats the last entry up to a power of two', () => {
  assert.deepEqual(padToPowerOfTwo(['a', 'b', 'c']), ['a', 'b', 'c', 'c']);
  assert.deepEqual(padToPowerOfTwo(['a']), ['a']);
  assert.deepEqual(padToPowerOfTwo(['a', 'b']), ['a', 'b']);
  assert.deepEqual(padToPowerOfTwo([]), []);
});
