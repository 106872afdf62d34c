import type { Command } from 'commander';
import { recordActivation } from '../../accountability/activation.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import { accessReport } from '../../service/accessReport.ts';
import type { Caller } from '../../service/authenticate.ts';
import {
  closeContest,
  contestOutcomes,
  listContests,
  openContest,
} from '../../service/contests.ts';
import { requireTenant } from '../../service/manageTenants.ts';
import { loadPurposeRegister } from '../../service/purposeRegister.ts';
import { recordObjection, withdrawObjection } from '../../service/recordObjection.ts';
import type { DeskDeps } from '../../service/serviceDeps.ts';
import type { ContestOutcome, Store } from '../../service/store.ts';
import { withStore } from './admin.ts';
import { defaultPurposesFile } from './serve.ts';

const dataDirHelp =
  'the data folder (default: $ABSENCELAB_DATA_DIR or var/data; DATABASE_URL wins)';

const employeeIdHelp =
  'the employee id as the customer’s systems know it; - reads it from standard input, which keeps it out of the shell history and the process list';

/** The desk's commands act as the DPO of the tenant: whoever runs them holds the database. */
const cliUserId = 'cli';

export function registerSubject(program: Command): void {
  const subject = program
    .command('subject')
    .description(
      'Activation of a tenant, and the data-subject desk: access reports, objections, contests.',
    );

  subject
    .command('activate')
    .requiredOption('--tenant <tenant>', 'the tenant, by name or id')
    .requiredOption('--dpia-completed <date>', 'the day the DPIA was completed, YYYY-MM-DD')
    .requiredOption(
      '--works-council-informed <date>',
      'the day the works council was informed, YYYY-MM-DD',
    )
    .option('--note <text>', 'a short note, such as where the signed DPIA is kept')
    .option('--data-dir <dir>', dataDirHelp)
    .description(
      'Records that the DPIA is done and the works council informed; scoring needs both.',
    )
    .action(async (options: Record<string, unknown>) => {
      const state = await withStore(options['dataDir'], async (store) => {
        const tenant = await requireTenant(store, String(options['tenant']));
        const note = options['note'];
        return recordActivation(
          store,
          tenant.id,
          {
            dpiaCompletedOn: String(options['dpiaCompleted']),
            worksCouncilInformedOn: String(options['worksCouncilInformed']),
            note: typeof note === 'string' ? note : undefined,
          },
          new Date(),
        ).catch((error: unknown) => {
          throw withOptionNames(error, activationOptions);
        });
      });
      printJson(state);
      process.stderr.write('Scoring is activated for the tenant.\n');
    });

  deskCommand(subject, 'access')
    .requiredOption('--employee-id <id>', employeeIdHelp)
    .description(
      'Prints the access report of one employee (GDPR art. 15): predictions, factors, decisions and reasons, objection, contests.',
    )
    .action(async (options: Record<string, unknown>) => {
      const employeeId = await employeeIdOf(options);
      printJson(await withDesk(options, (deps, caller) => accessReport(deps, caller, employeeId)));
    });

  deskCommand(subject, 'object')
    .requiredOption('--employee-id <id>', employeeIdHelp)
    .description(
      'Records an objection (GDPR art. 21): the employee is no longer scored nor put in research extracts.',
    )
    .action(async (options: Record<string, unknown>) => {
      const employeeId = await employeeIdOf(options);
      const objection = await withDesk(options, (deps, caller) =>
        recordObjection(deps, caller, employeeId),
      );
      printJson(objection);
      process.stderr.write(
        objection.isNew ? 'Objection recorded.\n' : 'The employee had objected before.\n',
      );
    });

  deskCommand(subject, 'withdraw-objection')
    .requiredOption('--employee-id <id>', employeeIdHelp)
    .description(
      'Withdraws an objection at the employee’s request: they are scored and extracted again from now on.',
    )
    .action(async (options: Record<string, unknown>) => {
      const employeeId = await employeeIdOf(options);
      printJson(
        await withDesk(options, (deps, caller) => withdrawObjection(deps, caller, employeeId)),
      );
      process.stderr.write('Objection withdrawn.\n');
    });

  deskCommand(subject, 'contest')
    .requiredOption('--employee-id <id>', employeeIdHelp)
    .requiredOption(
      '--prediction <eventId>',
      'the event id of the prediction, from the access report',
    )
    .requiredOption('--reason <text>', 'what the employee contests and why')
    .description('Opens a human review of one indication, due within one month (GDPR art. 22(3)).')
    .action(async (options: Record<string, unknown>) => {
      const employeeId = await employeeIdOf(options);
      printJson(
        await withDesk(options, (deps, caller) =>
          openContest(deps, caller, {
            employeeId,
            predictionEventId: String(options['prediction']),
            reason: String(options['reason']),
          }),
        ),
      );
    });

  deskCommand(subject, 'contests')
    .description(
      'Lists the contests, overdue ones first; exits with 1 when any is past its deadline, so a scheduled run escalates.',
    )
    .action(async (options: Record<string, unknown>) => {
      const contests = await withDesk(options, (deps, caller) => listContests(deps, caller));
      const overdue = contests.filter((c) => c.status === 'overdue').length;
      printJson({ overdue, contests });
      if (overdue > 0) {
        process.stderr.write(
          `${overdue} contest${overdue === 1 ? ' is' : 's are'} past the one-month deadline: finish the review and answer the employee now.\n`,
        );
        process.exitCode = 1;
      }
    });

  deskCommand(subject, 'close-contest')
    .requiredOption('--contest <id>', 'the contest id')
    .requiredOption('--outcome <outcome>', `one of: ${contestOutcomes.join(', ')}`)
    .requiredOption('--note <text>', 'what the review found; the employee reads it')
    .description('Closes a contest with the outcome of the human review.')
    .action(async (options: Record<string, unknown>) => {
      const outcome = String(options['outcome']);
      if (!(contestOutcomes as readonly string[]).includes(outcome)) {
        throw new AppError('INVALID_ARGUMENT', 'Unknown outcome.', [
          { field: '--outcome', message: `must be one of: ${contestOutcomes.join(', ')}.` },
        ]);
      }
      printJson(
        await withDesk(options, (deps, caller) =>
          closeContest(deps, caller, {
            contestId: String(options['contest']),
            outcome: outcome as ContestOutcome,
            reviewNote: String(options['note']),
          }),
        ),
      );
    });
}

