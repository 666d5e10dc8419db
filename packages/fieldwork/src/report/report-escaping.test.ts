import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { builtInControls, runAudit } from '@fieldwork/core';
import type { ControlResult, TypeOneReport } from '@fieldwork/core';
import type { EvidenceMap, EvidenceMapRow } from './evidence-map.js';
import { csvCell, evidenceMapCsv } from './evidence-map-csv.js';
import { evidenceMapMarkdown } from './evidence-map-markdown.js';
import { evidenceMapXlsx } from './evidence-map-xlsx.js';
import { escapeMarkdownHtml } from './markdown-escape.js';
import { mockAuditMarkdown, typeOneMarkdown } from './mock-audit-markdown.js';

const SCRIPT = '<script>alert(1)</script>';
const citation = { source: 'okta', artifact: 'a'.repeat(64), locator: `/events/0/${SCRIPT}` };

function row(o: Partial<EvidenceMapRow>): EvidenceMapRow {
  return { control: 'HR-05', title: 'Leavers lose access', criteria: ['CC6.2'], category: 'access', sources: ['hr (bamboohr-csv)'], missingSources: [], cadence: 'per event', owner: 'Pat (compliance)', lastEvidence: '2026-09-30T00:00:00Z', status: 'pass', population: 3, exceptions: 0, check: 'hr.deprovisioning', risks: [], ...o };
}
const map = (rows: EvidenceMapRow[]): EvidenceMap => ({ organization: `Acme ${SCRIPT}`, period: { from: '2026-04-01', to: '2026-09-30' }, generatedAt: '2026-10-01T00:00:00Z', checkRunAt: null, rows, riskCount: rows.reduce((n, r) => n + r.risks.length, 0) });

describe('CSV reports against formula injection', () => {
  it('shows a cell a spreadsheet would run as a formula as text, and leaves ordinary cells alone', () => {
    const evil = ['=HYPERLINK("http://evil.example","x")', '+1+cmd|calc', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1', '  =1+1'];
    const csv = evidenceMapCsv(map(evil.map((title, i) => row({ control: `X-${i}`, title, owner: title, sources: [title] }))));
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(evil.length);
    for (const [i, r] of rows.entries()) {
      for (const column of ['title', 'owner', 'source_systems']) {
        expect(r[column], `${column} ${JSON.stringify(evil[i])}`).toBe(`'${evil[i]}`);
      }
    }
    // The look-alikes: text with those characters inside, and numbers (negative ones too), stay as they are.
    expect(csvCell('Pat (compliance) = owner')).toBe('Pat (compliance) = owner');
    expect(csvCell('ada@x.ai')).toBe('ada@x.ai');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('writes XLSX cells from text as text, never as formulas (exceljs only writes a formula when given one)', async () => {
    const evil = '=HYPERLINK("http://evil.example","x")';
    const bytes = await evidenceMapXlsx({ organization: 'Acme', timezone: 'UTC', map: map([row({ title: evil, owner: '+1+1' })]), check: null, ledger: [], ledgerHead: '0'.repeat(64) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    wb.worksheets.forEach((ws) => ws.eachRow((r) => r.eachCell((c) => cells.push(c))));
    expect(cells.some((c) => c.value === evil)).toBe(true);
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula || c.formula !== undefined)).toEqual([]);
  });
});

describe('Markdown reports against HTML from evidence', () => {
  it('escapes markup in the evidence map, including names from the workspace', () => {
    const md = evidenceMapMarkdown(map([row({ title: `Leavers ${SCRIPT}`, owner: '<img src=x onerror=alert(1)>', sources: [`hr ${SCRIPT}`], risks: [{ id: 'R-1', title: `Risk ${SCRIPT}` }] })]));
    expect(md).toContain('R-1 Risk &lt;script>');
    expect(md).not.toMatch(/<(script|img)/);
    expect(md).toContain('&lt;script>alert(1)&lt;/script>');
    expect(md).toContain('&lt;img src=x onerror=alert(1)>');
  });

  it('escapes markup in every evidence value of the mock audit and the Type I report', () => {
    const hr = builtInControls.find((c) => c.check === 'hr.deprovisioning')!;
    const subject = `ada${SCRIPT}@x.ai`;
    const at = '2026-05-20T00:00:00Z';
    const result: ControlResult = {
      control: hr.id, title: hr.title, check: 'hr.deprovisioning', status: 'exception', population: 1, populationQuery: `leavers in ${SCRIPT}`, notes: [`note ${SCRIPT}`],
      items: [{ id: 'ada', subject, at, trace: [{ label: `HR ${SCRIPT}`, at, detail: '<svg onload=alert(1)>', citation }] }],
      exceptions: [{ rule: 'deprovision.late', subject, detail: 'Late by 9 days <iframe src="//evil.example">', at, citations: [citation], itemId: 'ada' }],
    };
    const report = runAudit({ auditId: 'esc-1', period: { from: '2026-04-01', to: '2026-09-30' }, timezone: 'UTC', controls: [hr], results: [result], responses: { [hr.id]: `Fixed ${SCRIPT}` } });
    const md = mockAuditMarkdown(report, `Acme ${SCRIPT}`);
    expect(md).not.toMatch(/<(script|iframe|svg)/);
    expect(md).toContain('&lt;iframe src="//evil.example">');
    expect(md.match(/&lt;script>alert\(1\)&lt;\/script>/g)?.length).toBeGreaterThanOrEqual(5);

    const typeOne: TypeOneReport = {
      type: 1, asOf: '2026-09-30', ready: false, summary: { controls: 1, designed: 0, implemented: 0 },
      controls: [{ control: 'HR-05', title: SCRIPT, criteria: ['CC6.2'], designed: false, implemented: false, owner: SCRIPT, policy: { id: 'access', approved: false }, test: 'x', evidence: 'y', gaps: [SCRIPT] }],
    };
    expect(typeOneMarkdown(typeOne, 'Acme')).not.toContain('<script');
  });

  it('keeps Markdown and text that is not markup readable', () => {
    expect(escapeMarkdownHtml('> note · R&D · `seed` · **bold** | a -> b')).toBe('> note · R&D · `seed` · **bold** | a -> b');
    // A character reference in evidence stays the text it was, instead of turning into `<`.
    expect(escapeMarkdownHtml('&lt;b&gt; and &#60;')).toBe('&amp;lt;b&amp;gt; and &amp;#60;');
  });
});
