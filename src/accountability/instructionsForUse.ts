import type { ModelSummary } from './modelSummary.ts';
import { featureWords, findFeature } from './featureWords.ts';

const fixed3 = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(3));
const ci = (v: [number, number] | null): string =>
  v === null ? '' : ` (95% CI ${v[0].toFixed(3)}-${v[1].toFixed(3)})`;

/** Instructions for use for professionals (AI Act art. 13), generated from a model's card. */
export function renderInstructionsForUse(model: ModelSummary): string {
  const accuracy =
    model.accuracy.length === 0
      ? [
          'The card of this model holds no measured accuracy per horizon; ask for the evaluation (`absencelab evaluate`) before relying on it.',
        ]
      : [
          '| horizon | n | long | AUC |',
          '|---|---|---|---|',
          ...model.accuracy.map(
            (a) => `| ${a.horizon} | ${a.n} | ${a.positives} | ${fixed3(a.auc)}${ci(a.auc95)} |`,
          ),
        ];
  const groups =
    model.groups.length === 0
      ? [
          'The card of this model holds no results per group (age band, sex, contract): its fairness across groups is not measured.',
        ]
      : [
          '| group | value | n | AUC |',
          '|---|---|---|---|',
          ...model.groups.map(
            (g) =>
              `| ${g.group} | ${g.value} | ${g.n} | ${g.isBelowMinimum ? 'too few to measure' : `${fixed3(g.auc)}${ci(g.auc95)}`} |`,
          ),
        ];
  return [
    `# Instructions for use: ${model.modelVersion}`,
    '',
    `A ${model.kind} model for the **${model.context}** context${model.target === undefined ? '' : `; it estimates ${model.target}`}. Trained on ${model.training}.`,
    '',
    '## Intended use',
    '',
    ...model.intendedUse.map((u) => `- ${u}`),
    '',
    '## Not for',
    '',
    ...model.notFor.map((u) => `- ${u}`),
    '',
    '## Accuracy per horizon',
    '',
    ...accuracy,
    '',
    '## Accuracy per group',
    '',
    ...groups,
    '',
    '## What the model looks at',
    '',
    ...model.features.map((name) => {
      const spec = findFeature(name, model.catalogue);
      return `- ${spec === undefined ? name : featureWords(spec, 'en')} (\`${name}\`)`;
    }),
    '',
    '## How to read the factors',
    '',
    'Each indication lists the factors that moved it most against the average case, in percentage points. The base value plus all contributions is exactly the indication. A factor says what the model used, not what causes the absence, and not what the employee did wrong.',
    '',
    '## Automation bias',
    '',
    '**You decide, not the model.** An indication can look more certain than it is. Weigh what the model cannot know (the conversation with the employee, their work, their recovery), record your decision with your reason, and deviate whenever your judgement differs. A high indication is a reason for attention, never for a sanction.',
    '',
    '## Limits',
    '',
    ...model.limits.map((l) => `- ${l}`),
    '',
  ].join('\n');
}
