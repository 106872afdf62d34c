import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../src/core/random.ts';
import { parseEnsemble, serializeEnsemble } from '../../src/engine/trees/artefact.ts';
import { featureMatrixFromRows } from '../../src/engine/trees/featureMatrix.ts';
import { trainGradientBoosting } from '../../src/engine/trees/trainGradientBoosting.ts';
import { predictMargins } from '../../src/engine/trees/treeEnsemble.ts';

async function trainedModel() {
  const random = createRandom(2);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 500; i++) {
    const age = 20 + random.int(45);
    const sector = random.int(4);
    rows.push([age, sector, random.next() < 0.2 ? NaN : random.normal()]);
    labels.push(random.next() < (age > 50 ? 0.6 : 0.2) + (sector === 2 ? 0.2 : 0) ? 1 : 0);
  }
  const matrix = featureMatrixFromRows(rows);
  const { model } = await trainGradientBoosting(matrix, labels, {
    features: [
      { name: 'ageYears', kind: 'numeric' },
      { name: 'sector', kind: 'categorical' },
      { name: 'previousEpisodes', kind: 'numeric' },
    ],
    treeCount: 8,
    maxDepth: 3,
    threadCount: 1,
  });
  return { model, matrix };
}

test('parseEnsemble(serializeEnsemble(model)) predicts exactly as the model', async () => {
  const { model, matrix } = await trainedModel();
  const text = serializeEnsemble(model, '2026-01-01T00:00:00Z');
  const loaded = parseEnsemble(text);
  assert.deepEqual([...predictMargins(loaded, matrix)], [...predictMargins(model, matrix)]);
  assert.deepEqual(loaded.features, model.features);
  const json = JSON.parse(text) as { version: number; trees: { feature?: string }[] };
  assert.equal(json.version, 1);
  assert.ok(['ageYears', 'sector', 'previousEpisodes'].includes(json.trees[0]!.feature!));
  assert.match(text, /"missing": "(left|right)"/);
});

test('parseEnsemble rejects an edited model by its checksum', async () => {
  const { model } = await trainedModel();
  const edited = serializeEnsemble(model).replace(/"leaf": (-?[0-9.e-]+)/, '"leaf": 0.5');
  assert.throws(
    () => parseEnsemble(edited),
    (error: Error & { code?: string }) =>
      error.code === 'INVALID_MODEL' && /checksum/.test(error.message),
  );
});

test('parseEnsemble rejects a file that does not match the schema', () => {
  assert.throws(
    () => parseEnsemble('{"format":"absencelab.tree-ensemble","version":2}'),
    (error: Error & { code?: string; issues?: unknown[] }) =>
      error.code === 'INVALID_MODEL' && (error.issues?.length ?? 0) > 0,
  );
  assert.throws(() => parseEnsemble('not json'), /not valid JSON/);
});
