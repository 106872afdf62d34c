import type { FeatureSpec } from '../../features/featureSpec.ts';
import type { SurvivalEvaluation } from './evaluateSurvival.ts';
import type { SurvivalModel } from './survivalModel.ts';

/**
 * The model card written beside every trained model: what it is for and not for, the data and
 * period, every metric of the temporal validation with its interval, the results per group, and
 * the limits. It doubles as the instructions for use for professionals (AI Act art. 13).
 */
export interface ModelCard {
  modelVersion: string;
  createdAt: string;
  context: SurvivalModel['context'];
  intendedUse: string[];
  misuse: string[];
  data: {
    trainingEpisodes: number;
    endedEpisodes: number;
    firstReport: string;
    lastReport: string;
    observedUntil: string;
  };
  features: { name: string; contexts: readonly string[] }[];
  validation: SurvivalEvaluation;
  limits: string[];
}

export function buildModelCard(
  model: SurvivalModel,
  features: readonly FeatureSpec[],
  validation: SurvivalEvaluation,
): ModelCard {
  return {
    modelVersion: model.modelVersion,
    createdAt: model.createdAt,
    context: model.context,
    intendedUse: [
      'Give a case manager or occupational physician an early indication of how long a sick-leave ' +
        'episode may last, at the legal milestones of 6, 13, 42, 52 and 104 weeks, with the ' +
        'factors behind it.',
      'Help plan attention (for example an early consultation) for episodes with a high indication.',
      `Use only in the ${model.context} context, for which its features are lawful.`,
    ],
    misuse: [
      'Deciding anything about an employee on the indication alone: a professional decides, and ' +
        'records their own decision apart from the indication (GDPR art. 22).',
      'Judging, selecting, dismissing or pressuring employees, or ranking them against each other.',
      'Use outside the population and period it was trained on without validating it again.',
      model.context === 'employer'
        ? 'Adding medical information: the employer context may never see a diagnosis.'
        : 'Showing the factors to the employer: this model reads medical information.',
    ],
    data: {
      trainingEpisodes: model.training.episodes,
      endedEpisodes: model.training.ended,
      firstReport: model.training.firstReport,
      lastReport: model.training.lastReport,
      observedUntil: model.training.observedUntil,
    },
    features: features.map((spec) => ({ name: spec.name, contexts: spec.contexts })),
    validation,
    limits: [
      'Validated on the last year of the data only: 52- and 104-week outcomes cannot be observed ' +
        'there, so those horizons have no measured discrimination.',
      'Probabilities within an interval between milestones follow the population curve, not the ' +
        'individual: the median and its interval are approximate.',
      'Groups below the minimum size have no figures: their results are too uncertain to read.',
      'Automation bias: an indication can look more certain than it is. Read the interval and the ' +
        'factors, and weigh what the model cannot know (the conversation with the employee).',
    ],
  };
}

const percent = (value: number | null | undefined): string =>
  value === null || value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(3);

/** The card as Markdown, for people. */
export function renderModelCard(card: ModelCard): string {
  const v = card.validation;
  const horizons = v.horizons.map(
    (h) =>
      `| ${h.weeks} | ${h.n} | ${h.positives} | ${percent(h.auc)} (${percent(h.auc95[0])}-${percent(h.auc95[1])}) | ` +
      `${h.oracleAuc === undefined ? '' : percent(h.oracleAuc)} | ${percent(h.brier)} | ` +
      `${h.calibration === null ? 'n/a' : `${h.calibration.slope.toFixed(2)} / ${h.calibration.intercept.toFixed(2)}`} |`,
  );
  const groups = v.groups.map(
    (g) =>
      `| ${g.group} | ${g.value} | ${g.n} | ${g.positives} | ` +
      (g.isBelowMinimum
        ? 'below minimum size | | |'
        : `${percent(g.auc)} (${percent(g.auc95?.[0])}-${percent(g.auc95?.[1])}) | ${percent(g.observedRate)} | ${percent(g.meanPredicted)} |`),
  );
  const sixWeeks = v.horizons[0]!;
  const thresholds = sixWeeks.thresholds.map(
    (t) =>
      `| ${t.cutoff} | ${percent(t.flaggedShare)} | ${percent(t.sensitivity)} | ${percent(t.falseAlarmRate)} | ${percent(t.ppv)} |`,
  );
  const baselines = v.baselines.map(
    (b) =>
      `| ${b.model} | ${b.horizons.map((h) => `${h.weeks} wk: ${percent(h.auc)}`).join(', ')} | ` +
      `${b.integratedBrier === undefined ? '' : percent(b.integratedBrier)} |`,
  );
  return [
    `# Model card: ${card.modelVersion}`,
    '',
    `Context: **${card.context}**. Created ${card.createdAt}. A discrete-time hazard model (boosted ` +
      'trees) of how long a sick-leave episode lasts. **It gives an indication for a professional, ' +
      'who decides. It never decides.**',
    '',
    '## Intended use',
    ...card.intendedUse.map((line) => `- ${line}`),
    '',
    '## Not for',
    ...card.misuse.map((line) => `- ${line}`),
    '',
    '## Data',
    `- ${card.data.trainingEpisodes} sick reports (${card.data.endedEpisodes} ended), reported ` +
      `${card.data.firstReport} to ${card.data.lastReport}, observed until ${card.data.observedUntil}.`,
    `- Features (${card.features.length}): ${card.features.map((f) => f.name).join(', ')}.`,
    '',
    '## Validation',
    `Trained on reports up to ${v.split.trainUntil} (${v.split.trainEpisodes}), tested on reports ` +
      `${v.split.testFrom} to ${v.split.testUntil} (${v.split.testEpisodes}). Concordance ` +
      `${percent(v.concordance)}; integrated Brier score ${percent(v.integratedBrier)}.`,
    '',
    '| weeks | n | longer | AUC (95% CI) | oracle AUC | Brier | calibration slope / intercept |',
    '|---|---|---|---|---|---|---|',
    ...horizons,
    '',
    '### How to read a cut-off (more than 6 weeks)',
    '',
    '| cut-off | share flagged | long cases found | false-alarm rate | flagged that were long |',
    '|---|---|---|---|---|',
    ...thresholds,
    '',
    '### Per group (more than 6 weeks)',
    '',
    '| group | value | n | longer | AUC (95% CI) | observed share | mean indication |',
    '|---|---|---|---|---|---|---|',
    ...groups,
    '',
    '### Baselines',
    '',
    '| model | AUC | integrated Brier |',
    '|---|---|---|',
    ...baselines,
    '',
    '## How to read the factors',
    'Each indication lists the factors that moved it most, against the average case, in percentage ' +
      'points; the base value plus all contributions is exactly the indication. A factor says what ' +
      'the model used, not what causes the absence.',
    '',
    '## Limits',
    ...card.limits.map((line) => `- ${line}`),
    '',
  ].join('\n');
}
