import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type ExcelJS from 'exceljs';
import type { EvidenceBundle } from './evidence-bundle.js';
import { setZipTimes } from './zip-entries.js';

// Only the streaming writer: the package's entry also loads the workbook reader, unzipper and the
// in-memory workbook, 660 files against 205 and about twice the CPU time, on every `report`.
const WorkbookWriter = createRequire(import.meta.url)('exceljs/lib/stream/xlsx/workbook-writer') as typeof ExcelJS.stream.xlsx.WorkbookWriter;

/** Excel refuses cells over 32,767 characters. */
const cell = (s: string) => (s.length > 32_000 ? `${s.slice(0, 32_000)}… (truncated)` : s);

/** A `YYYY-MM-DD` date as a local-time Date, so zip timestamps read the same date in every timezone. */
export function localCalendarDate(date: string): Date {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return new Date(y, m - 1, d);
}

/**
 * The evidence map as an Excel workbook with three sheets: `Evidence map` (one row per
 * control), `Exceptions` (one row per exception, with its citations) and `Ledger` (one row
 * per ledger entry). Its timestamps come from the bundle, so the same evidence gives the
 * same bytes.
 */
export async function evidenceMapXlsx(b: EvidenceBundle): Promise<Buffer> {
  const { map } = b;
  const stamp = new Date(map.generatedAt);
  // The streaming writer commits each row as it is added: memory stays flat however many exceptions there are.
  const chunks: Buffer[] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { chunks.push(chunk); done(); } });
  const wb = new WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  wb.creator = 'Fieldwork';
  wb.lastModifiedBy = 'Fieldwork';
  wb.created = stamp;
  wb.modified = stamp;
  wb.title = `Evidence map — ${map.organization}`;
  wb.subject = map.period ? `Period ${map.period.from} to ${map.period.to}; ledger head ${b.ledgerHead}` : `No check run yet; ledger head ${b.ledgerHead}`;

  const sheet = (name: string, columns: [string, number][]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map(([header, width]) => ({ header, width }));
    ws.getRow(1).font = { bold: true };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    return ws;
  };

  const mapSheet = sheet('Evidence map', [['Control', 10], ['Title', 40], ['Criteria', 16], ['Category', 14], ['Source systems', 36], ['Missing sources', 28], ['Cadence', 12], ['Owner', 28], ['Last evidence', 22], ['Status', 20], ['Population', 11], ['Exceptions', 11], ['Check', 28]]);
  for (const r of map.rows) mapSheet.addRow([r.control, r.title, r.criteria.join(', '), r.category, r.sources.join('; '), r.missingSources.join('; '), r.cadence, r.owner, r.lastEvidence ?? '', r.status, r.population, r.exceptions, r.check]).commit();
  mapSheet.commit();

  const exSheet = sheet('Exceptions', [['Control', 10], ['Title', 32], ['Rule', 24], ['Subject', 30], ['Detail', 60], ['At', 22], ['Artifact (SHA-256)', 66], ['Source', 22], ['Locator', 26]]);
  for (const r of b.check?.run.results ?? []) {
    for (const e of r.exceptions) {
      // One row per exception; several citations stack inside the cells, aligned line by line.
      const row = exSheet.addRow([r.control, r.title, e.rule, cell(e.subject), cell(e.detail), e.at ?? '', cell(e.citations.map((c) => c.artifact).join('\n')), cell(e.citations.map((c) => c.source).join('\n')), cell(e.citations.map((c) => c.locator).join('\n'))]);
      if (e.citations.length > 1) row.alignment = { wrapText: true, vertical: 'top' };
      row.commit();
    }
  }
  exSheet.commit();

  const ledgerSheet = sheet('Ledger', [['Seq', 7], ['Artifact (SHA-256)', 66], ['Source', 22], ['Kind', 20], ['Collected at', 26], ['Records', 10], ['Hash', 66]]);
  for (const e of b.ledger) ledgerSheet.addRow([e.seq, e.artifact, e.source, e.kind, e.collectedAt, e.recordCount, e.hash]).commit();
  ledgerSheet.commit();

  await wb.commit();
  await finished(sink);
  return setZipTimes(Buffer.concat(chunks), localCalendarDate(map.period?.to ?? map.generatedAt));
}
