import type { AuditReport, ControlAudit, TypeOneReport } from '@fieldwork/core';
import { escapeMarkdownHtml } from './markdown-escape.js';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const LABEL: Record<string, string> = {
  effective: 'Effective', effective_with_exceptions: 'Effective with exceptions', not_effective: 'Not effective',
  did_not_occur: 'Did not occur', insufficient_evidence: 'Insufficient evidence', not_tested: 'Not tested (manual)',
};
const OVERALL: Record<string, string> = {
  clean: 'Clean — no deviations in the tested controls.',
  qualified: 'Qualified — isolated deviations or missing evidence to address before fieldwork.',
  not_ready: 'Not ready — at least one control did not operate as designed in the period.',
};

/**
 * The mock audit as a document read top-down: the overall result, controls with exceptions
 * first, then every sample with its trace. No timestamps, so the same seed and evidence give
 * byte-identical output.
 */
export function mockAuditMarkdown(r: AuditReport, organization: string): string {
  const L: string[] = [];
  L.push(`# Mock audit (SOC 2 Type II) — ${organization}`, '');
  L.push(`Window ${r.period.from} to ${r.period.to} · audit id \`${r.auditId}\` · sampling ${r.profile.kind}`, '');
  L.push(`**Overall: ${OVERALL[r.overall.conclusion]}**`, '');
  L.push(`> ${r.note}`, '');
  L.push('| Conclusion | Controls |', '|---|---|');
  for (const [k, v] of Object.entries(r.overall.byConclusion)) if (v) L.push(`| ${LABEL[k]} | ${v} |`);
  L.push('');
  const problems = r.controls.filter((c) => c.conclusion === 'not_effective' || c.conclusion === 'effective_with_exceptions');
  if (problems.length) {
    L.push('## Controls with exceptions', '');
    for (const c of problems) {
      L.push(`### ${c.control} ${esc(c.title)} — ${LABEL[c.conclusion]} (${c.classification})`, '');
      L.push(c.summary, '');
      const all = [...c.sampled.flatMap((s) => s.deviations), ...c.controlLevelExceptions];
      for (const e of all) L.push(`- **${esc(e.subject)}** — ${esc(e.detail)} _(rule ${e.rule}; ${e.citations.map((x) => `${x.source} ${x.locator} ${x.artifact.slice(0, 12)}`).join('; ')})_`);
      if (c.populationExceptions > all.length) L.push(`- … and ${c.populationExceptions - all.length} more found by the population test outside the sample (see \`fieldwork check\`).`);
      L.push('');
    }
  }
  L.push('## Every control', '');
  L.push('| Control | Criteria | Frequency | Population | Sample | Deviations | Conclusion |', '|---|---|---|---|---|---|---|');
  for (const c of r.controls) L.push(`| ${c.control} ${esc(c.title)} | ${c.criteria.join(', ')} | ${c.frequency.replace('_', ' ')} | ${c.population} | ${c.sampleSize} | ${c.sampleDeviations} | ${LABEL[c.conclusion]} |`);
  L.push('');
  L.push('## Samples and traces', '');
  for (const c of r.controls.filter((x) => x.sampled.length > 0)) L.push(...samples(c));
  return escapeMarkdownHtml(L.join('\n') + '\n');
}

function samples(c: ControlAudit): string[] {
  const L = [`### ${c.control} ${esc(c.title)}`, '', `- Population: ${c.population} — ${c.populationQuery ?? ''}`, `- Sample: ${c.sampleSize} — ${c.sampleBasis}`, `- Seed: \`${c.seed}\``, ''];
  for (const [i, s] of c.sampled.entries()) {
    L.push(`${i + 1}. **${esc(s.subject)}**${s.at ? ` (${s.at})` : ''}${s.deviations.length ? ` — deviation: ${s.deviations.map((d) => d.rule).join(', ')}` : ' — no deviation'}`);
    for (const t of s.trace) L.push(`   - ${esc(t.label)}${t.at ? ` · ${t.at}` : ''}${t.detail ? ` · ${esc(t.detail)}` : ''}${t.citation ? ` · _${t.citation.source} ${t.citation.locator}_` : ''}`);
  }
  L.push('');
  return L;
}

/** The Type I assessment as Markdown. */
export function typeOneMarkdown(r: TypeOneReport, organization: string): string {
  const L = [`# Type I readiness — ${organization}, as of ${r.asOf}`, '', `${r.summary.designed} of ${r.summary.controls} controls designed, ${r.summary.implemented} implemented with evidence. ${r.ready ? '**Ready for a Type I as-of date.**' : '**Not yet ready:** close the gaps below.'}`, ''];
  L.push('| Control | Designed | Implemented | Owner | Policy | Gaps |', '|---|---|---|---|---|---|');
  const sorted = [...r.controls].sort((a, b) => Number(a.designed && a.implemented) - Number(b.designed && b.implemented) || (a.control < b.control ? -1 : 1));
  for (const c of sorted) L.push(`| ${c.control} ${esc(c.title)} | ${c.designed ? 'yes' : 'no'} | ${c.implemented ? 'yes' : 'no'} | ${esc(c.owner ?? '—')} | ${c.policy.id}${c.policy.approved ? ` (approved ${c.policy.approvedAt})` : ' (not approved)'} | ${esc(c.gaps.join(' '))} |`);
  return escapeMarkdownHtml(L.join('\n') + '\n');
}
