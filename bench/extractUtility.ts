/**
 * Benchmark of the utility cost of a research extract, "the AUC on the extract is within 0.01 of
 * the AUC on the original", on a workforce large enough for the interval to say so or not:
 * `absencelab synth --identifiable` (BENCH_EXTRACT_EMPLOYEES, default 20,000, 3 years), joined
 * into an identifiable export, pseudonymised with test/support/identifiableExport.ts's training
 * policy, then both measurements: the L2 logistic yardstick of the pseudonymise report, and the
 * product's own time-to-event model trained on the original and on the extract, scored on the
 * same held-out persons (src/privacy/survivalUtility.ts). Prints both with 95 % intervals.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCanonicalProblem } from '../src/absence/canonicalPipeline.ts';
import { loadExtractProblem } from '../src/absence/extractPipeline.ts';
import { createPseudonymiser } from '../src/privacy/createPseudonymiser.ts';
import { deriveDomainKey } from '../src/privacy/deriveDomainKey.ts';
import { createKeyFileText, readKeyFile, writeKeyFile } from '../src/privacy/keyFile.ts';
import { runPseudonymisation } from '../src/privacy/runPseudonymisation.ts';
import { measureSurvivalUtility, type SurvivalUtility } from '../src/privacy/survivalUtility.ts';
import { writeSynthPopulation } from '../src/synth/writeSynthPopulation.ts';
import { exportIdentifiableEpisodes, trainingPolicy } from '../test/support/identifiableExport.ts';

const employeeCount = Number(process.env['BENCH_EXTRACT_EMPLOYEES'] ?? 20_000);
const seed = Number(process.env['BENCH_EXTRACT_SEED'] ?? 7);
/**
 * Seeds of the person split and the boosting: an interval covers the sampling of test persons
 * for fixed models, so repeating the split shows how much training itself moves the difference.
 */
const splitSeeds = (process.env['BENCH_EXTRACT_SPLIT_SEEDS'] ?? '1').split(',').map(Number);
const domain = 'research-bench';
const work = await mkdtemp(join(tmpdir(), 'absencelab-bench-extract-'));
const cpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

try {
  const synthDir = join(work, 'synth');
  await writeSynthPopulation({
    employeeCount,
    years: 3,
    seed,
    startYear: 2023,
    outDir: synthDir,
    isIdentifiable: true,
  });
  const exportPath = join(work, 'identifiable.csv');
  await exportIdentifiableEpisodes(synthDir, exportPath);
  const keyPath = join(work, 'key.json');
  await writeKeyFile(keyPath, createKeyFileText());
  const policyPath = join(work, 'policy.json');
  await writeFile(policyPath, JSON.stringify(trainingPolicy(synthDir)));
  const extractPath = join(work, 'extract.csv');
  const report = await runPseudonymisation({
    inPath: exportPath,
    policyPath,
    keyFilePath: keyPath,
    domain,
    outPath: extractPath,
    reportPath: join(work, 'report.json'),
  });
  const preparedCpu = cpuSeconds();

  // The controller's side: with the key, original ids map to the extract's pseudonyms.
  const keyRing = await readKeyFile(keyPath);
  const pseudonymiser = createPseudonymiser({
    domainKey: deriveDomainKey(keyRing.masterKey(keyRing.currentVersion), domain),
    keyVersion: keyRing.currentVersion,
  });
  const original = await loadCanonicalProblem(synthDir);
  const extract = await loadExtractProblem(extractPath);
  const survivals: SurvivalUtility[] = [];
  for (const splitSeed of splitSeeds) {
    survivals.push(
      await measureSurvivalUtility({
        original,
        extract,
        pseudonymOf: (id) => pseudonymiser.pseudonymise(id),
        context: 'employer',
        seed: splitSeed,
      }),
    );
  }

  const utility = report.utility!;
  const interval = (pair: readonly number[] | null) =>
    pair === null ? 'n/a' : `${pair[0]!.toFixed(4)} to ${pair[1]!.toFixed(4)}`;
  console.log(
    `extract utility, ${employeeCount} synthetic employees, 3 years, seed ${seed}: ` +
      `${report.input.rows} episodes, ${report.kAnonymity.rowsSuppressed} suppressed`,
  );
  console.log(
    `  L2 logistic (report): AUC ${utility.aucOriginal} original, ${utility.aucExtract} extract, ` +
      `loss ${utility.aucLoss} (95 % ${interval(utility.aucLoss95)}), ${utility.testRows} rows ` +
      `of ${utility.testSubjects} persons; ${utility.verdict}`,
  );
  survivals.forEach((survival, s) => {
    console.log(
      `  time-to-event model, split seed ${splitSeeds[s]}: trained on ` +
        `${survival.trainEpisodes.original} original / ${survival.trainEpisodes.extract} extract ` +
        `episodes, ${survival.testPersons} test persons; left out on the extract: ` +
        `${survival.featuresLeftOut.join(', ')}`,
    );
    for (const h of survival.horizons) {
      console.log(
        `    > ${h.weeks} weeks: n ${h.n} (${h.positives} longer, ${h.persons} persons), AUC ` +
          `${h.aucOriginal} original, ${h.aucOriginalSameFeatures} original on the extract's ` +
          `features, ${h.aucExtract} extract; loss ${h.aucLoss} (95 % ${interval(h.aucLoss95)}, ` +
          `se ${h.aucLossStandardError}) ${h.verdict}; of which coarsening ${h.coarseningLoss} ` +
          `(95 % ${interval(h.coarseningLoss95)})`,
      );
    }
  });
  if (survivals.length > 1) {
    survivals[0]!.horizons.forEach((first, j) => {
      const losses = survivals.map((survival) => survival.horizons[j]!.aucLoss);
      const mean = losses.reduce((sum, loss) => sum + loss, 0) / losses.length;
      const sd = Math.sqrt(
        losses.reduce((sum, loss) => sum + (loss - mean) ** 2, 0) / (losses.length - 1),
      );
      console.log(
        `  > ${first.weeks} weeks over ${losses.length} splits: loss mean ${mean.toFixed(4)}, ` +
          `sd ${sd.toFixed(4)}, from ${Math.min(...losses)} to ${Math.max(...losses)}`,
      );
    });
  }
  console.log(
    `  CPU ${preparedCpu.toFixed(1)} s to prepare, ${(cpuSeconds() - preparedCpu).toFixed(1)} s ` +
      'to measure (main thread; workers apart)',
  );
  if (process.env['BENCH_EXTRACT_JSON'] === '1') {
    console.log(JSON.stringify({ utility, survivals }, null, 2));
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
