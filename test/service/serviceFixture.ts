import type { FastifyInstance } from 'fastify';
import type { LinearModel } from '../../src/absence/linearModel.ts';
import { linearScorer } from '../../src/absence/scoreLinear.ts';
import { trainLinearModel } from '../../src/absence/trainLinearModel.ts';
import { loadUciProblem, uciDefaultBands, uciFeaturesFor } from '../../src/absence/uciPipeline.ts';
import { uciTarget } from '../../src/absence/uciTarget.ts';
import type { Context } from '../../src/features/contexts.ts';
import type { ScoringCase } from '../../src/features/scoringCase.ts';
import { recordActivation } from '../../src/accountability/activation.ts';
import { buildApp } from '../../src/http/buildApp.ts';
import { loggerOptions } from '../../src/http/loggerOptions.ts';
import { createServiceDeps } from '../../src/service/createServiceDeps.ts';
import { createTenant, createUser } from '../../src/service/manageTenants.ts';
import { loadPurposeRegister } from '../../src/service/purposeRegister.ts';
import { registerModels } from '../../src/service/registerModels.ts';
import { roles, type Role } from '../../src/service/roles.ts';
import type { ServiceDeps } from '../../src/service/serviceDeps.ts';
import type { Store } from '../../src/service/store.ts';
import { projectRoot, uciFile } from '../support/paths.ts';

export const problem = await loadUciProblem(uciFile);
export const purposesFile = `${projectRoot}config/purposes.json`;
export const purposes = await loadPurposeRegister(purposesFile);

function train(context: Context): LinearModel {
  return trainLinearModel({
    ...problem,
    features: uciFeaturesFor(context),
    context,
    catalogue: 'uci',
    target: uciTarget,
    bands: uciDefaultBands,
    seed: 1,
  });
}

export const models = {
  employer: train('employer'),
  'occupational-physician': train('occupational-physician'),
};
export const scorers = {
  employer: linearScorer(models.employer),
  'occupational-physician': linearScorer(models['occupational-physician']),
};

export interface TestTenant {
  id: string;
  name: string;
  tokens: Record<Role, string>;
}

export interface TestService {
  app: FastifyInstance;
  deps: ServiceDeps;
  /** The service's clock; tests move it to make entries old. */
  clock: { now: Date };
  logLines: string[];
  tenants: { a: TestTenant; b: TestTenant };
  close(): Promise<void>;
}

/** The activation every test tenant records; a scenario removes it to see scoring refused. */
export const activatedOn = { dpiaCompletedOn: '2026-05-01', worksCouncilInformedOn: '2026-05-15' };

/** A service on the given store with two tenants, each with a user per role. */
export async function startTestService(store: Store): Promise<TestService> {
  const clock = { now: new Date('2026-06-15T10:00:00Z') };
  await registerModels(store, Object.values(models), clock.now);
  const deps = createServiceDeps({ store, purposes, scorers, now: () => clock.now });
  const logLines: string[] = [];
  const app = buildApp({ deps, logger: loggerOptions({ write: (line) => logLines.push(line) }) });
  const tenant = async (name: string): Promise<TestTenant> => {
    const created = await createTenant(store, name, clock.now);
    await recordActivation(store, created.id, activatedOn, clock.now);
    const tokens: Partial<Record<Role, string>> = {};
    for (const role of roles)
      tokens[role] = (await createUser(store, created.id, role, clock.now)).token;
    return { id: created.id, name, tokens: tokens as Record<Role, string> };
  };
  const tenants = { a: await tenant('tenant-a'), b: await tenant('tenant-b') };
  return {
    app,
    deps,
    clock,
    logLines,
    tenants,
    async close() {
      await app.close();
      await deps.eventLog.drain();
      await store.close();
    },
  };
}

/** A case of the bundled data as a client sends it, plain JSON. */
export function requestCase(index: number): Record<string, unknown> {
  const c: ScoringCase = problem.cases[index]!;
  return JSON.parse(
    JSON.stringify({
      caseId: c.caseId,
      employee: c.employee,
      episode: c.episode,
      history: c.history,
    }),
  ) as Record<string, unknown>;
}
