import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { commandModules, commandsFor } from '../../src/cli/commands/index.ts';

test('each command module registers exactly the command it is named after', async () => {
  for (const command of commandModules) {
    const program = new Command();
    (await command.load())(program);
    assert.deepEqual(
      program.commands.map((registered) => registered.name()),
      [command.name],
    );
  }
});

test('commandsFor loads only the named command, and every command for help or a typo', () => {
  const names = (argv: string[]) => commandsFor(['node', 'absencelab', ...argv]).map((c) => c.name);
  assert.deepEqual(names(['pseudonymise', '--in', 'a.csv']), ['pseudonymise']);
  assert.deepEqual(names(['train', '--help']), ['train']);
  const all = commandModules.map((c) => c.name);
  assert.equal(all.length, 13);
  assert.deepEqual(names(['--help']), all);
  assert.deepEqual(names(['help', 'train']), all);
  assert.deepEqual(names(['trian']), all);
  assert.deepEqual(names([]), all);
});
