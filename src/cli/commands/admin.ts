import type { Command } from 'commander';
import { AppError } from '../../core/errors.ts';
import { globalScope, setKillSwitch } from '../../service/killSwitch.ts';
import { createTenant, createUser, requireTenant } from '../../service/manageTenants.ts';
import { isRole, roles } from '../../service/roles.ts';
import type { Store } from '../../service/store.ts';
import { openStore, storeOptionsFromEnv } from '../../storage/openStore.ts';

/** Opens the store named by the environment (and `--data-dir`), runs `work`, always closes it. */
export async function withStore<T>(
  dataDir: unknown,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const env = storeOptionsFromEnv();
  const store = await openStore({
    ...env,
    dataDir: typeof dataDir === 'string' && dataDir !== '' ? dataDir : env.dataDir,
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const dataDirHelp =
  'the data folder (default: $ABSENCELAB_DATA_DIR or var/data; DATABASE_URL wins)';

export function registerAdmin(program: Command): void {
  const admin = program
    .command('admin')
    .description('Tenants, users and the kill switch, on the database of the service.');

  admin
    .command('create-tenant')
    .argument('<name>', 'a short label such as the organisation’s abbreviation; no personal data')
    .option('--data-dir <dir>', dataDirHelp)
    .description('Creates a tenant with its own event log and pseudonym key; prints its id.')
    .action(async (name: string, options: Record<string, unknown>) => {
      const tenant = await withStore(options['dataDir'], (store) =>
        createTenant(store, name, new Date()),
      );
      process.stdout.write(`${tenant.id}\n`);
      process.stderr.write(`Created tenant "${tenant.name}".\n`);
    });

  admin
    .command('create-user')
    .requiredOption('--tenant <tenant>', 'the tenant, by name or id')
    .requiredOption('--role <role>', `one of: ${roles.join(', ')}`)
    .option('--data-dir <dir>', dataDirHelp)
    .description('Creates a user and prints its bearer token once; only a hash of it is kept.')
    .action(async (options: Record<string, unknown>) => {
      const role = String(options['role']);
      if (!isRole(role)) {
        throw new AppError('INVALID_ARGUMENT', 'Unknown role.', [
          { field: '--role', message: `must be one of: ${roles.join(', ')}.` },
        ]);
      }
      const created = await withStore(options['dataDir'], async (store) => {
        const tenant = await requireTenant(store, String(options['tenant']));
        return createUser(store, tenant.id, role, new Date());
      });
      process.stdout.write(`${created.token}\n`);
      process.stderr.write(
        `Created user ${created.userId} (${role}). The token above is shown only now.\n`,
      );
    });

  admin
    .command('kill-switch')
    .argument('<state>', 'on or off')
    .option('--tenant <tenant>', 'one tenant, by name or id; without it, every tenant at once')
    .option('--data-dir <dir>', dataDirHelp)
    .description('Stops (on) or resumes (off) all scoring, for one tenant or for all.')
    .action(async (state: string, options: Record<string, unknown>) => {
      if (state !== 'on' && state !== 'off') {
        throw new AppError('INVALID_ARGUMENT', 'Unknown kill switch state.', [
          { field: 'state', message: 'must be on or off.' },
        ]);
      }
      const scope = await withStore(options['dataDir'], async (store) => {
        const tenant = options['tenant'];
        const target =
          typeof tenant === 'string' ? (await requireTenant(store, tenant)).id : globalScope;
        await setKillSwitch(store, target, state === 'on', new Date());
        return typeof tenant === 'string' ? `tenant ${tenant}` : 'every tenant';
      });
      process.stderr.write(`Kill switch ${state} for ${scope}.\n`);
    });
}
