import type { EvidenceMap } from './evidence-map.js';
import { escapeMarkdownHtml } from './markdown-escape.js';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const STATUS: Record<string, string> = { pass: 'pass', exception: '**exception**', insufficient_evidence: 'insufficient evidence', not_tested: 'not tested', 'not run': 'not run' };

/** The evidence map as Markdown, grouped by control category. */
export function evidenceMapMarkdown(map: EvidenceMap): string {
  const lines: string[] = [];
  lines.push(`# Evidence map — ${map.organization}`, '');
  lines.push(`Period: ${map.period ? `${map.period.from} to ${map.period.to}` : 'no check run yet'} · generated ${map.generatedAt}${map.checkRunAt ? ` · results from the check run of ${map.checkRunAt}` : ''}`, '');
  const count = (s: string) => map.rows.filter((r) => r.status === s).length;
  lines.push(`${map.rows.length} controls in scope: ${count('pass')} pass, ${count('exception')} with exceptions, ${count('insufficient_evidence')} lack evidence, ${count('not_tested')} attested manually or not yet tested.`, '');
  const categories = [...new Set(map.rows.map((r) => r.category))];
  for (const cat of categories) {
    lines.push(`## ${cat.replace('_', ' ')}`, '');
    lines.push('| Control | Criteria | Source systems | Cadence | Owner | Last evidence | Status |', '|---|---|---|---|---|---|---|');
    for (const r of map.rows.filter((x) => x.category === cat)) {
      const sources = r.sources.length ? r.sources.join(', ') : r.missingSources.length ? `_none configured (${r.missingSources.slice(0, 3).join(', ')})_` : '_manual_';
      const status = `${STATUS[r.status] ?? r.status}${r.exceptions ? ` (${r.exceptions})` : ''}`;
      lines.push(`| ${esc(`${r.control} ${r.title}`)} | ${r.criteria.join(', ')} | ${esc(sources)} | ${r.cadence} | ${esc(r.owner)} | ${r.lastEvidence ? r.lastEvidence.slice(0, 10) : '—'} | ${status} |`);
    }
    lines.push('');
  }
  lines.push('## Risks by control', '');
  const linked = map.rows.filter((r) => r.risks.length > 0);
  if (map.riskCount === 0) lines.push('_No risk register collected: add risks.yaml as a `risk-register-yaml` source (docs/risk-register.md)._', '');
  else if (linked.length === 0) lines.push(`_${map.riskCount} risks collected; none links to a control in scope._`, '');
  else {
    lines.push('| Control | Risks it treats |', '|---|---|');
    for (const r of linked) lines.push(`| ${esc(`${r.control} ${r.title}`)} | ${esc(r.risks.map((x) => `${x.id} ${x.title}`).join('; '))} |`);
    lines.push('');
  }
  return escapeMarkdownHtml(lines.join('\n'));
}
