import { Command } from 'commander';
import { runCli } from './runCli.ts';
import { commandsFor } from './commands/index.ts';

// A reader that stops early (`| head`) closes the pipe: stop quietly rather than crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command()
  .name('absencelab')
  .description(
    'Indications of long sickness absence for occupational-health professionals.\n' +
      'An indication informs a professional, who decides; it never decides.',
  )
  .showHelpAfterError();

const registers = await Promise.all(commandsFor(process.argv).map((command) => command.load()));
for (const register of registers) register(program);

await runCli(program, process.argv);
