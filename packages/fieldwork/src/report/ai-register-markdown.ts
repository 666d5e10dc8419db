/** @module The AI system register as a report section (Markdown). */
import type { AiSystemRegister, ControlResult } from '@fieldwork/core';
import { escapeMarkdownHtml } from './markdown-escape.js';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const day = (iso: string) => iso.slice(0, 10);

/**
 * The register: models and providers seen in production against declarations and the vendor
 * list, models seen only outside production, agents, and tools with their autonomy and
 * oversight — followed by the register check's exceptions from the stored run.
 */
export function aiRegisterMarkdown(reg: AiSystemRegister, meta: { organization: string; result?: ControlResult; checkRunAt?: string }): string {
  const l: string[] = [];
  l.push(`# AI system register — ${meta.organization}`, '');
  l.push(`Derived from the collected evidence for ${reg.period.from} to ${reg.period.to}; production is ${reg.productionEnvironments.join(', ')}.`, '');
  if (meta.result) l.push(`Check ${meta.result.check} (${meta.result.control}) in the run of ${meta.checkRunAt}: **${meta.result.status.replace('_', ' ')}**, ${meta.result.exceptions.length} exception(s).`, '');
  l.push('## Models in production', '', '| Service | Model | Provider | Calls | First seen | Last seen | Declared by |', '|---|---|---|---|---|---|---|');
  for (const m of reg.models) l.push(`| ${esc(m.service)} | ${esc(m.model)}${m.requestedModels.length && !m.requestedModels.includes(m.model) ? ` (requested ${esc(m.requestedModels.join(', '))})` : ''} | ${esc(m.provider ?? '—')} | ${m.calls} | ${day(m.firstSeenAt)} | ${day(m.lastSeenAt)} | ${m.declaredBy ? `${esc(m.declaredBy.id)} (${day(m.declaredBy.at)})` : '**not declared**'} |`);
  if (reg.models.length === 0) l.push('| — | no model seen in production | | | | | |');
  l.push('');
  if (reg.nonProductionModels.length) {
    l.push('## Models seen only outside production (not tested)', '');
    for (const m of reg.nonProductionModels) l.push(`- ${esc(m.model)} — ${esc(m.service)} in ${esc(m.environments.join(', '))}, ${m.calls} call(s)`);
    l.push('');
  }
  l.push('## Model providers', '', '| Provider | Models | Vendor | Latest review | Reviewed |', '|---|---|---|---|---|');
  for (const p of reg.providers) l.push(`| ${esc(p.provider)} | ${esc(p.models.join(', '))} | ${p.vendor ? esc(`${p.vendor.name} (${p.vendor.criticality})`) : '**not in the vendor list**'} | ${p.latestReview ? `${p.latestReview.at}${p.latestReview.reviewer ? ` by ${esc(p.latestReview.reviewer)}` : ''}` : '—'} | ${p.reviewed ? 'yes' : '**no**'} |`);
  l.push('');
  l.push('## Agents', '');
  for (const a of reg.agents) l.push(`- **${esc(a.agent)}** (${esc(a.services.join(', ') || 'service unknown')}): ${a.runs} run(s); tools ${esc(a.tools.join(', ') || 'none seen')}`);
  if (reg.agents.length === 0) l.push('No agent seen in production traces.');
  l.push('', '## Tools', '', '| Tool | Declared | Autonomy | Human oversight | Identity | Risk | Production calls (approved) | Agents |', '|---|---|---|---|---|---|---|---|');
  for (const t of reg.tools) {
    const oversight = t.oversight ? `${t.oversight}${t.approvalThreshold ? ` (${t.approvalThreshold.argument} > ${t.approvalThreshold.above})` : ''}` : '_not declared_';
    l.push(`| ${esc(t.tool)} | ${t.declared ? 'yes' : '**no**'} | ${t.autonomy ?? '_not declared_'} | ${esc(oversight)} | ${t.identity ?? '—'} | ${t.risk ?? '—'} | ${t.productionCalls} (${t.approvedCalls}) | ${esc(t.agents.join(', ') || '—')} |`);
  }
  l.push('');
  if (reg.gaps.length) l.push('## What the evidence cannot show', '', ...reg.gaps.map((g) => `- ${esc(g)}`), '');
  if (meta.result?.exceptions.length) {
    l.push('## Exceptions', '');
    for (const e of meta.result.exceptions) l.push(`- \`${e.rule}\` **${esc(e.subject)}** — ${esc(e.detail)}${e.citations[0] ? ` _(${esc(e.citations[0].source)} ${esc(e.citations[0].locator)})_` : ''}`);
    l.push('');
  }
  return escapeMarkdownHtml(l.join('\n'));
}
