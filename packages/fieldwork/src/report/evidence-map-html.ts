import type { ControlResult } from '@fieldwork/core';
import type { EvidenceBundle } from './evidence-bundle.js';
import type { EvidenceMapRow } from './evidence-map.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const LABEL: Record<string, string> = { pass: 'pass', exception: 'exception', insufficient_evidence: 'insufficient evidence', not_tested: 'not tested', 'not run': 'not run' };

// Inline so the file opens anywhere (mail attachment, air-gapped laptop) with no external assets.
const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1b1f24}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;text-transform:capitalize}
.meta{color:#57606a}.meta code{font-size:12px}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}
.badge{display:inline-block;border-radius:1em;padding:0 .6em;font-size:12px;font-weight:600;white-space:nowrap}
.pass{background:#dafbe1;color:#116329}.exception{background:#ffebe9;color:#a40e26}
.insufficient_evidence{background:#fff8c5;color:#7d4e00}.not_tested,.not-run{background:#eaeef2;color:#424a53}
.muted{color:#57606a}.ex td{background:#fffafa}.ex table{margin:0}.ex th{background:#fff0ee}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px}
summary{cursor:pointer;font-weight:600}
`;

/**
 * The evidence map as one self-contained HTML file: controls grouped by category with status
 * badges, each control's exceptions with their citations, and the ledger head that pins the
 * evidence. All text is escaped.
 */
export function evidenceMapHtml(b: EvidenceBundle): string {
  const { map } = b;
  const results = new Map((b.check?.run.results ?? []).map((r) => [r.control, r]));
  const count = (s: string) => map.rows.filter((r) => r.status === s).length;
  const period = map.period ? `${map.period.from} to ${map.period.to}` : 'no check run yet';
  const body: string[] = [];
  body.push(`<h1>Evidence map — ${escapeHtml(map.organization)}</h1>`);
  body.push(`<p class="meta">Period ${escapeHtml(period)} (${escapeHtml(b.timezone)}) · generated ${escapeHtml(map.generatedAt)}${map.checkRunAt ? ` · results from the check run of ${escapeHtml(map.checkRunAt)}` : ''}</p>`);
  body.push(`<p class="meta">Ledger: ${b.ledger.length} entries · head <code>${escapeHtml(b.ledgerHead)}</code></p>`);
  if (b.check?.ledgerHead && b.check.resultsDigest) {
    // What this run rests on: `fieldwork verify` checks both against the store.
    body.push(`<p class="meta">Check run ${b.check.id} read ledger entry ${b.check.ledgerHead.seq} (<code>${escapeHtml(b.check.ledgerHead.hash)}</code>) · results digest <code>${escapeHtml(b.check.resultsDigest)}</code></p>`);
  }
  body.push(`<p>${map.rows.length} controls in scope: ${badge('pass', `${count('pass')} pass`)} ${badge('exception', `${count('exception')} with exceptions`)} ${badge('insufficient_evidence', `${count('insufficient_evidence')} lack evidence`)} ${badge('not_tested', `${count('not_tested')} not tested`)}${count('not run') ? ` ${badge('not run', `${count('not run')} not run`)}` : ''}</p>`);
  for (const cat of [...new Set(map.rows.map((r) => r.category))]) {
    body.push(`<h2 id="cat-${escapeHtml(cat)}">${escapeHtml(cat.replace(/_/g, ' '))}</h2>`);
    body.push('<table><thead><tr><th>Control</th><th>Criteria</th><th>Source systems</th><th>Cadence</th><th>Owner</th><th>Last evidence</th><th>Population</th><th>Status</th></tr></thead><tbody>');
    for (const r of map.rows.filter((x) => x.category === cat)) body.push(controlRow(r), ...exceptionRows(results.get(r.control)));
    body.push('</tbody></table>');
  }
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Evidence map — ${escapeHtml(map.organization)}</title><style>${CSS}</style></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
}

function badge(status: string, text: string): string {
  return `<span class="badge ${status.replace(/ /g, '-')}">${escapeHtml(text)}</span>`;
}

function controlRow(r: EvidenceMapRow): string {
  const sources = r.sources.length ? escapeHtml(r.sources.join(', ')) : r.missingSources.length ? `<span class="muted">none configured (${escapeHtml(r.missingSources.join(', '))})</span>` : '<span class="muted">manual</span>';
  return `<tr id="${escapeHtml(r.control)}"><td><strong>${escapeHtml(r.control)}</strong> ${escapeHtml(r.title)}<br><span class="muted">${escapeHtml(r.check)}</span>${r.risks.length ? `<br><span class="muted">treats ${escapeHtml(r.risks.map((x) => x.id).join(', '))}</span>` : ''}</td><td>${escapeHtml(r.criteria.join(', '))}</td><td>${sources}</td><td>${escapeHtml(r.cadence)}</td><td>${escapeHtml(r.owner)}</td><td>${r.lastEvidence ? escapeHtml(r.lastEvidence.slice(0, 10)) : '—'}</td><td>${r.population}</td><td>${badge(r.status, `${LABEL[r.status] ?? r.status}${r.exceptions ? ` (${r.exceptions})` : ''}`)}</td></tr>`;
}

function exceptionRows(r: ControlResult | undefined): string[] {
  if (!r || (r.exceptions.length === 0 && !r.error)) return [];
  const rows = r.exceptions.map((e) => `<tr><td>${escapeHtml(e.subject)}</td><td><code>${escapeHtml(e.rule)}</code></td><td>${escapeHtml(e.detail)}</td><td>${e.at ? escapeHtml(e.at) : ''}</td><td>${e.citations.map((c) => `<code title="${escapeHtml(c.artifact)}">${escapeHtml(c.artifact.slice(0, 12))}</code> ${escapeHtml(c.source)} ${escapeHtml(c.locator)}`).join('<br>')}</td></tr>`);
  const error = r.error ? `<p class="muted">The check failed: ${escapeHtml(r.error)}</p>` : '';
  const table = rows.length ? `<table><thead><tr><th>Subject</th><th>Rule</th><th>Detail</th><th>At</th><th>Citations (artifact, source, locator)</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '';
  return [`<tr class="ex"><td colspan="8"><details open><summary>${escapeHtml(r.control)}: ${rows.length} exception${rows.length === 1 ? '' : 's'}</summary>${error}${table}</details></td></tr>`];
}
