export { hmacSha256 } from './hmacSha256.ts';
export { encodeBase32 } from './base32.ts';
export { deriveDomainKey } from './deriveDomainKey.ts';
export { createPseudonymiser, type Pseudonymiser } from './createPseudonymiser.ts';
export {
  createKeyFileText,
  parseKeyFileText,
  readKeyFile,
  writeKeyFile,
  type KeyRing,
} from './keyFile.ts';
export { parsePolicy, policySchema, type Policy } from './policySchema.ts';
export {
  pseudonymiseTable,
  type ProgressEvent,
  type PseudonymiseOutcome,
} from './pseudonymiseTable.ts';
export { buildReport, type PseudonymiseReport } from './buildReport.ts';
export { buildDatasheet, renderDatasheetMarkdown, type Datasheet } from './buildDatasheet.ts';
export { runPseudonymisation, type RunPseudonymisationOptions } from './runPseudonymisation.ts';
