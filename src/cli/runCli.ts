import type { Command } from 'commander';
import { errorCodes, formatError, isAppError } from '../core/errors.ts';

/**
 * Parses and runs the command line. An application error prints its message and exits with the
 * error's code; anything unexpected prints a generic line, with the detail only when asked for.
 */
export async function runCli(program: Command, argv: readonly string[]): Promise<void> {
  // Each command keeps the settings it had when it was added, so every one is told to throw.
  const overrideExit = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(overrideExit);
  };
  overrideExit(program);
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (isCommanderExit(error)) {
      // Help and version end well; an unknown or missing option is a usage error, as ours are.
      process.exitCode = error.exitCode === 0 ? 0 : errorCodes.INVALID_ARGUMENT.exitCode;
      return;
    }
    if (isAppError(error)) {
      process.stderr.write(`absencelab: ${formatError(error)}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write('absencelab: unexpected failure; set ABSENCELAB_DEBUG=1 for details\n');
    if (process.env['ABSENCELAB_DEBUG'] === '1') process.stderr.write(`${String(error)}\n`);
    process.exitCode = 70;
  }
}

function isCommanderExit(error: unknown): error is { exitCode: number; code: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('commander.') &&
    'exitCode' in error &&
    typeof error.exitCode === 'number'
  );
}
