import type { Command } from 'commander';
import { createKeyFileText, readKeyFile, writeKeyFile } from '../../privacy/keyFile.ts';

export function registerKeygen(program: Command): void {
  program
    .command('keygen')
    .description(
      'Make a pseudonymisation key file: 32 random bytes per key version, mode 0600.\n' +
        'Keep it apart from every extract; whoever holds it can link pseudonyms to people.',
    )
    .requiredOption('--out <file>', 'path of the new key file (refuses to overwrite)')
    .option('--from <file>', 'rotate: copy the versions of this key file and add the next one')
    .action(async (options: { out: string; from?: string }) => {
      const previous = options.from === undefined ? undefined : await readKeyFile(options.from);
      const text = createKeyFileText(previous);
      await writeKeyFile(options.out, text);
      const version = (JSON.parse(text) as { current: string }).current;
      process.stdout.write(`Wrote key file ${options.out} (current version ${version}).\n`);
    });
}
