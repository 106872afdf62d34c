import type { Command } from 'commander';
import { AppError } from '../../core/errors.ts';
import { requireTenant } from '../../service/manageTenants.ts';
import { purgeEventLog } from '../../service/purgeEventLog.ts';
import { verifyEventLog, type VerifyResult } from '../../service/verifyEventLog.ts';
import { parseInteger } from '../options.ts';
import { withStore } from './admin.ts';

const dataDirHelp =
  'the data folder (default: $ABSENCELAB_DATA_DIR or var/data; DATABASE_URL wins)';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('Checks and prunes the event log.');

  audit
    .command('verify')
    .option('--tenant <tenant>', 'one tenant, by name or id (default: every tenant)')
    .option('--json', 'print the result as JSON')
    .option('--data-dir <dir>', dataDirHelp)
    .description(
      'Checks the hash chain of the event log; names the first broken entry and exits non-zero.',
    )
    .action(async (options: Record<string, unknown>) => {
      const results = await withStore(options['dataDir'], async (store) => {
        const tenant = options['tenant'];
        const tenants =
          typeof tenant === 'string'
            ? [await requireTenant(store, tenant)]
            : await store.listTenants();
        const checked: (VerifyResult & { tenant: string })[] = [];
        for (const t of tenants)
          checked.push({ ...(await verifyEventLog(store, t.id)), tenant: t.name });
        return checked;
      });
      if (options['json'] === true) {
        process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      } else {
        if (results.length === 0) {
          process.stderr.write('The database has no tenant, so no event log to verify.\n');
        }
        for (const r of results) {
          const range = r.checkedEntries === 0 ? '' : ` (${r.anchorSeq + 1}-${r.headSeq})`;
          process.stdout.write(
            r.isIntact
              ? `${r.tenant}: intact, ${r.checkedEntries} entries${range}, head ${r.headHash}\n`
              : `${r.tenant}: BROKEN at entry ${r.broken?.seq ?? '?'}: ${r.broken?.description ?? ''}\n`,
          );
        }
      }
      const broken = results.filter((r) => !r.isIntact);
      if (broken.length > 0) {
        throw new AppError(
          'TAMPERED',
          `The event log of ${broken.map((r) => r.tenant).join(', ')} does not verify.`,
          broken.map((r) => ({
            field: `${r.tenant} entry ${r.broken?.seq ?? '?'}`,
            message: r.broken?.description ?? '',
          })),
        );
      }
    });

  audit
    .command('purge')
    .requiredOption('--older-than-months <months>', 'delete entries older than this; at least 6')
    .option('--tenant <tenant>', 'one tenant, by name or id (default: every tenant)')
    .option('--data-dir <dir>', dataDirHelp)
    .description('Deletes old event log entries; the rest still verifies from an anchor hash.')
    .action(async (options: Record<string, unknown>) => {
      const months = parseInteger(String(options['olderThanMonths']), '--older-than-months');
      await withStore(options['dataDir'], async (store) => {
        const tenant = options['tenant'];
        const tenants =
          typeof tenant === 'string'
            ? [await requireTenant(store, tenant)]
            : await store.listTenants();
        for (const t of tenants) {
          const result = await purgeEventLog(store, t.id, months, new Date());
          process.stdout.write(
            `${t.name}: purged ${result.purgedEvents} entries, ${result.purgedDecisions} decisions, ` +
              `${result.purgedContests} closed contests and ${result.purgedWithdrawals} withdrawn ` +
              `objections before ${result.cutoff}; chain anchored at entry ${result.anchorSeq}\n`,
          );
        }
      });
    });
}
