// Node 20 does not apply `--import tsx` to a worker's entry module, so this plain-JS entry
// registers the TypeScript loader itself and then loads the real worker.
import { register } from 'tsx/esm/api';

register();
await import('./synthWorkerMain.ts');
