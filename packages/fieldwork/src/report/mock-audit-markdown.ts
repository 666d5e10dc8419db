import { DEVIATION_RULES } from '@fieldwork/core';
import type { AuditException, AuditReport, ControlAudit, SampledItem, TypeOneReport } from '@fieldwork/core';
import { escapeMarkdownHtml } from './markdown-escape.js';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const LABEL: Record<string, string> = {
  effective: 'Effective', effective_with_exceptions: 'Effective with exceptions', not_effective: 'Not effective',
  did_not_occur: 'Did not occur', insufficient_evidence: 'Not tested: no evidence', not_tested: 'Not tested (manual)',
};
const OVERALL: Record<string, string> = {
  clean: 'Clean — no exceptions noted in the tested controls.',
  qualified: 'Qualified — isolated exceptions or missing evidence to address before fieldwork.',
  not_ready: 'Not ready — at least one control did not operate as designed in the window.',
};
const FOUND: Record<AuditException['foundIn'], string> = { sample: 'sample', extension: 'extension', population: 'population test' };

/**
 * The mock audit as a SOC 2 Type II section 4: for each tested control, the control, the test
 * performed (method, unit, sample size), the result ("No exceptions noted." or "Exception noted:
 * …" with every deviation), the rule behind the conclusion and management's response; then every
 * sample with its trace. No timestamps, so the same seed and evidence give byte-identical output.
 */
export function mockAuditMarkdown(r: AuditReport, organization: string): string {
  const L: string[] = [];
  L.push(`# Mock audit (SOC 2 Type II) — ${esc(organization)}`, '');
  L.push(`Window ${r.period.from} to ${r.period.to} (${r.timezone}) · audit id \`${esc(r.auditId)}\` · sampling ${r.profile.kind}`, '');
  L.push(`**Overall: ${OVERALL[r.overall.conclusion]}**`, '');
  L.push(`> ${r.note}`, '>', `> ${r.remediation}`, '');
  L.push('| Conclusion | Controls |', '|---|---|');
  for (const [k, v] of Object.entries(r.overall.byConclusion)) if (v) L.push(`| ${LABEL[k]} | ${v} |`);
  L.push('');
  L.push('## How conclusions are reached', '');
  L.push('Each conclusion names the first of these rules that applies (docs/audit.md explains each with an example):', '');
  for (const rule of Object.values(DEVIATION_RULES)) L.push(`- **${rule.id}** — ${rule.text}`);
  L.push('');
  L.push('## Tests of operating effectiveness', '');
  for (const c of r.controls.filter((x) => x.conclusion !== 'not_tested')) append(L, section(c));
  L.push('## Every control', '');
  L.push('| Control | Criteria | Unit | Population | Sample | Deviations | Rule | Conclusion |', '|---|---|---|---|---|---|---|---|');
  for (const c of r.controls) L.push(`| ${c.control} ${esc(c.title)} | ${c.criteria.join(', ')} | ${esc(c.unit.noun)} (${c.frequency.replace('_', ' ')}) | ${c.population} | ${c.sampleSize}${c.extension ? ` + ${c.extension.size}` : ''} | ${c.deviations} | ${c.rule} | ${LABEL[c.conclusion]} |`);
  L.push('');
  L.push('## Samples and traces', '');
  for (const c of r.controls.filter((x) => x.sampled.length > 0)) append(L, samples(c));
  return escapeMarkdownHtml(L.join('\n') + '\n');
}

