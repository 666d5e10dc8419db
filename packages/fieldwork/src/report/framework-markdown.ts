/** @module A framework's evidence map as Markdown: each requirement with the controls and exceptions that serve it. */
import type { FrameworkCoverage, RequirementState } from '@fieldwork/core';
import { escapeMarkdownHtml } from './markdown-escape.js';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const STATE: Record<RequirementState, string> = { served: 'served (tested, no exceptions)', exceptions: '**exceptions**', untested: 'mapped, not tested', unmapped: '_no control_' };
const STATUS: Record<string, string> = { pass: 'pass', exception: 'exception', insufficient_evidence: 'insufficient evidence', not_tested: 'not tested', not_run: 'not run' };

/** The one-line coverage figures of a framework view. */
export function coverageLine(c: FrameworkCoverage): string {
  const s = c.summary;
  return `${s.mapped} of ${s.requirements} requirements mapped to our controls; ${s.tested} served by a tested control (${s.served} without exceptions, ${s.withExceptions} with exceptions); ${s.unmapped.length} with no control.`;
}

/**
 * The evidence map of one framework: its coverage figures, every requirement with the controls
 * that serve it (relationship, status, exceptions) and the requirements no control covers.
 */
export function frameworkMarkdown(c: FrameworkCoverage, meta: { organization: string; period: { from: string; to: string } | null; checkRunAt: string | null }): string {
  const lines: string[] = [];
  lines.push(`# ${c.framework.name} — ${meta.organization}`, '');
  lines.push(`Edition ${c.framework.version}${c.framework.url ? ` · ${c.framework.url}` : ''} · ${meta.period ? `check run of ${meta.checkRunAt} for ${meta.period.from} to ${meta.period.to}` : 'no check run yet: the mapping only'}`, '');
  if (c.framework.note) lines.push(`> ${c.framework.note}`, '');
  lines.push(coverageLine(c), '');
  lines.push('| Requirement | Where it stands | Our controls (relationship: status) | Exceptions |', '|---|---|---|---|');
  for (const r of c.requirements) {
    const controls = r.controls.map((s) => `${s.control} ${s.title} (${s.relationship}: ${STATUS[s.status] ?? s.status})`).join('; ') || (r.outOfScope.length ? `_out of scope: ${r.outOfScope.join(', ')}_` : '—');
    const exceptions = r.controls.flatMap((s) => s.exceptions.slice(0, 5).map((e) => `${s.control} ${e.rule}: ${e.subject}`));
    const more = r.controls.reduce((n, s) => n + Math.max(0, s.exceptions.length - 5), 0);
    lines.push(`| ${esc(`${r.id} ${r.title}`)} | ${STATE[r.state]} | ${esc(controls)} | ${esc(exceptions.join('; ') + (more ? `; … ${more} more` : '') || '—')} |`);
  }
  lines.push('');
  lines.push('## Requirements no control covers', '');
  if (c.summary.unmapped.length === 0) lines.push('None: every requirement is mapped to at least one control in scope.');
  for (const r of c.requirements.filter((x) => x.state === 'unmapped')) lines.push(`- **${esc(r.id)} ${esc(r.title)}** — ${esc(r.summary)}${r.outOfScope.length ? ` (mapped to ${r.outOfScope.join(', ')}, not in scope)` : ''}`);
  lines.push('');
  return escapeMarkdownHtml(lines.join('\n'));
}
