import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { Indication } from '../../src/absence/indication.ts';
import { writeKeyFile, createKeyFileText } from '../../src/privacy/keyFile.ts';
import { runPseudonymisation } from '../../src/privacy/runPseudonymisation.ts';
import type { AccessReport } from '../../src/service/accessReport.ts';
import type { ContestView } from '../../src/service/contests.ts';
import { catalogues } from '../../src/features/catalogue.ts';
import { explanationSha256 } from '../../src/service/explanationSha256.ts';
import { createTenant, createUser } from '../../src/service/manageTenants.ts';
import { objectionFilter } from '../../src/service/objectionFilter.ts';
import { subjectOf } from '../../src/service/subjectKey.ts';
import { fixturePolicy, makePeople, writeFixtureCsv } from '../privacy/identifiableFixture.ts';
import type { Backend } from '../service/serviceScenarios.ts';
import { temporaryDirectory } from '../support/paths.ts';
import {
  problem,
  requestCase,
  startTestService,
  type TestService,
  type TestTenant,
} from '../service/serviceFixture.ts';

interface PredictionBody {
  predictions: (Indication & { eventId: string })[];
  notScored: { caseId: string; status: string; reason: string }[];
}

/** Index of the first bundled case of each of `count` different employees, from `from` on. */
function casesOfDistinctEmployees(count: number, from: number): number[] {
  const seen = new Set<string>();
  const picked: number[] = [];
  for (let i = from; i < problem.cases.length && picked.length < count; i++) {
    const employeeId = problem.cases[i]!.employee.employeeId;
    if (seen.has(employeeId)) continue;
    seen.add(employeeId);
    picked.push(i);
  }
  return picked;
}

const employerFeatureNames = new Set(
  Object.values(catalogues)
    .flat()
    .filter((spec) => spec.contexts.includes('employer'))
    .map((spec) => spec.name),
);

interface ErrorBody {
  error: { code: string; message: string; issues: { field: string }[] };
}