function deskCommand(parent: Command, name: string): Command {
  return parent
    .command(name)
    .requiredOption('--tenant <tenant>', 'the tenant, by name or id')
    .option('--purposes <file>', 'the purpose register', defaultPurposesFile)
    .option('--data-dir <dir>', dataDirHelp);
}

async function withDesk<T>(
  options: Record<string, unknown>,
  work: (deps: DeskDeps, caller: Caller) => Promise<T>,
): Promise<T> {
  const purposes = await loadPurposeRegister(String(options['purposes']));
  return withStore(options['dataDir'], async (store: Store) => {
    const tenant = await requireTenant(store, String(options['tenant']));
    const caller: Caller = { userId: cliUserId, tenantId: tenant.id, role: 'dpo' };
    return work({ store, purposes, now: () => new Date() }, caller);
  });
}

/** The command-line option behind each field of the activation record. */
const activationOptions: Record<string, string> = {
  dpiaCompletedOn: '--dpia-completed',
  worksCouncilInformedOn: '--works-council-informed',
  note: '--note',
};

/** The same error, its issues naming the options a person typed instead of the record's fields. */
function withOptionNames(error: unknown, names: Record<string, string>): unknown {
  if (!isAppError(error)) return error;
  return new AppError(
    error.code,
    error.message,
    error.issues.map((issue) =>
      issue.field === undefined ? issue : { ...issue, field: names[issue.field] ?? issue.field },
    ),
  );
}

/** The id from the option, or from standard input when the option is `-`. */
async function employeeIdOf(options: Record<string, unknown>): Promise<string> {
  const given = String(options['employeeId']);
  if (given !== '-') return given;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
