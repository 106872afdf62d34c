import type { Indication } from '../absence/indication.ts';
import type { Language } from '../features/featureSpec.ts';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

const words = {
  en: {
    title: 'Sick reports and their indication',
    case: 'Case',
    employee: 'Employee',
    month: 'Month',
    probability: 'Indication',
    band: 'Band',
    factors: 'Main factors',
    model: 'Model',
    context: 'Context',
  },
  nl: {
    title: 'Ziekmeldingen en hun indicatie',
    case: 'Casus',
    employee: 'Medewerker',
    month: 'Maand',
    probability: 'Indicatie',
    band: 'Klasse',
    factors: 'Belangrijkste factoren',
    model: 'Model',
    context: 'Context',
  },
} as const;

export interface PageRow {
  indication: Indication;
  employeeId: string;
  month: string;
}

/** The list of bundled cases: one row per sick report with its indication and top factors. */
export function renderCasesPage(options: {
  rows: readonly PageRow[];
  language: Language;
  context: string;
  contexts: readonly string[];
  modelVersion: string;
  targetDescription: string;
}): string {
  const w = words[options.language];
  const links = options.contexts
    .map((context) =>
      context === options.context
        ? `<strong>${escapeHtml(context)}</strong>`
        : `<a href="?context=${encodeURIComponent(context)}&lang=${options.language}">${escapeHtml(context)}</a>`,
    )
    .join(' · ');
  const languageLink = options.language === 'en' ? 'nl' : 'en';
  const body = options.rows
    .map(({ indication, employeeId, month }) => {
      const factors = indication.factors
        .slice(0, 3)
        .map((f) => `<li class="${f.direction}">${escapeHtml(f.sentence[options.language])}</li>`)
        .join('');
      return (
        `<tr data-case="${escapeHtml(indication.caseId)}"><td>${escapeHtml(indication.caseId)}</td>` +
        `<td>${escapeHtml(employeeId)}</td><td>${escapeHtml(month)}</td>` +
        `<td class="num">${(indication.probability * 100).toFixed(1)}%</td>` +
        `<td><span class="band ${indication.band}">${indication.band}</span></td>` +
        `<td><ul>${factors}</ul></td></tr>`
      );
    })
    .join('\n');
  const notice = options.rows[0]?.indication.notice[options.language] ?? '';

  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>absencelab · ${escapeHtml(w.title)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
ul { margin: 0; padding-left: 1rem; }
li.raises { color: #8a1c1c; } li.lowers { color: #1c5a8a; }
.band { padding: 0 .4rem; border-radius: .3rem; }
.band.high { background: #f6d5d5; } .band.medium { background: #f8ecc9; } .band.low { background: #dcefdc; }
.notice { background: #eef3fb; padding: .6rem .8rem; border-radius: .4rem; }
</style>
</head>
<body>
<h1>${escapeHtml(w.title)}</h1>
<p class="notice">${escapeHtml(notice)}</p>
<p>${w.context}: ${links} · <a href="?context=${encodeURIComponent(options.context)}&lang=${languageLink}">${languageLink.toUpperCase()}</a></p>
<p>${w.model}: ${escapeHtml(options.modelVersion)} · ${escapeHtml(options.targetDescription)}</p>
<table>
<thead><tr><th>${w.case}</th><th>${w.employee}</th><th>${w.month}</th><th>${w.probability}</th><th>${w.band}</th><th>${w.factors}</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</body>
</html>
`;
}
