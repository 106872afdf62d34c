import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, test } from 'node:test';
import { linearScorer } from '../../src/absence/scoreLinear.ts';
import { buildApp } from '../../src/http/buildApp.ts';
import { loggerOptions } from '../../src/http/loggerOptions.ts';
import { createServiceDeps } from '../../src/service/createServiceDeps.ts';
import { recordActivation } from '../../src/accountability/activation.ts';
import { createTenant, createUser } from '../../src/service/manageTenants.ts';
import { openStore } from '../../src/storage/openStore.ts';
import { temporaryDirectory } from '../support/paths.ts';
import { models, problem, purposes, requestCase } from '../service/serviceFixture.ts';

// Only the employer model is loaded, to show the answer when a context has none.
const dataDir = temporaryDirectory('http');
const store = await openStore({ dataDir });
const deps = createServiceDeps({
  store,
  purposes,
  scorers: { employer: linearScorer(models.employer) },
});
const logLines: string[] = [];
const app = buildApp({
  deps,
  pageCases: problem.cases.slice(0, 25),
  logger: loggerOptions({ write: (line: string) => logLines.push(line) }),
});
const tenant = await createTenant(store, 'http-test', new Date());
await recordActivation(
  store,
  tenant.id,
  { dpiaCompletedOn: '2026-01-01', worksCouncilInformedOn: '2026-01-01' },
  new Date(),
);
const { token } = await createUser(store, tenant.id, 'case-manager', new Date());
const physician = await createUser(store, tenant.id, 'occupational-physician', new Date());
after(async () => {
  await app.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const someCase = problem.cases[40]!;
const headers = { authorization: `Bearer ${token}`, 'x-purpose': 'absence-guidance' };

test('POST /v1/absence/predictions returns the same indication as the scorer, additive', async () => {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/absence/predictions',
    headers,
    payload: { context: 'employer', cases: [requestCase(40)] },
  });
  assert.equal(response.statusCode, 200);
  const body = response.json() as {
    modelVersion: string;
    droppedFields: string[];
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
  assert.equal(body.modelVersion, models.employer.modelVersion);
  const [prediction] = body.predictions;
  const expected = linearScorer(models.employer).score(someCase);
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

test('POST /v1/absence/predictions drops an unknown case field and lists it, never echoing its value', async () => {
  const withName = requestCase(40) as { employee: Record<string, unknown> };
  withName.employee['name'] = 'Jan Jansen-ZQX';
  const response = await app.inject({
    method: 'POST',
    url: '/v1/absence/predictions',
    headers,
    payload: { context: 'employer', cases: [withName] },
  });
  assert.equal(response.statusCode, 200);
  const { droppedFields } = response.json() as { droppedFields: string[] };
  assert.ok(droppedFields.includes('employee.name'));
  // The bundled cases carry health data, which the employer's purpose does not allow.
  assert.ok(droppedFields.includes('employee.attributes.bmi'));
  assert.equal(response.body.includes('Jan Jansen-ZQX'), false);
  assert.equal(logLines.join('\n').includes('Jan Jansen-ZQX'), false);
});

test('POST /v1/absence/predictions refuses an unknown envelope field with 400, naming it', async () => {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/absence/predictions',
    headers,
    payload: { context: 'employer', cases: [requestCase(40)], employeeName: 'ZQX-NAME' },
  });
  assert.equal(response.statusCode, 400);
  assert.equal(response.body.includes('ZQX-NAME'), false);
});

test('POST /v1/absence/predictions refuses a wrong type without echoing the value', async () => {
  const wrong = requestCase(40) as { employee: Record<string, unknown> };
  wrong.employee['ageYears'] = 'ZQX-AGE';
  const response = await app.inject({
    method: 'POST',
    url: '/v1/absence/predictions',
    headers,
    payload: { context: 'employer', cases: [wrong] },
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
    headers: { ...headers, 'content-type': 'application/json' },
    payload: '{"context": "employer", "cases": [',
  });
  assert.equal(malformed.statusCode, 400);

  const empty = await app.inject({
    method: 'POST',
    url: '/v1/absence/predictions',
    headers,
    payload: { context: 'employer', cases: [] },
  });
  assert.equal(empty.statusCode, 400);

  const noModel = await app.inject({
    method: 'POST',
    url: '/v1/absence/predictions',
    headers: {
      authorization: `Bearer ${physician.token}`,
      'x-purpose': 'occupational-health-assessment',
    },
    payload: { context: 'occupational-physician', cases: [requestCase(40)] },
  });
  assert.equal(noModel.statusCode, 404);
});

test('POST /v1/absence/predictions refuses __proto__ and constructor keys, spelt out or escaped', async () => {
  const bodies = [
    '{"context": "employer", "cases": [{"__proto__": {"isAdmin": true}}]}',
    '{"context": "employer", "cases": [{"\\u005f_proto__": {"isAdmin": true}}]}',
    '{"context": "employer", "cases": [{"constructor": {"prototype": {"isAdmin": true}}}]}',
    '{"context": "employer", "cases": [{"\\u0063onstructor": {"prototype": {"isAdmin": true}}}]}',
  ];
  for (const payload of bodies) {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/absence/predictions',
      headers: { ...headers, 'content-type': 'application/json' },
      payload,
    });
    assert.equal(response.statusCode, 400, payload);
    assert.equal((response.json() as { error: { code: string } }).error.code, 'INVALID_INPUT');
  }

  // An escape elsewhere is plain JSON: the case is read and scored.
  const escaped = JSON.stringify({ context: 'employer', cases: [requestCase(40)] }).replace(
    '"employer"',
    '"\\u0065mployer"',
  );
  const response = await app.inject({
    method: 'POST',
    url: '/v1/absence/predictions',
    headers: { ...headers, 'content-type': 'application/json' },
    payload: escaped,
  });
  assert.equal(response.statusCode, 200, response.body);
});

