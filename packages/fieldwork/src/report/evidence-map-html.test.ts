import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEvidenceBundle } from './evidence-bundle.js';
import type { EvidenceBundle } from './evidence-bundle.js';
import { escapeHtml, evidenceMapHtml } from './evidence-map-html.js';
import { buildReportTestWorkspace } from './report-test-workspace.js';
import type { ReportTestWorkspace } from './report-test-workspace.js';
import { parseReportFormats, writeReports } from './write-reports.js';

let t: ReportTestWorkspace;
let bundle: EvidenceBundle;
let html: string;

beforeAll(async () => {
  t = await buildReportTestWorkspace();
  bundle = await loadEvidenceBundle(t.ws, t.store);
  html = evidenceMapHtml(bundle);
}, 120_000);
afterAll(async () => t?.dispose());

describe('evidence map HTML', () => {
  it('lists every control in scope with its status, grouped by category', () => {
    expect(bundle.map.rows.length).toBeGreaterThan(50);
    for (const r of bundle.map.rows) expect(html).toContain(`<tr id="${r.control}"><td><strong>${r.control}</strong> ${escapeHtml(r.title)}`);
    for (const cat of new Set(bundle.map.rows.map((r) => r.category))) expect(html).toContain(`<h2 id="cat-${cat}">`);
    expect(html).toMatch(/class="badge exception">exception \(\d+\)</);
  });

  it('shows each exception with its citations: artifact hash prefix, source and locator', () => {
    const results = bundle.check!.run.results.filter((r) => r.exceptions.length > 0);
    expect(results.length).toBeGreaterThan(5);
    for (const r of results) {
      for (const e of r.exceptions) {
        expect(html).toContain(`<td>${escapeHtml(e.subject)}</td><td><code>${escapeHtml(e.rule)}</code></td>`);
        const c = e.citations[0];
        if (c) expect(html).toContain(`<code title="${c.artifact}">${c.artifact.slice(0, 12)}</code> ${escapeHtml(c.source)} ${escapeHtml(c.locator)}`);
      }
    }
  });

  it('prints the period and the ledger head that pins the evidence', () => {
    expect(html).toContain(`Period ${bundle.map.period!.from} to ${bundle.map.period!.to}`);
    expect(bundle.ledgerHead).toMatch(/^[0-9a-f]{64}$/);
    expect(html).toContain(`head <code>${bundle.ledgerHead}</code>`);
    expect(html).toContain(`Ledger: ${bundle.ledger.length} entries`);
  });

  it('is self-contained: inline CSS, no scripts, no external assets', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    // URLs may appear as escaped text from the evidence; nothing is loaded from anywhere.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i);
  });

  it('escapes text from the evidence, so a crafted subject cannot inject markup', () => {
    const evil = '<script>alert("x")</script> & <b>';
    const r = bundle.check!.run.results.find((x) => x.exceptions.length > 0)!;
    const tampered: EvidenceBundle = {
      ...bundle,
      map: { ...bundle.map, organization: 'Acme <Labs>' },
      check: { ...bundle.check!, run: { ...bundle.check!.run, results: [{ ...r, exceptions: [{ ...r.exceptions[0], subject: evil, detail: `detail ${evil}` }] }] } },
    };
    const out = evidenceMapHtml(tampered);
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<b>');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;');
    expect(out).toContain('<h1>Evidence map — Acme &lt;Labs&gt;</h1>');
  });
});

describe('fieldwork report formats', () => {
  it('writes Markdown, CSV, HTML and XLSX by default, and only the chosen formats with --format', async () => {
    const all = join(t.dir, 'out-all');
    const written = await writeReports(t.ws, t.store, all);
    expect(written.files.map((f) => f.slice(all.length + 1))).toEqual(['evidence-map.md', 'evidence-map.csv', 'evidence-map.html', 'evidence-map.xlsx']);
    expect(readFileSync(join(all, 'evidence-map.html'), 'utf8')).toContain(bundle.ledgerHead);

    const some = join(t.dir, 'out-some');
    await writeReports(t.ws, t.store, some, { formats: parseReportFormats('html, md') });
    expect(readdirSync(some).sort()).toEqual(['evidence-map.html', 'evidence-map.md']);
    expect(existsSync(join(some, 'evidence-map.xlsx'))).toBe(false);
  });

  it('refuses an unknown format as a usage error', () => {
    expect(() => parseReportFormats('md,pdf')).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('pdf') }));
    expect(() => parseReportFormats(' , ')).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
