import { catalogues, lawfulFeatures, type CatalogueName } from '../features/catalogue.ts';
import { contexts } from '../features/contexts.ts';
import type { AccountabilityInputs } from './accountabilityInputs.ts';
import { securityMeasures, serviceRetention } from './accountabilityFacts.ts';
import { featureWords, findFeature } from './featureWords.ts';
import { groupFields, isHealthCategory } from './fieldCategories.ts';

export interface DpiaRisk {
  id: string;
  risk: string;
  likelihood: 'low' | 'medium' | 'high';
  severity: 'low' | 'medium' | 'high';
  measures: string[];
}

/** A DPIA draft (GDPR art. 35(7)): for the DPO to complete and sign, never final by itself. */
export interface DpiaDraft {
  kind: 'dpia-draft';
  status: 'draft';
  generatedAt: string;
  controller: { name: string; contact: string };
  description: {
    purposes: { purposeId: string; description: string; roles: string[]; modules: string[] }[];
    models: { modelVersion: string; context: string; kind: string; features: string[] }[];
  };
  necessityAndProportionality: {
    purposes: {
      purposeId: string;
      legalBasis: string;
      retentionMonths: number;
      fieldCount: number;
      healthDataFields: string[];
    }[];
    lawfulFeatures: { catalogue: string; context: string; features: string[] }[];
    retention: { what: string; period: string }[];
  };
  risks: DpiaRisk[];
  measures: string[];
  toComplete: string[];
}

const risks: DpiaRisk[] = [
  {
    id: 'automation-bias',
    risk: 'A professional follows the indication without own judgement, so that the score in effect decides (GDPR art. 22).',
    likelihood: 'medium',
    severity: 'high',
    measures: [
      'Every output is marked as an indication, not a decision.',
      'Decisions are recorded apart, with a reason; follow and deviation rates go to the DPO monthly.',
      'Instructions for use warn against automation bias.',
    ],
  },
  {
    id: 'health-data-to-employer',
    risk: 'Health data (diagnosis, measurements) reach the employer, against the AP rules on sick employees.',
    likelihood: 'low',
    severity: 'high',
    measures: [
      'Employer-context models cannot read health features; medical fields are dropped in that context whatever a purpose lists.',
      'The purpose register refuses medical fields for employer-side roles.',
    ],
  },
  {
    id: 'discrimination',
    risk: 'The indication is worse, or systematically higher, for a group (age, sex, contract).',
    likelihood: 'medium',
    severity: 'high',
    measures: [
      'Model cards report accuracy per group with intervals and a minimum group size.',
      'The kill switch stops scoring at once when a problem is found.',
    ],
  },
  {
    id: 'inaccuracy',
    risk: 'The indication is wrong for a person, and the error affects their guidance.',
    likelihood: 'high',
    severity: 'medium',
    measures: [
      'Each indication carries its factors, adding up exactly to the output.',
      'Employees can see their predictions and contest them; a human review follows within one month.',
    ],
  },
  {
    id: 'function-creep',
    risk: 'Scores are used for selection, dismissal or pay.',
    likelihood: 'low',
    severity: 'high',
    measures: [
      'Every call names a purpose from the register; roles and contexts are checked per call.',
      'The model cards list these uses as not allowed.',
    ],
  },
  {
    id: 're-identification',
    risk: 'Stored logs or research extracts are linked back to a person.',
    likelihood: 'low',
    severity: 'medium',
    measures: [
      'Keyed pseudonyms per tenant and per extract domain; k-anonymity in extracts.',
      'Objected employees are left out of scoring and extracts.',
    ],
  },
];