test('the log never holds the authorization header, a body or the client address', async () => {
  const line = logLines.find((l) => l.includes('"request completed"'));
  assert.ok(line !== undefined);
  const joined = logLines.join('\n');
  assert.equal(joined.includes(token), false);
  assert.equal(joined.includes(token.slice(-43)), false);
  assert.equal(joined.includes('127.0.0.1'), false);
  assert.equal(joined.includes('"caseId"'), false);
});

test('GET /openapi.json describes the API from the zod schemas', async () => {
  const response = await app.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(response.statusCode, 200);
  const document = response.json() as {
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
  };
  assert.equal(document.openapi, '3.1.0');
  for (const path of ['/v1/absence/predictions', '/v1/decisions', '/v1/reports/oversight']) {
    assert.ok(path in document.paths, path);
  }
  assert.match(JSON.stringify(document.paths['/v1/absence/predictions']), /diagnosisCode/);
  const decision = JSON.stringify(document.paths['/v1/decisions']);
  assert.match(decision, /"required":\[[^\]]*"reason"/);
});

test('an unknown route answers 404 in the service’s error shape, without echoing the path', async () => {
  const response = await app.inject({ method: 'GET', url: '/v1/no-such-route-E12345' });
  assert.equal(response.statusCode, 404);
  const body = response.json() as { error: { code: string } };
  assert.equal(body.error.code, 'NOT_FOUND');
  assert.ok(!response.body.includes('E12345'));
});

test('GET / refuses an unknown context or language with 400, naming the ones it has', async () => {
  for (const url of ['/?context=bogus-X9', '/?lang=fr-X9']) {
    const response = await app.inject({ method: 'GET', url });
    assert.equal(response.statusCode, 400, url);
    const body = response.json() as { error: { code: string; issues: { field: string }[] } };
    assert.equal(body.error.code, 'INVALID_INPUT');
    assert.equal(body.error.issues[0]?.field, url.includes('context') ? 'context' : 'lang');
    assert.ok(!response.body.includes('X9'));
  }
  const context = await app.inject({ method: 'GET', url: '/?context=bogus' });
  assert.match(context.body, /employer/);
});

test('GET / lists the bundled cases with their indication and factors, without a token', async () => {
  const response = await app.inject({ method: 'GET', url: '/?lang=nl' });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /text\/html/);
  assert.equal((response.body.match(/<tr data-case=/g) ?? []).length, 25);
  assert.match(response.body, /Geen besluit/);
  assert.match(response.body, /de indicatie met/);
});