/** Activation and the data-subject desk, asserted on each database. */
export function describeAccountabilityOn(name: string, openBackend: () => Promise<Backend>): void {
  describe(`accountability on ${name}`, () => {
    let backend: Backend;
    let service: TestService;
    let a: TestTenant;

    before(async () => {
      backend = await openBackend();
      service = await startTestService(backend.store);
      ({ a } = service.tenants);
    });
    after(async () => {
      await service?.close();
      await backend?.stop();
    });

    const call = (
      method: 'GET' | 'POST',
      url: string,
      token: string,
      payload?: Record<string, unknown>,
    ): Promise<LightMyRequestResponse> =>
      service.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload === undefined ? {} : { payload }),
      });
    const predictAs = (token: string, cases: Record<string, unknown>[]) =>
      call('POST', '/v1/absence/predictions', token, {
        purpose: 'absence-guidance',
        context: 'employer',
        cases,
      });

    test('POST /v1/absence/predictions is refused for a tenant without activation, naming what is missing', async () => {
      const tenant = await createTenant(backend.store, 'not-activated', service.clock.now);
      const caseManager = await createUser(
        backend.store,
        tenant.id,
        'case-manager',
        service.clock.now,
      );
      const admin = await createUser(backend.store, tenant.id, 'admin', service.clock.now);

      const refused = await predictAs(caseManager.token, [requestCase(40)]);
      assert.equal(refused.statusCode, 403);
      const body = refused.json() as ErrorBody;
      assert.match(body.error.message, /not activated/);
      assert.match(
        body.error.message,
        /the DPIA completion date and the date the works council was informed/,
      );
      assert.deepEqual(
        body.error.issues.map((i) => i.field),
        ['dpiaCompletedOn', 'worksCouncilInformedOn'],
      );

      const caseManagerRecords = await call('POST', '/v1/admin/activation', caseManager.token, {
        dpiaCompletedOn: '2026-06-01',
        worksCouncilInformedOn: '2026-06-02',
      });
      assert.equal(caseManagerRecords.statusCode, 403);
      const future = await call('POST', '/v1/admin/activation', admin.token, {
        dpiaCompletedOn: '2026-06-01',
        worksCouncilInformedOn: '2027-01-01',
      });
      assert.equal(future.statusCode, 400);
      assert.match(
        future.body,
        /"field":"worksCouncilInformedOn","message":"may not be in the future/,
      );
      const notADay = await call('POST', '/v1/admin/activation', admin.token, {
        dpiaCompletedOn: '2026-02-30',
        worksCouncilInformedOn: '2026-06-02',
      });
      assert.equal(notADay.statusCode, 400);

      // Half an activation is no activation: the message names only what is still missing.
      await backend.store.writeSetting(
        tenant.id,
        'activation-dpia-completed-on',
        '2026-06-01',
        'x',
      );
      const half = (await predictAs(caseManager.token, [requestCase(40)])).json() as ErrorBody;
      assert.match(half.error.message, /missing the date the works council was informed\./);
      assert.doesNotMatch(half.error.message, /DPIA completion date/);

      const recorded = await call('POST', '/v1/admin/activation', admin.token, {
        dpiaCompletedOn: '2026-06-01',
        worksCouncilInformedOn: '2026-06-02',
      });
      assert.equal(recorded.statusCode, 200, recorded.body);
      assert.equal((recorded.json() as { isActive: boolean }).isActive, true);
      assert.equal((await predictAs(caseManager.token, [requestCase(40)])).statusCode, 200);
      const read = await call('GET', '/v1/admin/activation', a.tokens.dpo);
      assert.deepEqual(read.json(), {
        dpiaCompletedOn: '2026-05-01',
        worksCouncilInformedOn: '2026-05-15',
        note: null,
        isActive: true,
      });
    });

    test('POST /v1/subjects/access-report reproduces the logged factors, decisions and reasons of one employee', async () => {
      const [mine, other] = casesOfDistinctEmployees(2, 200);
      const employeeId = problem.cases[mine!]!.employee.employeeId;
      const made = (
        await predictAs(a.tokens['case-manager'], [requestCase(mine!), requestCase(other!)])
      ).json() as PredictionBody;
      const given = made.predictions[0]!;
      const decision = await call('POST', '/v1/decisions', a.tokens['case-manager'], {
        purpose: 'absence-guidance',
        predictionEventId: given.eventId,
        outcome: 'deviated',
        reason: 'Werkhervatting is al afgesproken.',
      });
      assert.equal(decision.statusCode, 201, decision.body);

      const response = await call('POST', '/v1/subjects/access-report', a.tokens.dpo, {
        employeeId,
      });
      assert.equal(response.statusCode, 200, response.body);
      const report = response.json() as AccessReport;
      const logged = report.predictions.find((p) => p.eventId === given.eventId);
      assert.ok(logged, 'the prediction is in the report');
      assert.deepEqual(
        logged.factors.map(({ feature, contribution, direction }) => ({
          feature,
          contribution,
          direction,
        })),
        given.factors.map(({ feature, contribution, direction }) => ({
          feature,
          contribution,
          direction,
        })),
      );
      assert.equal(logged.probability, given.probability);
      assert.equal(logged.band, given.band);
      assert.equal(logged.modelVersion, given.modelVersion);
      assert.equal(logged.purpose.id, 'absence-guidance');
      assert.match(logged.factors[0]!.sentence.nl, /(verhoogt|verlaagt) de indicatie met/);
      // The hash in the log is the hash of the explanation the professional was given.
      const indication: Partial<typeof given> = { ...given };
      delete indication.eventId;
      assert.equal(logged.explanationSha256, explanationSha256(indication as Indication));
      assert.deepEqual(
        logged.decisions.map((d) => [d.outcome, d.reason, d.role]),
        [['deviated', 'Werkhervatting is al afgesproken.', 'case-manager']],
      );
      // Only this employee's predictions, and no other tenant's.
      const otherEvent = made.predictions[1]!.eventId;
      assert.ok(report.predictions.every((p) => p.eventId !== otherEvent));
      const elsewhere = (
        await call('POST', '/v1/subjects/access-report', service.tenants.b.tokens.dpo, {
          employeeId,
        })
      ).json() as AccessReport;
      assert.equal(elsewhere.predictions.length, 0);
      assert.ok(report.processing.some((p) => p.fields.includes('history.durationHours')));

      const byCaseManager = await call(
        'POST',
        '/v1/subjects/access-report',
        a.tokens['case-manager'],
        { employeeId },
      );
      assert.equal(byCaseManager.statusCode, 403);
      // The employee id is never echoed in a log line.
      assert.ok(service.logLines.every((line) => !line.includes(`"${employeeId}"`)));
    });

    test('an objected employee gets "not scored: objection" and is left out of the next extract', async () => {
      const [objector, bystander] = casesOfDistinctEmployees(2, 400);
      const employeeId = problem.cases[objector!]!.employee.employeeId;
      const before = (await backend.store.chainHead(a.id))!.seq;

      const recorded = await call('POST', '/v1/subjects/objections', a.tokens.dpo, { employeeId });
      assert.equal(recorded.statusCode, 201, recorded.body);
      const again = await call('POST', '/v1/subjects/objections', a.tokens.dpo, { employeeId });
      assert.equal(again.statusCode, 200);
      assert.equal(
        (await call('POST', '/v1/subjects/objections', a.tokens['case-manager'], { employeeId }))
          .statusCode,
        403,
      );

      const answer = (
        await predictAs(a.tokens['case-manager'], [requestCase(objector!), requestCase(bystander!)])
      ).json() as PredictionBody;
      assert.deepEqual(
        answer.notScored.map((n) => [n.caseId, n.status]),
        [[problem.cases[objector!]!.caseId, 'not scored: objection']],
      );
      assert.deepEqual(
        answer.predictions.map((p) => p.caseId),
        [problem.cases[bystander!]!.caseId],
      );
      // One entry: the bystander's; the objector's case was not scored, so not logged.
      assert.equal((await backend.store.chainHead(a.id))!.seq, before + 1);
      // The objection binds its own tenant only.
      const inB = (
        await call('POST', '/v1/absence/predictions', service.tenants.b.tokens['case-manager'], {
          purpose: 'absence-guidance',
          context: 'employer',
          cases: [requestCase(objector!)],
        })
      ).json() as PredictionBody;
      assert.equal(inB.predictions.length, 1);
      const report = (
        await call('POST', '/v1/subjects/access-report', a.tokens.dpo, { employeeId })
      ).json() as AccessReport;
      assert.equal(report.objection?.recordedAt, service.clock.now.toISOString());

      // The next extract: made-up identities whose third person is the objector.
      const dir = temporaryDirectory('objection-extract');
      const people = makePeople(60, 7).map((p, i) => (i === 2 ? { ...p, employeeId } : p));
      const inPath = join(dir, 'episodes.csv');
      const rows = writeFixtureCsv(inPath, people, 7);
      const policyPath = join(dir, 'policy.json');
      writeFileSync(policyPath, JSON.stringify(fixturePolicy));
      const keyPath = join(dir, 'key.json');
      await writeKeyFile(keyPath, createKeyFileText());
      const extract = async (name: string, withObjections: boolean) => {
        const filter = withObjections ? await objectionFilter(backend.store, a.id) : undefined;
        const report = await runPseudonymisation({
          inPath,
          policyPath,
          keyFilePath: keyPath,
          domain: 'research',
          outPath: join(dir, `${name}.csv`),
          reportPath: join(dir, `${name}.report.json`),
          ...(filter === undefined ? {} : { isExcludedSubject: filter.isObjected }),
        });
        const lines = readFileSync(join(dir, `${name}.csv`), 'utf8')
          .trim()
          .split('\n')
          .slice(1);
        return { report, subjects: new Set(lines.map((line) => line.split(',')[0]!)) };
      };
      const all = await extract('all', false);
      const kept = await extract('kept', true);
      const objectorRows = rows.filter((row) => row[0] === employeeId).length;
      assert.ok(objectorRows > 0);
      assert.equal(kept.report.input.rowsExcludedByObjection, objectorRows);
      assert.equal(all.report.input.rowsExcludedByObjection, 0);
      // Exactly one person fewer: the objector's pseudonym is gone, everyone else's stays.
      const gone = [...all.subjects].filter((s) => !kept.subjects.has(s));
      assert.equal(gone.length, 1);
      assert.ok([...kept.subjects].every((s) => all.subjects.has(s)));
      const datasheet = readFileSync(join(dir, 'kept.csv.datasheet.md'), 'utf8');
      assert.match(datasheet, new RegExp(`${objectorRows} rows left out for an objection`));
      assert.ok(!datasheet.includes(employeeId));

      // Withdrawn at the employee's request: scored and extracted again; only the desk may do it.
      const withdrawal = { employeeId };
      // Another tenant's DPO finds no objection of this employee, and leaves it in place.
      const otherTenant = service.tenants.b.tokens.dpo;
      assert.equal(
        (await call('POST', '/v1/subjects/objections/withdrawal', otherTenant, withdrawal))
          .statusCode,
        404,
      );
      assert.equal(
        (await call('POST', '/v1/subjects/objections', a.tokens.dpo, withdrawal)).statusCode,
        200,
      );
      assert.equal(
        (
          await call(
            'POST',
            '/v1/subjects/objections/withdrawal',
            a.tokens['case-manager'],
            withdrawal,
          )
        ).statusCode,
        403,
      );
      const withdrawn = await call(
        'POST',
        '/v1/subjects/objections/withdrawal',
        a.tokens.dpo,
        withdrawal,
      );
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      const missing = await call(
        'POST',
        '/v1/subjects/objections/withdrawal',
        a.tokens.dpo,
        withdrawal,
      );
      assert.equal(missing.statusCode, 404);
      assert.ok(!missing.body.includes(employeeId));
      const rescored = (
        await predictAs(a.tokens['case-manager'], [requestCase(objector!)])
      ).json() as PredictionBody;
      assert.deepEqual(rescored.notScored, []);
      assert.equal(rescored.predictions.length, 1);
      const reportAfter = (
        await call('POST', '/v1/subjects/access-report', a.tokens.dpo, { employeeId })
      ).json() as AccessReport;
      assert.equal(reportAfter.objection, null);
      assert.deepEqual(reportAfter.withdrawnObjections, [
        { recordedAt: report.objection!.recordedAt, withdrawnAt: service.clock.now.toISOString() },
      ]);
      const again2 = await extract('after-withdrawal', true);
      assert.equal(again2.report.input.rowsExcludedByObjection, 0);
      assert.deepEqual([...again2.subjects].sort(), [...all.subjects].sort());
    });

    test('a contest opens a review due in one month, is flagged and escalated when overdue, and closes once', async () => {
      const [contested, stranger] = casesOfDistinctEmployees(2, 600);
      const employeeId = problem.cases[contested!]!.employee.employeeId;
      const made = (
        await predictAs(a.tokens['case-manager'], [requestCase(contested!), requestCase(stranger!)])
      ).json() as PredictionBody;
      const [mine, theirs] = made.predictions;

      const foreign = await call('POST', '/v1/subjects/contests', a.tokens.dpo, {
        employeeId,
        predictionEventId: theirs!.eventId,
        reason: 'Dit ben ik niet.',
      });
      assert.equal(foreign.statusCode, 404);
      const blank = await call('POST', '/v1/subjects/contests', a.tokens.dpo, {
        employeeId,
        predictionEventId: mine!.eventId,
        reason: '  ',
      });
      assert.equal(blank.statusCode, 400);

      const opened = await call('POST', '/v1/subjects/contests', a.tokens.dpo, {
        employeeId,
        predictionEventId: mine!.eventId,
        reason: 'De indicatie houdt geen rekening met mijn herstel.',
      });
      assert.equal(opened.statusCode, 201, opened.body);
      const contest = opened.json() as ContestView;
      assert.equal(contest.status, 'open');
      // Opened 2026-06-15: due a month later, GDPR art. 12(3).
      assert.equal(contest.dueAt, '2026-07-15T10:00:00.000Z');

      const listed = async (token: string) =>
        (await call('GET', '/v1/subjects/contests', token)).json() as {
          overdue: number;
          contests: ContestView[];
        };
      assert.equal((await listed(a.tokens.dpo)).overdue, 0);
      assert.equal((await call('GET', '/v1/subjects/contests', a.tokens.employer)).statusCode, 403);
      assert.equal((await listed(service.tenants.b.tokens.dpo)).contests.length, 0);

      const openedAt = service.clock.now;
      service.clock.now = new Date('2026-07-20T10:00:00Z');
      try {
        const late = await listed(a.tokens.dpo);
        assert.equal(late.overdue, 1);
        const flagged = late.contests[0]!;
        assert.equal(flagged.id, contest.id);
        assert.equal(flagged.status, 'overdue');
        assert.equal(flagged.daysOverdue, 5);
        assert.match(flagged.escalation ?? '', /deadline/);
        assert.ok(service.logLines.some((line) => line.includes('"event":"contests-overdue"')));
        const seen = (
          await call('POST', '/v1/subjects/access-report', a.tokens.dpo, { employeeId })
        ).json() as AccessReport;
        assert.equal(seen.contests[0]?.status, 'overdue');

        const noNote = await call(
          'POST',
          `/v1/subjects/contests/${contest.id}/close`,
          a.tokens['occupational-physician'],
          { outcome: 'indication-set-aside', reviewNote: '' },
        );
        assert.equal(noNote.statusCode, 400);
        const closed = await call(
          'POST',
          `/v1/subjects/contests/${contest.id}/close`,
          a.tokens['occupational-physician'],
          {
            outcome: 'indication-set-aside',
            reviewNote: 'Herstel was al gemeld; indicatie vervalt.',
          },
        );
        assert.equal(closed.statusCode, 200, closed.body);
        assert.equal((closed.json() as ContestView).status, 'closed');
        const twice = await call(
          'POST',
          `/v1/subjects/contests/${contest.id}/close`,
          a.tokens.dpo,
          { outcome: 'upheld', reviewNote: 'nog eens' },
        );
        assert.equal(twice.statusCode, 404);
        assert.equal((await listed(a.tokens.dpo)).overdue, 0);
      } finally {
        service.clock.now = openedAt;
      }
    });

    test('an occupational-physician prediction keeps no medical factor for the desk, and its contest stays with those who may see it', async () => {
      const [index] = casesOfDistinctEmployees(1, 650);
      const employeeId = problem.cases[index!]!.employee.employeeId;
      const physicianCase = requestCase(index!);
      const made = await call(
        'POST',
        '/v1/absence/predictions',
        a.tokens['occupational-physician'],
        {
          purpose: 'occupational-health-assessment',
          context: 'occupational-physician',
          cases: [physicianCase],
        },
      );
      assert.equal(made.statusCode, 200, made.body);
      const given = (made.json() as PredictionBody).predictions[0]!;
      const medical = given.factors.filter((f) => !employerFeatureNames.has(f.feature));
      assert.ok(medical.length > 0, 'the case has a medical factor among its top factors');

      const report = (
        await call('POST', '/v1/subjects/access-report', a.tokens.dpo, { employeeId })
      ).json() as AccessReport;
      const logged = report.predictions.find((p) => p.eventId === given.eventId)!;
      assert.equal(logged.withheldMedicalFactors, medical.length);
      assert.deepEqual(
        logged.factors.map((f) => f.feature),
        given.factors.filter((f) => employerFeatureNames.has(f.feature)).map((f) => f.feature),
      );
      // Not in the database either: the desk's table holds no medical feature at all.
      const subject = await subjectOf(backend.store, a.id, employeeId);
      const stored = await backend.store.readSubjectPredictions(a.id, subject);
      const storedText = stored.map((p) => p.explanationJson).join('\n');
      assert.ok(storedText.includes(`"withheldMedicalFactors":${medical.length}`));
      for (const factor of medical)
        assert.ok(!storedText.includes(`"${factor.feature}"`), factor.feature);

      const opened = await call('POST', '/v1/subjects/contests', a.tokens.dpo, {
        employeeId,
        predictionEventId: given.eventId,
        reason: 'Mijn herstel verloopt sneller.',
      });
      assert.equal(opened.statusCode, 201, opened.body);
      const contest = opened.json() as ContestView;
      assert.equal(contest.context, 'occupational-physician');
      const seenBy = async (token: string) =>
        (
          (await call('GET', '/v1/subjects/contests', token)).json() as { contests: ContestView[] }
        ).contests.map((c) => c.id);
      assert.ok(!(await seenBy(a.tokens['case-manager'])).includes(contest.id));
      assert.ok((await seenBy(a.tokens['occupational-physician'])).includes(contest.id));
      assert.ok((await seenBy(a.tokens.dpo)).includes(contest.id));
      const closeAs = (token: string) =>
        call('POST', `/v1/subjects/contests/${contest.id}/close`, token, {
          outcome: 'upheld',
          reviewNote: 'Indicatie blijft staan.',
        });
      assert.equal((await closeAs(a.tokens['case-manager'])).statusCode, 404);

      // Whoever decided on the indication may not review the contest of it.
      const decided = await call('POST', '/v1/decisions', a.tokens['occupational-physician'], {
        purpose: 'occupational-health-assessment',
        predictionEventId: given.eventId,
        outcome: 'followed',
        reason: 'Past bij het beloop.',
      });
      assert.equal(decided.statusCode, 201, decided.body);
      const own = await closeAs(a.tokens['occupational-physician']);
      assert.equal(own.statusCode, 403);
      assert.match(own.body, /someone else/);
      assert.ok(!(await seenBy(a.tokens['occupational-physician'])).includes(contest.id));
      assert.equal((await closeAs(a.tokens.dpo)).statusCode, 200);
    });
  });
}
