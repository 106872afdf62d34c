import type { Language } from '../features/featureSpec.ts';
import { modules } from '../service/purposeRegister.ts';
import type { AccountabilityInputs } from './accountabilityInputs.ts';
import { buildDpiaDraft, renderDpiaDraft } from './dpiaDraft.ts';
import { renderInstructionsForUse } from './instructionsForUse.ts';
import { buildProcessingRecord, renderProcessingRecord } from './processingRecord.ts';
import { renderTransparencyText } from './transparencyText.ts';

export interface GeneratedDocument {
  fileName: string;
  content: string;
}

const languages: readonly Language[] = ['nl', 'en'];

/**
 * Every accountability document, generated from the configuration alone: the record of
 * processing and the DPIA draft (Markdown and JSON), a transparency text per module and language,
 * and instructions for use per current model. Regenerate after any change to the register or the
 * models; the documents never hold a personal value.
 */
export function generateDocuments(inputs: AccountabilityInputs): GeneratedDocument[] {
  const record = buildProcessingRecord(inputs);
  const dpia = buildDpiaDraft(inputs);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return [
    { fileName: 'record-of-processing.md', content: renderProcessingRecord(record) },
    { fileName: 'record-of-processing.json', content: json(record) },
    { fileName: 'dpia-draft.md', content: renderDpiaDraft(dpia) },
    { fileName: 'dpia-draft.json', content: json(dpia) },
    ...modules.flatMap((module) =>
      languages.map((language) => ({
        fileName: `transparency-${module}.${language}.md`,
        content: renderTransparencyText(inputs, module, language),
      })),
    ),
    ...inputs.models.map((model) => ({
      fileName: `instructions-for-use-${model.modelVersion}.md`,
      content: renderInstructionsForUse(model),
    })),
  ];
}
