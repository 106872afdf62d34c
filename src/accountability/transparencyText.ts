import type { Language } from '../features/featureSpec.ts';
import type { Module } from '../service/purposeRegister.ts';
import type { AccountabilityInputs } from './accountabilityInputs.ts';
import { contestDeadlineMonths, roleDescriptions } from './accountabilityFacts.ts';
import { featureWords, findFeature } from './featureWords.ts';
import { fieldCategory } from './fieldCategories.ts';

const categoryWords: Record<Language, Record<string, string>> = {
  en: {},
  nl: {
    'pseudonymous identifiers': 'gepseudonimiseerde nummers',
    'employment and personal circumstances': 'dienstverband en persoonlijke omstandigheden',
    'absence records': 'verzuimgegevens',
    'work performance': 'werkprestaties',
    'health data: diagnosis': 'gezondheidsgegevens: diagnose',
    'health data: measurements and lifestyle': 'gezondheidsgegevens: metingen en leefstijl',
  },
};

const t = {
  en: {
    title: {
      'absence-predictor': 'How we use the AbsencePredictor',
      'caseload-predictor': 'How we use the CaseloadPredictor',
    },
    what: 'What is processed',
    why: 'Why',
    how: 'How the indication is made',
    who: 'Who decides',
    contact: 'Questions and your rights',
    kept: 'kept',
    months: 'months',
    forPurpose: 'For the purpose',
    context: 'context',
    modelUses: (version: string, list: string) =>
      `The current model (${version}) looks at: ${list}.`,
    noModel: 'No model is in use for this context at the moment.',
    howIntro:
      'A statistical model compares your sick report with earlier sick reports and gives a probability that it becomes a long absence, with the factors that raised or lowered it.',
    decides:
      'A professional (your case manager or occupational physician) decides. The indication is advice for them; it never decides by itself, and every decision is recorded with its reason.',
    caseloadEffect:
      'This module counts expected sick reports and long absences per team, to plan the capacity of the occupational health service. It gives no indication about any person and has no effect on you individually. Groups that are too small are merged or left out, so no one can be singled out.',
    contactLine: (c: string) => `Contact: ${c}.`,
    access:
      'You may ask which indications were made about you, when, with which model and factors, and what was decided.',
    object:
      'You may object: from then on you are not scored, and you are left out of future research extracts.',
    contest: (months: number) =>
      `You may contest an indication or a decision based on it: a person reviews it within ${months} month.`,
    roles: 'Who may see it',
  },
  nl: {
    title: {
      'absence-predictor': 'Zo gebruiken wij de AbsencePredictor',
      'caseload-predictor': 'Zo gebruiken wij de CaseloadPredictor',
    },
    what: 'Welke gegevens',
    why: 'Waarom',
    how: 'Hoe de indicatie tot stand komt',
    who: 'Wie beslist',
    contact: 'Vragen en uw rechten',
    kept: 'bewaard',
    months: 'maanden',
    forPurpose: 'Voor het doel',
    context: 'context',
    modelUses: (version: string, list: string) =>
      `Het huidige model (${version}) kijkt naar: ${list}.`,
    noModel: 'Voor deze context is nu geen model in gebruik.',
    howIntro:
      'Een statistisch model vergelijkt uw ziekmelding met eerdere ziekmeldingen en geeft een kans dat het een lang verzuim wordt, met de factoren die die kans verhoogden of verlaagden.',
    decides:
      'Een professional (uw casemanager of bedrijfsarts) beslist. De indicatie is een advies voor hen; zij beslist nooit zelf, en elk besluit wordt met de reden vastgelegd.',
    caseloadEffect:
      'Deze module telt verwachte ziekmeldingen en lange verzuimen per team, om de capaciteit van de arbodienst te plannen. Zij geeft geen indicatie over een persoon en heeft geen gevolgen voor u persoonlijk. Te kleine groepen worden samengevoegd of weggelaten, zodat niemand herkenbaar is.',
    contactLine: (c: string) => `Contact: ${c}.`,
    access:
      'U mag vragen welke indicaties over u zijn gemaakt, wanneer, met welk model en welke factoren, en wat er is besloten.',
    object:
      'U mag bezwaar maken: vanaf dan wordt u niet meer gescoord en blijft u buiten toekomstige onderzoeksextracten.',
    contest: (months: number) =>
      `U mag een indicatie of een besluit dat erop steunt betwisten: een mens beoordeelt dat binnen ${months} maand.`,
    roles: 'Wie het mag zien',
  },
} as const;

/** The transparency text (GDPR art. 13-14) of one module in one language, as Markdown. */
export function renderTransparencyText(
  inputs: AccountabilityInputs,
  module: Module,
  language: Language,
): string {
  const w = t[language];
  const purposes = inputs.purposes.purposes.filter((p) => p.modules.includes(module));
  const lines = [`# ${w.title[module]}`, '', `## ${w.what}`, ''];
  for (const p of purposes) {
    const categories = [...new Set(p.fields.map(fieldCategory))].map(
      (c) => categoryWords[language][c] ?? c,
    );
    lines.push(
      `- ${w.forPurpose} \`${p.id}\` (${p.contexts.join(', ')} ${w.context}): ${categories.join(', ')}; ${w.kept} ${p.retentionMonths} ${w.months}.`,
    );
  }
  lines.push(
    '',
    `## ${w.why}`,
    '',
    ...purposes.map((p) => `- \`${p.id}\`: ${p.description} (${p.legalBasis})`),
    '',
  );
  if (module === 'caseload-predictor') {
    lines.push(`## ${w.how}`, '', w.caseloadEffect, '');
  } else {
    lines.push(`## ${w.how}`, '', w.howIntro, '');
    const usedContexts = [...new Set(purposes.flatMap((p) => p.contexts))];
    for (const context of usedContexts) {
      const model = inputs.models.find((m) => m.context === context);
      const list =
        model === undefined
          ? undefined
          : model.features
              .map((name) => {
                const spec = findFeature(name, model.catalogue);
                return spec === undefined ? name : featureWords(spec, language);
              })
              .join('; ');
      lines.push(
        `- ${context}: ${model === undefined || list === undefined ? w.noModel : w.modelUses(model.modelVersion, list)}`,
      );
    }
    lines.push('', `## ${w.who}`, '', w.decides, '');
  }
  const roles = [...new Set(purposes.flatMap((p) => p.roles))];
  lines.push(`## ${w.roles}`, '', ...roles.map((r) => `- ${roleDescriptions[r][language]}`), '');
  lines.push(
    `## ${w.contact}`,
    '',
    w.contactLine(inputs.controller.contact),
    '',
    `- ${w.access}`,
    `- ${w.object}`,
    ...(module === 'absence-predictor' ? [`- ${w.contest(contestDeadlineMonths)}`] : []),
    '',
  );
  return lines.join('\n');
}
