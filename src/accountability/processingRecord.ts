import { roles } from '../service/roles.ts';
import type { AccountabilityInputs } from './accountabilityInputs.ts';
import { roleDescriptions, securityMeasures, serviceRetention } from './accountabilityFacts.ts';
import { groupFields, type FieldCategory } from './fieldCategories.ts';

/** One processing activity per purpose: the columns of a record of processing. */
export interface ProcessingActivity {
  purposeId: string;
  description: string;
  legalBasis: string;
  modules: string[];
  dataSubjects: string;
  dataCategories: { category: FieldCategory; fields: string[] }[];
  recipients: { role: string; description: string }[];
  contexts: string[];
  retentionMonths: number;
  models: { modelVersion: string; context: string }[];
}

/** Register of processing activities (verwerkingsregister, GDPR art. 30(1)). */
export interface ProcessingRecord {
  kind: 'record-of-processing';
  generatedAt: string;
  controller: { name: string; contact: string };
  activities: ProcessingActivity[];
  roles: { role: string; description: string }[];
  transfersOutsideEea: string;
  serviceRetention: { what: string; period: string }[];
  securityMeasures: string[];
}

export function buildProcessingRecord(inputs: AccountabilityInputs): ProcessingRecord {
  return {
    kind: 'record-of-processing',
    generatedAt: inputs.generatedAt,
    controller: inputs.controller,
    activities: inputs.purposes.purposes.map((purpose) => ({
      purposeId: purpose.id,
      description: purpose.description,
      legalBasis: purpose.legalBasis,
      modules: [...purpose.modules],
      dataSubjects: 'employees of the controller who reported sick, and their earlier absences',
      dataCategories: groupFields(purpose.fields),
      recipients: purpose.roles.map((role) => ({
        role,
        description: roleDescriptions[role].en,
      })),
      contexts: [...purpose.contexts],
      retentionMonths: purpose.retentionMonths,
      models: purpose.modules.includes('absence-predictor')
        ? inputs.models
            .filter((m) => purpose.contexts.includes(m.context))
            .map((m) => ({ modelVersion: m.modelVersion, context: m.context }))
        : [],
    })),
    roles: roles.map((role) => ({ role, description: roleDescriptions[role].en })),
    transfersOutsideEea:
      'None by the software: it runs on the controller’s own servers and calls no outside service. Check the hosting.',
    serviceRetention: serviceRetention.map((r) => ({ what: r.what, period: r.period })),
    securityMeasures: [...securityMeasures],
  };
}

export function renderProcessingRecord(record: ProcessingRecord): string {
  const lines = [
    '# Record of processing activities (GDPR art. 30)',
    '',
    `Generated ${record.generatedAt} from the purpose register, the feature catalogue and the current models. Controller: ${record.controller.name}. Contact: ${record.controller.contact}.`,
    '',
  ];
  for (const a of record.activities) {
    lines.push(
      `## Purpose \`${a.purposeId}\``,
      '',
      `- **Purpose:** ${a.description}`,
      `- **Legal basis:** ${a.legalBasis}`,
      `- **Modules:** ${a.modules.join(', ')}; contexts: ${a.contexts.join(', ')}`,
      `- **Data subjects:** ${a.dataSubjects}`,
      `- **Recipients (roles):** ${a.recipients.map((r) => r.role).join(', ')}`,
      `- **Retention:** ${a.retentionMonths} months`,
      `- **Current models:** ${a.models.length === 0 ? 'none (aggregates only or no model loaded)' : a.models.map((m) => `${m.modelVersion} (${m.context})`).join(', ')}`,
      '',
      '| category of personal data | fields |',
      '|---|---|',
      ...a.dataCategories.map(
        (g) => `| ${g.category} | ${g.fields.map((f) => `\`${f}\``).join(', ')} |`,
      ),
      '',
    );
  }
  lines.push(
    '## Roles',
    '',
    ...record.roles.map((r) => `- \`${r.role}\`: ${r.description}`),
    '',
    '## Retention of what the service keeps',
    '',
    '| what | kept |',
    '|---|---|',
    ...record.serviceRetention.map((r) => `| ${r.what} | ${r.period} |`),
    '',
    '## Transfers outside the EEA',
    '',
    record.transfersOutsideEea,
    '',
    '## Security measures (art. 32)',
    '',
    ...record.securityMeasures.map((m) => `- ${m}`),
    '',
  );
  return lines.join('\n');
}