export function buildDpiaDraft(inputs: AccountabilityInputs): DpiaDraft {
  const words = (name: string, catalogue: CatalogueName | undefined) => {
    const spec = findFeature(name, catalogue);
    return spec === undefined ? name : `${featureWords(spec, 'en')} (\`${name}\`)`;
  };
  return {
    kind: 'dpia-draft',
    status: 'draft',
    generatedAt: inputs.generatedAt,
    controller: inputs.controller,
    description: {
      purposes: inputs.purposes.purposes.map((p) => ({
        purposeId: p.id,
        description: p.description,
        roles: [...p.roles],
        modules: [...p.modules],
      })),
      models: inputs.models.map((m) => ({
        modelVersion: m.modelVersion,
        context: m.context,
        kind: m.kind,
        features: m.features.map((f) => words(f, m.catalogue)),
      })),
    },
    necessityAndProportionality: {
      purposes: inputs.purposes.purposes.map((p) => ({
        purposeId: p.id,
        legalBasis: p.legalBasis,
        retentionMonths: p.retentionMonths,
        fieldCount: p.fields.length,
        healthDataFields: groupFields(p.fields)
          .filter((g) => isHealthCategory(g.category))
          .flatMap((g) => g.fields),
      })),
      lawfulFeatures: (Object.keys(catalogues) as CatalogueName[]).flatMap((catalogue) =>
        contexts.map((context) => ({
          catalogue,
          context,
          features: lawfulFeatures(catalogues[catalogue], context).map((s) => s.name),
        })),
      ),
      retention: serviceRetention.map((r) => ({ what: r.what, period: r.period })),
    },
    risks,
    measures: [...securityMeasures],
    toComplete: [
      'Consult the works council (ondernemingsraad, WOR art. 27) and record the date.',
      'Weigh the residual risks and decide whether prior consultation of the Autoriteit Persoonsgegevens is needed (art. 36).',
      'Sign and date the DPIA; then record its completion date in absencelab to activate scoring.',
    ],
  };
}

export function renderDpiaDraft(dpia: DpiaDraft): string {
  const n = dpia.necessityAndProportionality;
  return [
    '# DPIA draft (GDPR art. 35)',
    '',
    `**Status: draft**, generated ${dpia.generatedAt} for ${dpia.controller.name}. The DPO completes and signs it; this software does not.`,
    '',
    '## 1. Description of the processing',
    '',
    ...dpia.description.purposes.map(
      (p) =>
        `- \`${p.purposeId}\` (${p.modules.join(', ')}; roles ${p.roles.join(', ')}): ${p.description}`,
    ),
    '',
    '### Current models',
    '',
    ...(dpia.description.models.length === 0
      ? ['No model is registered.']
      : dpia.description.models.map(
          (m) =>
            `- **${m.modelVersion}** (${m.kind}, ${m.context} context) uses: ${m.features.join('; ')}.`,
        )),
    '',
    '## 2. Necessity and proportionality',
    '',
    '| purpose | legal basis | fields | health data fields | retention |',
    '|---|---|---|---|---|',
    ...n.purposes.map(
      (p) =>
        `| \`${p.purposeId}\` | ${p.legalBasis} | ${p.fieldCount} | ${p.healthDataFields.length === 0 ? 'none' : p.healthDataFields.map((f) => `\`${f}\``).join(', ')} | ${p.retentionMonths} months |`,
    ),
    '',
    'Features lawful per context (a model of a context refuses every other feature):',
    '',
    ...n.lawfulFeatures.map((l) => `- ${l.catalogue} / ${l.context}: ${l.features.join(', ')}`),
    '',
    'Retention of what the service keeps:',
    '',
    ...n.retention.map((r) => `- ${r.what}: ${r.period}`),
    '',
    '## 3. Risks to the rights and freedoms of employees',
    '',
    '| risk | likelihood | severity | measures |',
    '|---|---|---|---|',
    ...dpia.risks.map(
      (r) => `| ${r.risk} | ${r.likelihood} | ${r.severity} | ${r.measures.join(' ')} |`,
    ),
    '',
    '## 4. Measures',
    '',
    ...dpia.measures.map((m) => `- ${m}`),
    '',
    '## To complete',
    '',
    ...dpia.toComplete.map((t) => `- [ ] ${t}`),
    '',
  ].join('\n');
}
