import type { Command } from 'commander';

/** Each command adds itself to the program; the order here is the order in `--help`. */
export const commands: ReadonlyArray<(program: Command) => void> = [];
