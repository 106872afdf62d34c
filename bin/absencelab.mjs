#!/usr/bin/env node
// Runs the TypeScript CLI directly; tsx compiles each module as it is loaded.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
