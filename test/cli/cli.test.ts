import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot, temporaryDirectory, uciFile } from '../support/paths.ts';

function absencelab(...args: string[]) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin/absencelab.mjs'), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TZ: 'UTC' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const work = temporaryDirectory('cli');

test('absencelab train writes a model that predict reads, with every field per record', () => {
  const modelFile = join(work, 'model.json');
  const train = absencelab('train', '--data', uciFile, '--context', 'employer', '--out', modelFile);
  assert.equal(train.status, 0, train.stderr);
  const artefact = JSON.parse(readFileSync(modelFile, 'utf8')) as { formatVersion: number };
  assert.equal(artefact.formatVersion, 1);

  const predict = absencelab('predict', '--model', modelFile, '--data', uciFile, '--json');
  assert.equal(predict.status, 0, predict.stderr);
  const indications = JSON.parse(predict.stdout) as Record<string, unknown>[];
  assert.equal(indications.length, 697);
  for (const field of ['caseId', 'probability', 'band', 'baseValue', 'contributions', 'factors']) {
    assert.ok(field in indications[0]!, field);
  }
  assert.equal(indications[0]!['isDecision'], false);
});

test('absencelab evaluate --json prints auc, aucStd, brier, n, positives, context and model', () => {
  const evaluate = absencelab(
    'evaluate',
    '--data',
    uciFile,
    '--context',
    'employer',
    '--json',
    '--repeats',
    '1',
  );
  assert.equal(evaluate.status, 0, evaluate.stderr);
  const report = JSON.parse(evaluate.stdout) as Record<string, unknown>;
  for (const field of ['auc', 'aucStd', 'brier', 'n', 'positives', 'context', 'model']) {
    assert.ok(field in report, field);
  }
  assert.equal(report['context'], 'employer');
  assert.equal(report['n'], 697);
});

test('absencelab train on a bad file exits non-zero, names the place and writes nothing', () => {
  const lines = readFileSync(uciFile, 'utf8').split('\r\n');
  const cells = (lines[3] ?? '').split(';');
  cells[20] = 'ZQX-HOURS';
  lines[3] = cells.join(';');
  const badFile = join(work, 'bad.csv');
  writeFileSync(badFile, lines.join('\r\n'));
  const modelFile = join(work, 'never.json');

  const train = absencelab('train', '--data', badFile, '--context', 'employer', '--out', modelFile);
  assert.equal(train.status, 65);
  assert.match(
    train.stderr,
    /bad\.csv, row 4, column "Absenteeism time in hours": is empty or not a number/,
  );
  assert.equal(train.stderr.includes('ZQX-HOURS'), false);
  assert.equal(existsSync(modelFile), false);
});

test('absencelab refuses an unknown context and a missing file with their own exit codes', () => {
  const context = absencelab('evaluate', '--data', uciFile, '--context', 'manager');
  assert.equal(context.status, 64);
  assert.match(context.stderr, /must be one of: employer, occupational-physician/);

  const missing = absencelab('evaluate', '--data', join(work, 'nope.csv'), '--context', 'employer');
  assert.equal(missing.status, 66);
  assert.match(missing.stderr, /Cannot read the data file nope\.csv/);
});

test('absencelab predict refuses a model file that was edited', () => {
  const modelFile = join(work, 'edited.json');
  assert.equal(
    absencelab('train', '--data', uciFile, '--context', 'employer', '--out', modelFile).status,
    0,
  );
  writeFileSync(modelFile, readFileSync(modelFile, 'utf8').replace('"lambda": ', '"lambda": 1'));
  const predict = absencelab('predict', '--model', modelFile, '--data', uciFile, '--json');
  assert.equal(predict.status, 65);
  assert.equal(predict.stdout, '');
});

test('absencelab exits 64 on an unknown or missing option of any command, and 0 on --help', () => {
  assert.equal(absencelab('forecast', '--bogus').status, 64);
  assert.equal(absencelab('forecast').status, 64); // --data is required
  assert.equal(absencelab('nonsense').status, 64);
  const help = absencelab('forecast', '--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: absencelab forecast/);
});
