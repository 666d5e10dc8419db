import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FieldworkError } from '@fieldwork/core';
import type { FieldworkStore } from '../store/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { writeFileSafely } from '../workspace/index.js';
import { loadEvidenceBundle } from './evidence-bundle.js';
import type { EvidenceBundle } from './evidence-bundle.js';
import type { EvidenceMap } from './evidence-map.js';
import { evidenceMapCsv } from './evidence-map-csv.js';
import { evidenceMapHtml } from './evidence-map-html.js';
import { evidenceMapMarkdown } from './evidence-map-markdown.js';
import { evidenceMapXlsx } from './evidence-map-xlsx.js';

export interface WrittenReports {
  map: EvidenceMap;
  files: string[];
}

/** Writes a file atomically (temp + rename), so a reader never sees half a report; never through a symlink. */
export function writeAtomic(path: string, content: string | Buffer): void {
  writeFileSafely(path, content);
}

/** Report writers other modules add (HTML, XLSX, mock audit…); each returns the files it wrote. */
export type ReportWriter = (ctx: { ws: LoadedWorkspace; store: FieldworkStore; map: EvidenceMap; bundle: EvidenceBundle; outDir: string }) => Promise<string[]>;
const writers: ReportWriter[] = [];
export function addReportWriter(w: ReportWriter): void {
  writers.push(w);
}

/** The evidence map formats `fieldwork report` writes (all by default). */
export const REPORT_FORMATS = ['md', 'csv', 'html', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Renders the evidence map in one format (text formats as UTF-8). */
export async function renderEvidenceMap(bundle: EvidenceBundle, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'md': return Buffer.from(evidenceMapMarkdown(bundle.map));
    case 'csv': return Buffer.from(evidenceMapCsv(bundle.map));
    case 'html': return Buffer.from(evidenceMapHtml(bundle));
    case 'xlsx': return evidenceMapXlsx(bundle);
  }
}

/** Parses `--format md,csv,html,xlsx`; an unknown name is a usage error. */
export function parseReportFormats(list: string): ReportFormat[] {
  const names = list.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = names.filter((n) => !(REPORT_FORMATS as readonly string[]).includes(n));
  if (bad.length || names.length === 0) throw new FieldworkError('USAGE', `--format ${list}: unknown format ${bad.join(', ') || '(none given)'}.`, { hint: `Use a comma-separated list of ${REPORT_FORMATS.join(', ')}.${bad.includes('pdf') ? ' For a PDF, open evidence-map.html in a browser and print it.' : ''}` });
  return REPORT_FORMATS.filter((f) => names.includes(f));
}

/**
 * Writes the evidence map (Markdown, CSV, HTML and XLSX by default, plus registered writers)
 * into `<workspace>/reports/`, from the latest stored check run and the ledger.
 */
export async function writeReports(ws: LoadedWorkspace, store: FieldworkStore, outDir = join(ws.dir, 'reports'), opts: { formats?: readonly ReportFormat[] } = {}): Promise<WrittenReports> {
  const bundle = await loadEvidenceBundle(ws, store);
  const { map } = bundle;
  mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  for (const f of opts.formats ?? REPORT_FORMATS) {
    const file = join(outDir, `evidence-map.${f}`);
    writeAtomic(file, await renderEvidenceMap(bundle, f));
    files.push(file);
  }
  for (const w of writers) files.push(...(await w({ ws, store, map, bundle, outDir })));
  return { map, files };
}
