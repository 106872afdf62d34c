import { rmSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { openStore, sqliteFileName } from '../../src/storage/openStore.ts';
import { temporaryDirectory } from '../support/paths.ts';
import { describeAccountabilityOn } from './accountabilityScenarios.ts';

describeAccountabilityOn('SQLite', async () => {
  const dataDir = temporaryDirectory('accountability');
  const store = await openStore({ dataDir });
  return {
    store,
    async execute(sqlText) {
      const db = new SQLite(join(dataDir, sqliteFileName));
      try {
        db.exec(sqlText);
      } finally {
        db.close();
      }
    },
    async stop() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
