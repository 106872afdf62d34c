import { employerLawful, physicianOnly } from './contexts.ts';
import { coded, labelled, yesNo } from './describe.ts';
import type { FeatureSpec, NumericFeatureSpec } from './featureSpec.ts';
import { historyFeatures } from './historyFeatures.ts';
import type { ScoringCase } from './scoringCase.ts';
import { monthNames, weekdayNames } from './calendarNames.ts';

const employeeAttribute = (key: string) => (c: ScoringCase) => c.employee.attributes?.[key];
const episodeAttribute = (key: string) => (c: ScoringCase) => c.episode.attributes?.[key];

const byNumber = (names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.map((name, i) => [String(i + 1), name]));

/** ICD-10 chapters I-XXI and the UCI file's own codes 22-28, as the UCI documentation gives them. */
const reasonNames = {
  en: byNumber([
    'infectious and parasitic diseases',
    'neoplasms',
    'diseases of the blood and immune system',
    'endocrine, nutritional and metabolic diseases',
    'mental and behavioural disorders',
    'diseases of the nervous system',
    'diseases of the eye',
    'diseases of the ear',
    'diseases of the circulatory system',
    'diseases of the respiratory system',
    'diseases of the digestive system',
    'diseases of the skin',
    'diseases of the musculoskeletal system',
    'diseases of the genitourinary system',
    'pregnancy and childbirth',
    'perinatal conditions',
    'congenital malformations',
    'symptoms not elsewhere classified',
    'injury and poisoning',
    'external causes',
    'factors influencing health status',
    'patient follow-up',
    'medical consultation',
    'blood donation',
    'laboratory examination',
    'unjustified absence',
    'physiotherapy',
    'dental consultation',
  ]),
  nl: byNumber([
    'infectieziekten',
    'nieuwvormingen',
    'ziekten van bloed en afweer',
    'endocriene, voedings- en stofwisselingsziekten',
    'psychische stoornissen',
    'ziekten van het zenuwstelsel',
    'oogaandoeningen',
    'ooraandoeningen',
    'ziekten van hart en vaten',
    'ziekten van de ademhalingswegen',
    'ziekten van het spijsverteringsstelsel',
    'huidaandoeningen',
    'ziekten van het bewegingsapparaat',
    'ziekten van urinewegen en geslachtsorganen',
    'zwangerschap en bevalling',
    'perinatale aandoeningen',
    'aangeboren afwijkingen',
    'elders niet geclassificeerde symptomen',
    'letsel en vergiftiging',
    'externe oorzaken',
    'factoren die de gezondheid beïnvloeden',
    'vervolgconsult',
    'medisch consult',
    'bloeddonatie',
    'laboratoriumonderzoek',
    'ongeoorloofd verzuim',
    'fysiotherapie',
    'tandartsbezoek',
  ]),
};

function numeric(
  name: string,
  contexts: NumericFeatureSpec['contexts'],
  value: NumericFeatureSpec['value'],
  describe: NumericFeatureSpec['describe'],
): NumericFeatureSpec {
  return { name, kind: 'numeric', contexts, value, describe };
}

/**
 * Every feature a model may read from the UCI "Absenteeism at work" records, each tagged with
 * the contexts in which it is lawful. The reason code is a diagnosis and weight, height, BMI,
 * drinking and smoking are health data: occupational physician only.
 */
export const uciFeatures: readonly FeatureSpec[] = [
  ...historyFeatures,
  {
    name: 'reportMonth',
    kind: 'categorical',
    contexts: employerLawful,
    value: (c) => String(Number(c.episode.startMonth.slice(5, 7))),
    describe: coded({ en: 'Month of the report', nl: 'Maand van de melding' }, monthNames),
  },
  {
    name: 'reportWeekday',
    kind: 'categorical',
    contexts: employerLawful,
    value: (c) =>
      c.episode.startWeekday === undefined ? undefined : String(c.episode.startWeekday),
    describe: coded({ en: 'Day of the report', nl: 'Dag van de melding' }, weekdayNames),
  },
  numeric(
    'ageYears',
    employerLawful,
    (c) => c.employee.ageYears,
    labelled({ en: 'Age', nl: 'Leeftijd' }, { en: 'years', nl: 'jaar' }),
  ),
  numeric(
    'tenureYears',
    employerLawful,
    (c) => c.employee.tenureYears,
    labelled({ en: 'Years of service', nl: 'Dienstjaren' }),
  ),
  numeric(
    'transportExpense',
    employerLawful,
    employeeAttribute('transportExpense'),
    labelled({ en: 'Transport allowance', nl: 'Reiskostenvergoeding' }),
  ),
  numeric(
    'distanceKm',
    employerLawful,
    employeeAttribute('distanceKm'),
    labelled({ en: 'Distance from home to work', nl: 'Woon-werkafstand' }, { en: 'km', nl: 'km' }),
  ),
  numeric(
    'educationLevel',
    employerLawful,
    employeeAttribute('educationLevel'),
    labelled({ en: 'Education level (1-4)', nl: 'Opleidingsniveau (1-4)' }),
  ),
  numeric(
    'children',
    employerLawful,
    employeeAttribute('children'),
    labelled({ en: 'Children', nl: 'Kinderen' }),
  ),
  numeric(
    'pets',
    employerLawful,
    employeeAttribute('pets'),
    labelled({ en: 'Pets', nl: 'Huisdieren' }),
  ),
  numeric(
    'workloadPerDay',
    employerLawful,
    episodeAttribute('workloadPerDay'),
    labelled({
      en: 'Average daily workload that month',
      nl: 'Gemiddelde werklast per dag die maand',
    }),
  ),
  numeric(
    'hitTargetPct',
    employerLawful,
    episodeAttribute('hitTargetPct'),
    labelled(
      { en: 'Target achieved that month', nl: 'Doel behaald die maand' },
      { en: '%', nl: '%' },
    ),
  ),
  {
    name: 'diagnosisCode',
    kind: 'categorical',
    contexts: physicianOnly,
    value: (c) => c.episode.medical?.diagnosisCode,
    describe: coded({ en: 'Reason for absence', nl: 'Reden van verzuim' }, reasonNames),
  },
  numeric(
    'bmi',
    physicianOnly,
    employeeAttribute('bmi'),
    labelled({ en: 'Body mass index', nl: 'Body-mass-index' }),
  ),
  numeric(
    'weightKg',
    physicianOnly,
    employeeAttribute('weightKg'),
    labelled({ en: 'Weight', nl: 'Gewicht' }, { en: 'kg', nl: 'kg' }),
  ),
  numeric(
    'heightCm',
    physicianOnly,
    employeeAttribute('heightCm'),
    labelled({ en: 'Height', nl: 'Lengte' }, { en: 'cm', nl: 'cm' }),
  ),
  numeric(
    'socialDrinker',
    physicianOnly,
    employeeAttribute('socialDrinker'),
    yesNo({ en: 'Drinks socially', nl: 'Drinkt sociaal' }),
  ),
  numeric(
    'socialSmoker',
    physicianOnly,
    employeeAttribute('socialSmoker'),
    yesNo({ en: 'Smokes socially', nl: 'Rookt sociaal' }),
  ),
];
