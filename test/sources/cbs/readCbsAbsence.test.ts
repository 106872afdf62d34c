import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../../src/core/errors.ts';
import {
  completeSeriesFrom,
  missingQuarters,
  parseCbsAbsence,
  readCbsAbsence,
} from '../../../src/sources/cbs/index.ts';

const dataDir = new URL('../../../data/cbs-80072ned', import.meta.url).pathname;
const header =
  'sector_key,sector_label_nl,sector_level,period_key,period_label_nl,period_type,year,quarter,status,absence_pct';
const goodRow =
  'T001081,A-U Alle economische activiteiten,Totaal,2008KW01,2008 1e kwartaal,quarter,2008,1,Definitief,4.9';

function issuesOf(run: () => unknown): { row?: number; column?: string; message: string }[] {
  try {
    run();
  } catch (error) {
    assert.ok(isAppError(error));
    assert.equal(error.code, 'INVALID_INPUT');
    return [...error.issues];
  }
  assert.fail('expected an INVALID_INPUT error');
}

describe('readCbsAbsence on the bundled 80072ned file', async () => {
  const { file, series } = await readCbsAbsence(dataDir);

  it('returns 39 quarterly series of 119 quarters, 1996Q1-2025Q3', () => {
    assert.equal(file, '80072ned_sickness_absence_pct_by_sector_quarterly.csv');
    assert.equal(series.length, 39);
    for (const one of series) {
      assert.deepEqual(one.start, { year: 1996, season: 1 });
      assert.equal(one.absencePct.length, 119);
      assert.equal(one.provisionalQuarters, 3);
    }
  });

  it('keeps the published values: national 5.5 % in 1996Q1 and the 6.3 % peak in 2022Q1', () => {
    const total = series.find((one) => one.key === 'T001081');
    assert.ok(total);
    assert.equal(total.level, 'Totaal');
    assert.equal(total.absencePct[0], 5.5);
    assert.equal(total.absencePct[(2022 - 1996) * 4], 6.3);
    assert.equal(Math.max(...total.absencePct.map((v) => v ?? 0)), 6.3);
  });

  it('marks the documented gaps as missing quarters (248 in all)', () => {
    const missing = new Map(series.map((one) => [one.key, missingQuarters(one)]));
    assert.equal(
      [...missing.values()].reduce((sum, m) => sum + m.length, 0),
      248,
    );
    assert.equal(missing.get('T001081')?.length, 0);
    assert.deepEqual(missing.get('419000')?.slice(0, 1), ['1996Q1']); // P Onderwijs: none before 2004
    assert.equal(missing.get('419000')?.length, 32);
    assert.equal(missing.get('389100')?.[0], '2003Q1'); // I Horeca lacks 2003-2005
    assert.equal(missing.get('389100')?.length, 12);
    assert.equal(missing.get('WP19078')?.length, 20); // size class 1-10 lacks 2003-2007
  });

  it('completeSeriesFrom 2008Q1 gives 39 gap-free series of 71 quarters', () => {
    const complete = completeSeriesFrom(series, { year: 2008, season: 1 }, file);
    assert.equal(complete.length, 39);
    for (const one of complete) {
      assert.equal(one.values.length, 71);
      assert.equal(one.seasonLength, 4);
      assert.ok(one.values.every((v) => Number.isFinite(v) && v > 0 && v < 15));
    }
  });

  it('completeSeriesFrom 2004Q1 refuses the series with gaps, naming each and its first gap', () => {
    const issues = issuesOf(() => completeSeriesFrom(series, { year: 2004, season: 1 }, file));
    assert.equal(issues.length, 15);
    const paper = issues.find((issue) => (issue as { field?: string }).field === '317105');
    assert.match(paper?.message ?? '', /no figure for 2004Q1/);
  });
});

describe('parseCbsAbsence', () => {
  it('reads quarter rows and drops year rows', () => {
    const yearRow = 'T001081,A-U,Totaal,2008JJ00,2008,year,2008,,Definitief,4.1';
    const rows = parseCbsAbsence([header, goodRow, yearRow].join('\n'), 'x.csv');
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0], {
      sectorKey: 'T001081',
      sectorLabel: 'A-U Alle economische activiteiten',
      sectorLevel: 'Totaal',
      year: 2008,
      quarter: 1,
      isProvisional: false,
      absencePct: 4.9,
    });
  });

  it('reads an empty percentage as a missing figure', () => {
    const rows = parseCbsAbsence([header, goodRow.replace(/4\.9$/, '')].join('\n'), 'x.csv');
    assert.equal(rows[0]?.absencePct, null);
  });

  it('names a missing column', () => {
    const issues = issuesOf(() =>
      parseCbsAbsence([header.replace(',status', ''), goodRow].join('\n'), 'x.csv'),
    );
    assert.deepEqual(
      issues.map((i) => i.column),
      ['status'],
    );
  });

  it('names row and column of a percentage out of range, without echoing the value', () => {
    const bad = goodRow.replace(/4\.9$/, '140');
    const issues = issuesOf(() => parseCbsAbsence([header, goodRow, bad].join('\n'), 'x.csv'));
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.row, 2);
    assert.equal(issues[0]?.column, 'absence_pct');
    assert.doesNotMatch(issues[0]?.message ?? '', /140/);
  });

  it('refuses a quarter that disagrees with the period code', () => {
    const bad = goodRow.replace(',2008,1,', ',2008,2,');
    const issues = issuesOf(() => parseCbsAbsence([header, bad].join('\n'), 'x.csv'));
    assert.equal(issues[0]?.column, 'quarter');
  });

  it('refuses a repeated sector and period', () => {
    const issues = issuesOf(() => parseCbsAbsence([header, goodRow, goodRow].join('\n'), 'x.csv'));
    assert.equal(issues[0]?.row, 2);
    assert.match(issues[0]?.message ?? '', /repeats/);
  });

  it('refuses an unquoted label with a comma as a row with too many cells', () => {
    const bad = goodRow.replace('A-U Alle economische activiteiten', '24-30, 33 Metaal-elektro');
    const issues = issuesOf(() => parseCbsAbsence([header, bad].join('\n'), 'x.csv'));
    assert.match(issues[0]?.message ?? '', /11 cells/);
  });

  it('refuses an unknown period code', () => {
    const bad = goodRow.replace('2008KW01', '2008Q1');
    const issues = issuesOf(() => parseCbsAbsence([header, bad].join('\n'), 'x.csv'));
    assert.equal(issues[0]?.column, 'period_key');
  });
});

describe('readCbsAbsence on a missing path', () => {
  it('throws NOT_FOUND', async () => {
    await assert.rejects(readCbsAbsence('/nonexistent/cbs'), (error: unknown) => {
      assert.ok(isAppError(error));
      assert.equal(error.code, 'NOT_FOUND');
      return true;
    });
  });
});
