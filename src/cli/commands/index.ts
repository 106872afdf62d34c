import type { Command } from 'commander';

export interface CommandModule {
  name: string;
  /** Imports the command's module and returns the function that adds it to the program. */
  load(): Promise<(program: Command) => void>;
}

/**
 * Every command, in the order of `--help`, each loaded only when asked for: importing all of
 * them took about 1.6 CPU-s of every start, most of it in modules the command run never uses.
 */
export const commandModules: readonly CommandModule[] = [
  { name: 'evaluate', load: async () => (await import('./evaluate.ts')).registerEvaluate },
  { name: 'train', load: async () => (await import('./train.ts')).registerTrain },
  { name: 'predict', load: async () => (await import('./predict.ts')).registerPredict },
  { name: 'serve', load: async () => (await import('./serve.ts')).registerServe },
  { name: 'admin', load: async () => (await import('./admin.ts')).registerAdmin },
  { name: 'audit', load: async () => (await import('./audit.ts')).registerAudit },
  { name: 'docs', load: async () => (await import('./docs.ts')).registerDocs },
  { name: 'subject', load: async () => (await import('./subject.ts')).registerSubject },
  { name: 'synth', load: async () => (await import('./synth.ts')).registerSynth },
  { name: 'backtest', load: async () => (await import('./backtest.ts')).registerBacktest },
  { name: 'forecast', load: async () => (await import('./forecast.ts')).registerForecast },
  {
    name: 'pseudonymise',
    load: async () => (await import('./pseudonymise.ts')).registerPseudonymise,
  },
  { name: 'keygen', load: async () => (await import('./keygen.ts')).registerKeygen },
];

/**
 * The commands to load for a command line: only the one it names, or all of them for anything
 * else (`--help`, `help`, a typo), so that help lists every command and suggests the right one.
 */
export function commandsFor(argv: readonly string[]): readonly CommandModule[] {
  const named = commandModules.filter((command) => command.name === argv[2]);
  return named.length === 1 ? named : commandModules;
}
