import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { linearScorer } from '../../src/absence/scoreLinear.ts';
import { trainLinearModel } from '../../src/absence/trainLinearModel.ts';
import { loadUciProblem, uciDefaultBands, uciFeaturesFor } from '../../src/absence/uciPipeline.ts';
import { uciTarget } from '../../src/absence/uciTarget.ts';
import { buildApp } from '../../src/http/buildApp.ts';
import { uciFile } from '../support/paths.ts';

const problem = await loadUciProblem(uciFile);
const model = trainLinearModel({
  ...problem,
  features: uciFeaturesFor('employer'),
  context: 'employer',
  catalogue: 'uci',
  target: uciTarget,
  bands: uciDefaultBands,
  seed: 1,
});
const logLines: string[] = [];
const app = buildApp({
  scorers: { employer: linearScorer(model) },
  pageCases: problem.cases.slice(0, 25),
  logger: {
    level: 'info',
    stream: { write: (line: string) => logLines.push(line) },
  },
});
after(() => app.close());

const someCase = problem.cases[40]!;
const requestCase = {
  caseId: someCase.caseId,
  employee: someCase.employee,
  episode: someCase.episode,
  history: someCase.history,
};

test('POST /v1/absence/predictions returns the same indication as the scorer, additive', async () => {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/absence/predictions',
    payload: { context: 'employer', cases: [requestCase] },
  });
  assert.equal(response.statusCode, 200);
  const body = response.json() as {
    modelVersion: string;
    predictions: {
      caseId: string;
      probability: number;
      baseValue: number;
      band: string;
      isDecision: boolean;
      contributions: Record<string, number>;
      factors: unknown[];
    }[];
  };
  assert.equal(body.modelVersion, model.modelVersion);
  const [prediction] = body.predictions;
  const expected = linearScorer(model).score(someCase);
  assert.equal(prediction?.caseId, someCase.caseId);
  assert.equal(prediction?.probability, expected.probability);
  assert.equal(prediction?.band, expected.band);
  assert.equal(prediction?.isDecision, false);
  assert.equal(prediction?.factors.length, 5);
  const total = Object.values(prediction?.contributions ?? {}).reduce(
    (sum, value) => sum + value,
    prediction?.baseValue ?? 0,
  );
  assert.ok(Math.abs(total - (prediction?.probability ?? 0)) < 1e-9);
});

test('POST /v1/absence/predictions refuses an unknown field with 400, naming it', async () => {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/absence/predictions',
    payload: {
      context: 'employer',
      cases: [{ ...requestCase, employee: { ...requestCase.employee, name: 'Jan Jansen-ZQX' } }],
    },
  });
  assert.equal(response.statusCode, 400);
  const body = response.json() as { error: { code: string; issues: { field: string }[] } };
  assert.equal(body.error.code, 'INVALID_INPUT');
  assert.equal(body.error.issues[0]?.field, 'cases.0.employee');
  assert.equal(response.body.includes('Jan Jansen-ZQX'), false);
});

test('POST /v1/absence/predictions refuses a wrong type without echoing the value', async () => {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/absence/predictions',
    payload: {
      context: 'employer',
      cases: [{ ...requestCase, employee: { ...requestCase.employee, ageYears: 'ZQX-AGE' } }],
    },
  });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /cases\.0\.employee\.ageYears/);
  assert.equal(response.body.includes('ZQX-AGE'), false);
  assert.equal(logLines.join('\n').includes('ZQX-AGE'), false);
});

test('POST /v1/absence/predictions refuses malformed JSON, an empty list and a missing model', async () => {
  const malformed = await app.inject({
    method: 'POST',
    url: '/v1/absence/predictions',
    headers: { 'content-type': 'application/json' },
    payload: '{"context": "employer", "cases": [',
  });
  assert.equal(malformed.statusCode, 400);

  const empty = await app.inject({
    method: 'POST',
    url: '/v1/absence/predictions',
    payload: { context: 'employer', cases: [] },
  });
  assert.equal(empty.statusCode, 400);

  const noModel = await app.inject({
    method: 'POST',
    url: '/v1/absence/predictions',
    payload: { context: 'occupational-physician', cases: [requestCase] },
  });
  assert.equal(noModel.statusCode, 404);
});

test('GET / lists the bundled cases with their indication and factors', async () => {
  const response = await app.inject({ method: 'GET', url: '/?lang=nl' });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /text\/html/);
  assert.equal((response.body.match(/<tr data-case=/g) ?? []).length, 25);
  assert.match(response.body, /Geen besluit/);
  assert.match(response.body, /de indicatie met/);
});
