import type { EvidenceMap } from './evidence-map.js';

/**
 * One CSV cell: RFC 4180 quoting, and a text that a spreadsheet would run as a formula (it
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return, possibly after spaces) is prefixed
 * with `'` so it is shown as text. Numbers are written as they are.
 *
 * @example
 * csvCell('=HYPERLINK("http://x")') // `"'=HYPERLINK(""http://x"")"`
 */
export function csvCell(v: string | number | null): string {
  const raw = v === null ? '' : String(v);
  const s = typeof v === 'string' && /^[ ]*[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The evidence map as CSV, one row per control (spreadsheets and auditor tools read it). */
export function evidenceMapCsv(map: EvidenceMap): string {
  const header = ['control', 'title', 'criteria', 'category', 'source_systems', 'missing_sources', 'cadence', 'owner', 'last_evidence', 'status', 'population', 'exceptions', 'check'];
  const rows = map.rows.map((r) => [r.control, r.title, r.criteria.join(' '), r.category, r.sources.join('; '), r.missingSources.join('; '), r.cadence, r.owner, r.lastEvidence, r.status, r.population, r.exceptions, r.check]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
