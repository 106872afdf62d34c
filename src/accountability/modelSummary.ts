import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import { contexts, type Context } from '../features/contexts.ts';
import type { StoredModel } from '../service/store.ts';

/** One measured accuracy: per horizon (weeks) or, for a single-target model, its target. */
export interface AccuracyRow {
  horizon: string;
  n: number;
  positives: number;
  auc: number | null;
  auc95: [number, number] | null;
}

export interface GroupAccuracyRow {
  group: string;
  value: string;
  n: number;
  isBelowMinimum: boolean;
  auc: number | null;
  auc95: [number, number] | null;
}

/** What the documents need of a model, read from its stored card; both card kinds map here. */
export interface ModelSummary {
  modelVersion: string;
  context: Context;
  kind: string;
  createdAt: string;
  catalogue: 'uci' | 'canonical' | undefined;
  target: string | undefined;
  intendedUse: string[];
  notFor: string[];
  features: string[];
  training: string;
  accuracy: AccuracyRow[];
  groups: GroupAccuracyRow[];
  limits: string[];
}

const interval = z.tuple([z.number(), z.number()]).nullable().optional();
const metric = z.number().nullable().optional();

/** The card `src/service/modelCard.ts` writes for a logistic model. */
const linearCardSchema = z.looseObject({
  modelVersion: z.string(),
  kind: z.string(),
  context: z.enum(contexts),
  intendedUse: z.string(),
  notFor: z.array(z.string()),
  target: z.looseObject({ name: z.string(), description: z.string() }),
  features: z.array(z.string()),
  training: z.looseObject({
    n: z.number(),
    positives: z.number(),
    firstMonth: z.string(),
    lastMonth: z.string(),
  }),
  validation: z
    .looseObject({
      n: z.number(),
      positives: z.number(),
      auc: z.number(),
      auc95: interval,
      groups: z.array(
        z.looseObject({
          group: z.string(),
          value: z.string(),
          n: z.number(),
          isBelowMinimum: z.boolean(),
          auc: metric,
          auc95: interval,
        }),
      ),
    })
    .optional(),
  limits: z.array(z.string()),
});

/** The card `src/absence/survival/modelCard.ts` writes for a survival model. */
const survivalCardSchema = z.looseObject({
  modelVersion: z.string(),
  createdAt: z.string(),
  context: z.enum(contexts),
  intendedUse: z.array(z.string()),
  misuse: z.array(z.string()),
  data: z.looseObject({
    trainingEpisodes: z.number(),
    firstReport: z.string(),
    lastReport: z.string(),
  }),
  features: z.array(z.looseObject({ name: z.string() })),
  validation: z.looseObject({
    horizons: z.array(
      z.looseObject({
        weeks: z.number(),
        n: z.number(),
        positives: z.number(),
        auc: metric,
        auc95: interval,
      }),
    ),
    groups: z.array(
      z.looseObject({
        group: z.string(),
        value: z.string(),
        n: z.number(),
        isBelowMinimum: z.boolean(),
        auc: metric,
        auc95: interval,
      }),
    ),
  }),
  limits: z.array(z.string()),
});

const artefactCatalogueSchema = z.looseObject({ catalogue: z.enum(['uci', 'canonical']) });

/** Reads a stored model's card; refuses a card of neither known kind, naming the version. */
export function summariseModel(model: StoredModel): ModelSummary {
  const card: unknown = JSON.parse(model.cardJson);
  const artefact = artefactCatalogueSchema.safeParse(JSON.parse(model.artefactJson));
  const catalogue = artefact.success ? artefact.data.catalogue : undefined;

  const linear = linearCardSchema.safeParse(card);
  if (linear.success) {
    const c = linear.data;
    return {
      modelVersion: c.modelVersion,
      context: c.context,
      kind: c.kind,
      createdAt: model.createdAt,
      catalogue,
      target: c.target.description,
      intendedUse: [c.intendedUse],
      notFor: c.notFor,
      features: c.features,
      training: `${c.training.n} sick reports (${c.training.positives} long), ${c.training.firstMonth} to ${c.training.lastMonth}`,
      // A card without validation (an artefact trained without it) has none to give: the
      // documents then say so.
      accuracy:
        c.validation === undefined
          ? []
          : [
              {
                horizon: c.target.description,
                n: c.validation.n,
                positives: c.validation.positives,
                auc: c.validation.auc,
                auc95: c.validation.auc95 ?? null,
              },
            ],
      groups: (c.validation?.groups ?? []).map((g) => ({
        group: g.group,
        value: g.value,
        n: g.n,
        isBelowMinimum: g.isBelowMinimum,
        auc: g.auc ?? null,
        auc95: g.auc95 ?? null,
      })),
      limits: c.limits,
    };
  }
  const survival = survivalCardSchema.safeParse(card);
  if (survival.success) {
    const c = survival.data;
    const sixWeeks = c.validation.horizons[0];
    return {
      modelVersion: c.modelVersion,
      context: c.context,
      kind: 'discrete-time-hazard',
      createdAt: c.createdAt,
      catalogue: catalogue ?? 'canonical',
      target: 'how long a sick-leave episode lasts, at the legal milestones',
      intendedUse: c.intendedUse,
      notFor: c.misuse,
      features: c.features.map((f) => f.name),
      training: `${c.data.trainingEpisodes} sick reports, ${c.data.firstReport} to ${c.data.lastReport}`,
      accuracy: c.validation.horizons.map((h) => ({
        horizon: `more than ${h.weeks} weeks`,
        n: h.n,
        positives: h.positives,
        auc: h.auc ?? null,
        auc95: h.auc95 ?? null,
      })),
      groups: c.validation.groups.map((g) => ({
        group: `${g.group}${sixWeeks === undefined ? '' : ` (more than ${sixWeeks.weeks} weeks)`}`,
        value: g.value,
        n: g.n,
        isBelowMinimum: g.isBelowMinimum,
        auc: g.auc ?? null,
        auc95: g.auc95 ?? null,
      })),
      limits: c.limits,
    };
  }
  throw new AppError(
    'INVALID_MODEL',
    `The stored card of model ${model.modelVersion} is not readable.`,
    [{ field: 'card_json', message: 'is neither a logistic nor a survival model card.' }],
  );
}

/** The current model per context: the one registered last. */
export function currentModels(models: readonly StoredModel[]): ModelSummary[] {
  const latest = new Map<string, StoredModel>();
  for (const model of models) {
    const seen = latest.get(model.context);
    if (seen === undefined || seen.createdAt <= model.createdAt) latest.set(model.context, model);
  }
  return contexts.flatMap((context) => {
    const model = latest.get(context);
    return model === undefined ? [] : [summariseModel(model)];
  });
}
