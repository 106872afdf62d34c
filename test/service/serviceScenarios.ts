import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { physicianOnly } from '../../src/features/contexts.ts';
import { uciFeatures } from '../../src/features/uciFeatures.ts';
import { setKillSwitch } from '../../src/service/killSwitch.ts';
import { purgeEventLog } from '../../src/service/purgeEventLog.ts';
import type { Role } from '../../src/service/roles.ts';
import type { Store } from '../../src/service/store.ts';
import { verifyEventLog } from '../../src/service/verifyEventLog.ts';
import {
  requestCase,
  startTestService,
  type TestService,
  type TestTenant,
} from './serviceFixture.ts';

export interface Backend {
  store: Store;
  /** Runs SQL on the database behind the service's back, as an intruder would. */
  execute(sqlText: string): Promise<void>;
  stop(): Promise<void>;
}

interface PredictionBody {
  droppedFields: string[];
  predictions: { eventId: string; band: string; context: string; factors: { feature: string }[] }[];
}

const physicianOnlyFeatures = uciFeatures
  .filter((f) => f.contexts.every((c) => physicianOnly.includes(c)))
  .map((f) => f.name);

/** The same behaviour, asserted on each database. */
export function describeServiceOn(name: string, openBackend: () => Promise<Backend>): void {
  describe(`the service on ${name}`, () => {
    let backend: Backend;
    let service: TestService;
    let a: TestTenant;
    let b: TestTenant;

    before(async () => {
      backend = await openBackend();
      service = await startTestService(backend.store);
      ({ a, b } = service.tenants);
    });
    after(async () => {
      await service?.close();
      await backend?.stop();
    });

    const predict = (
      tenant: TestTenant | undefined,
      role: Role,
      body: Record<string, unknown>,
      headers: Record<string, string> = {},
    ): Promise<LightMyRequestResponse> =>
      service.app.inject({
        method: 'POST',
        url: '/v1/absence/predictions',
        headers: {
          ...(tenant === undefined ? {} : { authorization: `Bearer ${tenant.tokens[role]}` }),
          ...headers,
        },
        payload: body,
      });
    const employerRequest = (cases = [requestCase(40)]) => ({
      purpose: 'absence-guidance',
      context: 'employer',
      cases,
    });
    const decide = (tenant: TestTenant, role: Role, body: Record<string, unknown>) =>
      service.app.inject({
        method: 'POST',
        url: '/v1/decisions',
        headers: { authorization: `Bearer ${tenant.tokens[role]}` },
        payload: body,
      });

    test('POST /v1/absence/predictions answers 401 without a token, a wrong one or a malformed one', async () => {
      const none = await predict(undefined, 'case-manager', employerRequest());
      assert.equal(none.statusCode, 401);
      assert.equal(none.headers['www-authenticate'], 'Bearer');
      const token = a.tokens['case-manager'];
      const wrongSecret = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
      for (const authorization of [`Bearer ${wrongSecret}`, 'Bearer nonsense', `Basic ${token}`]) {
        const response = await predict(undefined, 'case-manager', employerRequest(), {
          authorization,
        });
        assert.equal(response.statusCode, 401, authorization.slice(0, 6));
        assert.equal(
          (response.json() as { error: { code: string } }).error.code,
          'UNAUTHENTICATED',
        );
      }
    });

    test('POST /v1/absence/predictions answers 403 with the reason for a wrong role, purpose or context', async () => {
      const cases: [Role, Record<string, unknown>, RegExp][] = [
        ['dpo', employerRequest(), /not open to the role dpo/],
        ['data-scientist', employerRequest(), /not open to the role data-scientist/],
        [
          'case-manager',
          { ...employerRequest(), purpose: 'caseload-planning' },
          /does not cover the absence-predictor/,
        ],
        [
          'case-manager',
          { ...employerRequest(), purpose: 'marketing' },
          /not in the purpose register/,
        ],
        ['case-manager', { context: 'employer', cases: [requestCase(40)] }, /names no purpose/],
        [
          'employer',
          {
            ...employerRequest(),
            purpose: 'occupational-health-assessment',
            context: 'occupational-physician',
          },
          /not open to the role employer/,
        ],
        [
          'employer',
          { ...employerRequest(), context: 'occupational-physician' },
          /may not use models of the occupational-physician context/,
        ],
        [
          'occupational-physician',
          employerRequest(),
          /not open to the role occupational-physician/,
        ],
      ];
      for (const [role, body, reason] of cases) {
        const response = await predict(a, role, body);
        assert.equal(response.statusCode, 403, `${role} ${String(body['purpose'])}`);
        assert.match((response.json() as { error: { message: string } }).error.message, reason);
      }
    });

    test('POST /v1/absence/predictions takes the purpose from X-Purpose, drops and lists fields the purpose does not allow', async () => {
      const withExtras = requestCase(40) as {
        employee: Record<string, unknown>;
        episode: Record<string, unknown>;
      };
      withExtras.employee['name'] = 'Jan Jansen';
      withExtras.employee['bsn'] = '999990019';
      withExtras.employee['sex'] = 'male';
      withExtras.episode['medical'] = { diagnosisCode: '13' };
      const body = { context: 'employer', cases: [withExtras] };
      const response = await predict(a, 'case-manager', body, { 'x-purpose': 'absence-guidance' });
      assert.equal(response.statusCode, 200);
      const result = response.json() as PredictionBody;
      for (const field of [
        'employee.name',
        'employee.bsn',
        'employee.sex',
        'episode.medical.diagnosisCode',
      ]) {
        assert.ok(result.droppedFields.includes(field), field);
      }
      assert.equal(response.body.includes('Jan Jansen'), false);
      assert.equal(response.body.includes('999990019'), false);
      const prediction = result.predictions[0]!;
      assert.equal(prediction.context, 'employer');
      assert.match(prediction.eventId, /^[0-9a-f-]{36}$/);
      for (const factor of prediction.factors)
        assert.equal(physicianOnlyFeatures.includes(factor.feature), false);
      assert.equal(service.logLines.join('\n').includes('Jan Jansen'), false);
    });

    test('POST /v1/absence/predictions lets the occupational physician use the diagnosis under its purpose', async () => {
      const withDiagnosis = requestCase(40) as { episode: Record<string, unknown> };
      withDiagnosis.episode['medical'] = { diagnosisCode: '13' };
      const response = await predict(a, 'occupational-physician', {
        purpose: 'occupational-health-assessment',
        context: 'occupational-physician',
        cases: [withDiagnosis],
      });
      assert.equal(response.statusCode, 200);
      const result = response.json() as PredictionBody;
      assert.equal(result.droppedFields.includes('episode.medical.diagnosisCode'), false);
      assert.equal(result.predictions[0]?.context, 'occupational-physician');
    });

    test('POST /v1/decisions refuses a decision without a reason (400) and records one with a reason once', async () => {
      const made = (await predict(a, 'case-manager', employerRequest())).json() as PredictionBody;
      const eventId = made.predictions[0]!.eventId;
      const base = { purpose: 'absence-guidance', predictionEventId: eventId, outcome: 'deviated' };
      for (const reason of [undefined, '', '   ']) {
        const response = await decide(
          a,
          'case-manager',
          reason === undefined ? base : { ...base, reason },
        );
        assert.equal(response.statusCode, 400);
        assert.match(response.body, /"field":"reason"/);
      }
      const recorded = await decide(a, 'case-manager', {
        ...base,
        reason: 'Employee returns part-time next week.',
      });
      assert.equal(recorded.statusCode, 201);
      assert.equal((recorded.json() as { outcome: string }).outcome, 'deviated');
      const again = await decide(a, 'case-manager', {
        ...base,
        outcome: 'followed',
        reason: 'Second thoughts.',
      });
      assert.equal(again.statusCode, 409);
      const dpo = await decide(a, 'dpo', { ...base, reason: 'not mine' });
      assert.equal(dpo.statusCode, 403);
      const wrongPurpose = await decide(a, 'occupational-physician', {
        ...base,
        purpose: 'occupational-health-assessment',
        reason: 'x y z',
      });
      assert.equal(wrongPurpose.statusCode, 403);
      // The right purpose, but one not open to the role: refused as a prediction would be.
      const otherRole = await decide(a, 'occupational-physician', { ...base, reason: 'x y z' });
      assert.equal(otherRole.statusCode, 403);
      assert.match(otherRole.body, /not open to the role occupational-physician/);
    });

    test("another tenant can neither decide on a tenant's prediction nor read its reports", async () => {
      const made = (await predict(a, 'case-manager', employerRequest())).json() as PredictionBody;
      const body = {
        purpose: 'absence-guidance',
        predictionEventId: made.predictions[0]!.eventId,
        outcome: 'followed',
        reason: 'Looks right.',
      };
      const foreign = await decide(b, 'case-manager', body);
      assert.equal(foreign.statusCode, 404);
      const named = await service.app.inject({
        method: 'GET',
        url: `/v1/reports/oversight?period=month&tenant=${a.name}`,
        headers: { authorization: `Bearer ${b.tokens.dpo}` },
      });
      assert.equal(named.statusCode, 403);
      const killOther = await service.app.inject({
        method: 'POST',
        url: '/v1/admin/kill-switch',
        headers: { authorization: `Bearer ${b.tokens.admin}` },
        payload: { enabled: true, tenant: a.id },
      });
      assert.equal(killOther.statusCode, 403);
      const ownReport = await service.app.inject({
        method: 'GET',
        url: '/v1/reports/oversight?period=month',
        headers: { authorization: `Bearer ${b.tokens.dpo}` },
      });
      assert.equal(ownReport.statusCode, 200);
      assert.deepEqual((ownReport.json() as { rows: unknown[] }).rows, []);
      assert.equal((await decide(a, 'case-manager', body)).statusCode, 201);
    });

    test('GET /v1/reports/oversight gives follow and deviation rates per month to the DPO only', async () => {
      const report = await service.app.inject({
        method: 'GET',
        url: '/v1/reports/oversight?period=month',
        headers: { authorization: `Bearer ${a.tokens.dpo}` },
      });
      assert.equal(report.statusCode, 200);
      const rows = (
        report.json() as {
          rows: {
            period: string;
            predictions: number;
            followed: number;
            deviated: number;
            followRate: number;
          }[];
        }
      ).rows;
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.period, '2026-06');
      assert.equal(rows[0]?.followed, 1);
      assert.equal(rows[0]?.deviated, 1);
      assert.equal(rows[0]?.followRate, 0.5);
      assert.ok((rows[0]?.predictions ?? 0) >= 4);
      const caseManager = await service.app.inject({
        method: 'GET',
        url: '/v1/reports/oversight',
        headers: { authorization: `Bearer ${a.tokens['case-manager']}` },
      });
      assert.equal(caseManager.statusCode, 403);
    });

    test('the kill switch stops scoring with 503 for its tenant only, and scoring resumes when off', async () => {
      const toggle = (enabled: boolean, role: Role = 'admin') =>
        service.app.inject({
          method: 'POST',
          url: '/v1/admin/kill-switch',
          headers: { authorization: `Bearer ${a.tokens[role]}` },
          payload: { enabled },
        });
      assert.equal((await toggle(true, 'case-manager')).statusCode, 403);
      assert.equal((await toggle(true)).statusCode, 200);
      const stopped = await predict(a, 'case-manager', employerRequest());
      assert.equal(stopped.statusCode, 503);
      assert.match(stopped.body, /kill switch/);
      assert.equal((await predict(b, 'case-manager', employerRequest())).statusCode, 200);
      assert.equal((await toggle(false)).statusCode, 200);
      assert.equal((await predict(a, 'case-manager', employerRequest())).statusCode, 200);

      await setKillSwitch(backend.store, '*', true, service.clock.now);
      assert.equal((await predict(b, 'case-manager', employerRequest())).statusCode, 503);
      await setKillSwitch(backend.store, '*', false, service.clock.now);
      assert.equal((await predict(b, 'case-manager', employerRequest())).statusCode, 200);
    });

    test('verifyEventLog finds an entry changed directly in the database, by its sequence number', async () => {
      const intact = await verifyEventLog(backend.store, a.id);
      assert.equal(intact.isIntact, true);
      assert.ok(intact.checkedEntries >= 5);
      await backend.execute(
        `UPDATE event_log SET band = CASE WHEN band = 'low' THEN 'high' ELSE 'low' END WHERE tenant_id = '${a.id}' AND seq = 3`,
      );
      const broken = await verifyEventLog(backend.store, a.id);
      assert.equal(broken.isIntact, false);
      assert.equal(broken.broken?.seq, 3);
      assert.equal(broken.broken?.kind, 'hash');
      assert.equal((await verifyEventLog(backend.store, b.id)).isIntact, true);

      await backend.execute(`DELETE FROM event_log WHERE tenant_id = '${b.id}' AND seq = 1`);
      const gap = await verifyEventLog(backend.store, b.id);
      assert.equal(gap.broken?.kind, 'gap');
      assert.equal(gap.broken?.seq, 2);
    });

    test('purgeEventLog refuses fewer than 6 months and keeps the rest of the chain verifiable', async () => {
      await assert.rejects(
        purgeEventLog(backend.store, a.id, 5, service.clock.now),
        /at least 6 months/,
      );
      // A fresh chain for the purge: tenant b's entries were tampered with above.
      const before = (await verifyEventLog(backend.store, a.id)).headSeq;
      service.clock.now = new Date('2027-03-01T10:00:00Z');
      const fresh = await predict(
        a,
        'case-manager',
        employerRequest([requestCase(41), requestCase(42)]),
      );
      assert.equal(fresh.statusCode, 200);
      const result = await purgeEventLog(backend.store, a.id, 6, service.clock.now);
      assert.equal(result.anchorSeq, before);
      assert.equal(result.purgedEvents, before);
      const afterPurge = await verifyEventLog(backend.store, a.id);
      assert.equal(afterPurge.isIntact, true, afterPurge.broken?.description);
      assert.equal(afterPurge.checkedEntries, 2);
    });
  });
}
