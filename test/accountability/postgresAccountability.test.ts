import pg from 'pg';
import { openStore } from '../../src/storage/openStore.ts';
import { startPostgres } from '../storage/startPostgres.ts';
import { describeAccountabilityOn } from './accountabilityScenarios.ts';

// No skip when PostgreSQL is missing: startPostgres fails with how to install it.
describeAccountabilityOn('PostgreSQL', async () => {
  const server = await startPostgres();
  const store = await openStore({ databaseUrl: server.url });
  return {
    store,
    async execute(sqlText) {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        await client.query(sqlText);
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
});