/** One control as a section 4 entry. */
function section(c: ControlAudit): string[] {
  const L = [`### ${c.control} ${esc(c.title)}`, ''];
  L.push('| | |', '|---|---|');
  L.push(`| Control | ${esc(c.statement)} |`);
  L.push(`| Criteria | ${c.criteria.join(', ')} · ${c.frequency.replace('_', ' ')}${c.automated ? ' · automated' : ''}${c.zeroTolerance ? ' · zero tolerance' : ''} |`);
  L.push(`| Test performed | ${esc(c.testPerformed)} |`);
  L.push(`| Population | ${c.population} ${esc(c.population === 1 ? c.unit.noun : c.unit.plural)}${c.populationQuery ? ` — ${esc(c.populationQuery)}` : ''} |`);
  L.push(`| Result | ${esc(c.result)} |`);
  L.push(`| Conclusion | ${LABEL[c.conclusion]} — rule **${c.rule}**${c.ruleReason ? ` (${esc(c.ruleReason)})` : ''}: ${esc(DEVIATION_RULES[c.rule].text)} |`);
  L.push('');
  if (c.exceptions.length) {
    L.push(`Exceptions noted (${c.exceptions.length}):`, '');
    L.push(`| # | ${esc(capital(c.unit.noun))} | Found in | Rule | Deviation | Evidence |`, '|---|---|---|---|---|---|');
    for (const [i, e] of c.exceptions.entries()) {
      L.push(`| ${i + 1} | ${esc(e.unit ?? '(none)')} | ${FOUND[e.foundIn]} | ${esc(e.rule)} | ${esc(e.detail)} | ${esc(e.citations.map((x) => `${x.source} ${x.locator} ${x.artifact.slice(0, 12)}`).join('; ') || '—')} |`);
    }
    L.push('');
    L.push(c.managementResponse ? `**Management's response:** ${esc(c.managementResponse)}` : `**Management's response:** _none recorded — add one under \`audit.responses.${c.control}\` in fieldwork.yaml._`, '');
  }
  return L;
}

function samples(c: ControlAudit): string[] {
  const L = [`### ${c.control} ${esc(c.title)}`, '', `- Population: ${c.population} ${esc(c.unit.plural)} — ${esc(c.populationQuery ?? '')}`, `- Sample: ${c.sampleSize} — ${esc(c.sampleBasis)}`, `- Seed: \`${c.seed}\``, ''];
  append(L, traced(c.sampled, 1));
  if (c.extension) {
    L.push('', `Extension (${c.extension.size} more ${esc(c.extension.size === 1 ? c.unit.noun : c.unit.plural)}, same seed; ${c.extension.deviations} deviated):`, '');
    append(L, traced(c.extension.sampled, c.sampled.length + 1));
  }
  L.push('');
  return L;
}

function traced(items: readonly SampledItem[], first: number): string[] {
  const L: string[] = [];
  for (const [i, s] of items.entries()) {
    L.push(`${first + i}. **${esc(s.subject)}**${s.at ? ` (${s.at})` : ''}${s.deviations.length ? ` — deviation: ${s.deviations.map((d) => esc(d.rule)).join(', ')}` : ' — no deviation'}`);
    for (const t of s.trace) L.push(`   - ${esc(t.label)}${t.at ? ` · ${t.at}` : ''}${t.detail ? ` · ${esc(t.detail)}` : ''}${t.citation ? ` · _${esc(t.citation.source)} ${esc(t.citation.locator)}_` : ''}`);
  }
  return L;
}

/**
 * Appends `lines` one at a time: `push(...lines)` passes each line as an argument, and a section
 * of 101,000 exception rows (CHG-01 at 10M records) overflowed the call stack.
 */
function append(to: string[], lines: readonly string[]): void {
  for (const l of lines) to.push(l);
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The Type I assessment as Markdown. */
export function typeOneMarkdown(r: TypeOneReport, organization: string): string {
  const L = [`# Type I readiness — ${organization}, as of ${r.asOf}`, '', `${r.summary.designed} of ${r.summary.controls} controls designed, ${r.summary.implemented} implemented with evidence. ${r.ready ? '**Ready for a Type I as-of date.**' : '**Not yet ready:** close the gaps below.'}`, ''];
  L.push('| Control | Designed | Implemented | Owner | Policy | Gaps |', '|---|---|---|---|---|---|');
  const sorted = [...r.controls].sort((a, b) => Number(a.designed && a.implemented) - Number(b.designed && b.implemented) || (a.control < b.control ? -1 : 1));
  for (const c of sorted) L.push(`| ${c.control} ${esc(c.title)} | ${c.designed ? 'yes' : 'no'} | ${c.implemented ? 'yes' : 'no'} | ${esc(c.owner ?? '—')} | ${c.policy.id}${c.policy.approved ? ` (approved ${c.policy.approvedAt})` : ' (not approved)'} | ${esc(c.gaps.join(' '))} |`);
  return escapeMarkdownHtml(L.join('\n') + '\n');
}
