import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadEvidenceBundle } from './evidence-bundle.js';
import type { EvidenceBundle } from './evidence-bundle.js';
import { evidenceMapXlsx } from './evidence-map-xlsx.js';
import { buildReportTestWorkspace } from './report-test-workspace.js';
import type { ReportTestWorkspace } from './report-test-workspace.js';

let t: ReportTestWorkspace;
let bundle: EvidenceBundle;
let wb: ExcelJS.Workbook;
let bytes: Buffer;

beforeAll(async () => {
  t = await buildReportTestWorkspace();
  bundle = await loadEvidenceBundle(t.ws, t.store);
  bytes = await evidenceMapXlsx(bundle);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
}, 120_000);
afterAll(async () => t?.dispose());

const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

describe('evidence map XLSX', () => {
  it('has the three sheets: Evidence map, Exceptions, Ledger', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Evidence map', 'Exceptions', 'Ledger']);
  });

  it('has one row per control on Evidence map, with the status and exception count', () => {
    const ws = wb.getWorksheet('Evidence map')!;
    expect(ws.rowCount).toBe(bundle.map.rows.length + 1);
    expect(values(ws, 1).slice(0, 3)).toEqual(['Control', 'Title', 'Criteria']);
    for (const [i, r] of bundle.map.rows.entries()) {
      const v = values(ws, i + 2);
      expect([v[0], v[9], v[11]]).toEqual([r.control, r.status, r.exceptions]);
    }
  });

  it('has one row per exception on Exceptions, with the citations of each', () => {
    const ws = wb.getWorksheet('Exceptions')!;
    const all = bundle.check!.run.results.flatMap((r) => r.exceptions.map((e) => ({ control: r.control, e })));
    expect(all.length).toBeGreaterThan(20);
    expect(ws.rowCount).toBe(all.length + 1);
    for (const [i, { control, e }] of all.entries()) {
      const v = values(ws, i + 2);
      expect(v[0]).toBe(control);
      expect(v[2]).toBe(e.rule);
      expect(v[6]).toBe(e.citations.map((c) => c.artifact).join('\n'));
      expect(v[8]).toBe(e.citations.map((c) => c.locator).join('\n'));
    }
  });

  it('has one row per ledger entry on Ledger: seq, artifact, source, kind, collected at, records, hash', () => {
    const ws = wb.getWorksheet('Ledger')!;
    expect(ws.rowCount).toBe(bundle.ledger.length + 1);
    expect(values(ws, 1)).toEqual(['Seq', 'Artifact (SHA-256)', 'Source', 'Kind', 'Collected at', 'Records', 'Hash']);
    const last = bundle.ledger.at(-1)!;
    expect(values(ws, ws.rowCount)).toEqual([last.seq, last.artifact, last.source, last.kind, last.collectedAt, last.recordCount, bundle.ledgerHead]);
  });

  it('gives the same bytes for the same evidence, whatever the clock says', async () => {
    // Only Date is faked: the zip writer inside exceljs stamps entries with the current time.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-02-03T04:05:06Z'));
      expect((await evidenceMapXlsx(bundle)).equals(bytes)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
