import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, test } from 'node:test';
import { authenticate } from '../../src/service/authenticate.ts';
import { explanationSha256 } from '../../src/service/explanationSha256.ts';
import { predictCases, predictionOutputJson } from '../../src/service/predictCases.ts';
import { recordObjection } from '../../src/service/recordObjection.ts';
import { openStore } from '../../src/storage/openStore.ts';
import type { Indication } from '../../src/absence/indication.ts';
import { temporaryDirectory } from '../support/paths.ts';
import { requestCase, startTestService } from './serviceFixture.ts';

const dataDir = temporaryDirectory('prediction-json');
const service = await startTestService(await openStore({ dataDir }));
after(async () => {
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('predictionOutputJson writes what JSON.stringify writes, with the hashed explanation text', async () => {
  const { deps, tenants } = service;
  const caller = await authenticate(deps.store, `Bearer ${tenants.a.tokens['case-manager']}`);
  const desk = await authenticate(deps.store, `Bearer ${tenants.a.tokens.dpo}`);
  const objecting = requestCase(300);
  await recordObjection(deps, desk, (objecting['employee'] as { employeeId: string }).employeeId);

  const output = await predictCases(deps, caller, {
    purposeId: 'absence-guidance',
    context: 'employer',
    cases: [requestCase(40), requestCase(100), objecting],
  });
  const json = predictionOutputJson(output);

  assert.equal(output.predictions.length, 2);
  assert.equal(output.notScored.length, 1);
  assert.equal(json, JSON.stringify(output));
  for (const given of (JSON.parse(json) as { predictions: (Indication & { eventId: string })[] })
    .predictions) {
    const logged = await deps.store.findEvent(tenants.a.id, given.eventId);
    const { eventId, ...indication } = given;
    assert.equal(logged?.eventId, eventId);
    assert.equal(logged?.detailSha256, explanationSha256(indication));
  }
});

test('predictionOutputJson writes a prediction it did not make with JSON.stringify', () => {
  const output = {
    modelVersion: 'm',
    context: 'employer' as const,
    purpose: 'absence-guidance',
    droppedFields: ['employee.name'],
    predictions: [],
    notScored: [],
  };
  assert.equal(predictionOutputJson(output), JSON.stringify(output));
});
