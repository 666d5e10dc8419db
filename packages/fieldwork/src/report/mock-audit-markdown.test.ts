import { builtInControls, runAudit } from '@fieldwork/core';
import type { ControlResult, PopulationItem } from '@fieldwork/core';
import { describe, expect, it } from 'vitest';
import { mockAuditMarkdown } from './mock-audit-markdown.js';

const C = 'c'.repeat(64);
const control = (check: string) => builtInControls.find((c) => c.check === check)!;
const item = (id: string, at: string): PopulationItem => ({ id, subject: id, at, trace: [{ label: 'HR end date', at, citation: { artifact: C, source: 'hr', locator: `line ${id.length}` } }] });
const result = (check: string, items: PopulationItem[], deviating: string[] = []): ControlResult => {
  const c = control(check);
  return {
    control: c.id, title: c.title, check, status: deviating.length ? 'exception' : 'pass', population: items.length, populationQuery: 'leavers in the window', items, notes: [],
    exceptions: deviating.map((id) => ({ rule: 'deprovision.late', subject: id, detail: `${id} deprovisioned late | 3 days`, at: items.find((i) => i.id === id)!.at, citations: [{ artifact: C, source: 'okta', locator: 'line 9' }], itemId: id })),
  };
};
const period = { from: '2026-04-01', to: '2026-09-30' };

describe('mock audit Markdown', () => {
  const leavers = Array.from({ length: 6 }, (_, i) => item(`p${i}@x.ai`, `2026-0${4 + i}-10`));
  const report = runAudit({
    auditId: 'md-1', period, timezone: 'UTC',
    controls: [control('hr.deprovisioning'), control('access.grant-approval'), control('vendor.review')],
    results: [result('hr.deprovisioning', leavers, ['p1@x.ai']), result('access.grant-approval', leavers.map((l) => ({ ...l, id: `g-${l.id}`, subject: `g-${l.id}` }))), { ...result('vendor.review', []), populationQuery: undefined, status: 'insufficient_evidence', notes: ['No vendor records collected; add a source that provides them.'] }],
    responses: { 'HR-05': 'Reminder added to the offboarding checklist.' },
  });
  const md = mockAuditMarkdown(report, 'Acme | AI');

  it('gives each tested control the section 4 rows: control, test performed, population, result and the rule', () => {
    // Problems first: HR-05 (exception), VEN-01 (no evidence), then ACC-01 (effective).
    const hr = md.slice(md.indexOf('### HR-05'), md.indexOf('### VEN-01'));
    expect(hr).toContain('| Control | When someone leaves');
    expect(hr).toContain('| Test performed | Inspection of 6 of 6 leavers, selected from seed ');
    expect(hr).toContain('| Population | 6 leavers — leavers in the window |');
    expect(hr).toContain('| Result | Exception noted: 1 of 6 sampled leavers deviated — 1 deviation in all. |');
    expect(hr).toContain('| Conclusion | Effective with exceptions — rule **single-deviation**:');
    expect(hr).toContain('Exceptions noted (1):');
    expect(hr).toContain('| 1 | p1@x.ai | sample | deprovision.late | p1@x.ai deprovisioned late \\| 3 days | okta line 9 cccccccccccc |');
    expect(hr).toContain("**Management's response:** Reminder added to the offboarding checklist.");
    const acc = md.slice(md.indexOf('### ACC-01'), md.indexOf('## Every control'));
    expect(acc).toContain('| Result | No exceptions noted. |');
    expect(acc).not.toContain("Management's response");
  });

  it('words missing evidence as no evidence, and lists every control with its unit and rule', () => {
    const ven = md.slice(md.indexOf('### VEN-01'), md.indexOf('### ACC-01'));
    expect(ven).toContain('| Result | Not tested: no evidence. No vendor records collected; add a source that provides them. |');
    expect(ven).toContain('rule **no-evidence**');
    expect(md).toContain('| HR-05 Leavers deactivated promptly | CC6.2, CC6.3 | leaver (per event) | 6 | 6 | 1 | single-deviation | Effective with exceptions |');
    expect(md).toContain('# Mock audit (SOC 2 Type II) — Acme \\| AI');
  });

  it('names why the rule applies in the conclusion: a missed quarter of a quarterly control is not isolated, one late leaver is', () => {
    const reviews = { ...result('access.reviews', [item('okta 2026-Q2', '2026-06-15')]), populationQuery: 'access reviews per system and quarter' };
    const quarterly = runAudit({ auditId: 'md-2', period, timezone: 'UTC', controls: [control('access.reviews')], results: [reviews] });
    const acc = mockAuditMarkdown(quarterly, 'Acme');
    expect(acc).toContain('| Result | Exception noted: 1 of 2 sampled quarters deviated — 1 deviation in all. |');
    expect(acc).toContain('| Conclusion | Not effective — rule **low-frequency** (ACC-02 is tested per quarter, 2 quarters in the window: a sample that tolerates no deviation): The control is tested per month, quarter or year');
    expect(acc).toContain('| 1 | 2026-Q3 | sample | occurrence.missing | No occurrence of the control in 2026-Q3 (2026-07-01 to 2026-09-30) in the collected evidence. | — |');
    // The look-alike: one late leaver of six stays isolated, with no reason beyond the counts.
    expect(md).toContain('| Conclusion | Effective with exceptions — rule **single-deviation**: One deviation');
  });

  it('states every rule once and the remediation rule, and is byte-identical for the same input', () => {
    for (const id of ['zero-tolerance', 'recurring', 'more-than-one', 'low-frequency', 'single-extended', 'no-occurrence']) expect(md).toContain(`- **${id}** — `);
    expect(md).toContain('stays a deviation when it was fixed later');
    expect(mockAuditMarkdown(report, 'Acme | AI')).toBe(md);
  });

  it('lists a control with 150,000 exceptions (CHG-01 has 101,000 at 10M records) without overflowing the stack', () => {
    const many = Array.from({ length: 150_000 }, (_, i) => item(`m${i}@x.ai`, '2026-05-10'));
    const r: ControlResult = { ...result('hr.deprovisioning', many), status: 'exception', exceptions: many.map((m) => ({ rule: 'deprovision.late', subject: m.id, detail: 'late', at: m.at, citations: [], itemId: m.id })) };
    const text = mockAuditMarkdown(runAudit({ auditId: 'md-2', period, timezone: 'UTC', controls: [control('hr.deprovisioning')], results: [r] }), 'Acme');
    expect(text).toContain('Exceptions noted (150000):');
    expect(text).toContain('| 150000 | ');
  });
});
