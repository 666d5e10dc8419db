import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ControlResult } from '@fieldwork/core';
import { sourceNames } from '../collectors/index.js';
import type { FieldworkStore } from '../store/index.js';
import { resolveControls } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { buildEvidenceMap } from './evidence-map.js';
import type { EvidenceMap } from './evidence-map.js';
import { evidenceMapCsv } from './evidence-map-csv.js';
import { evidenceMapMarkdown } from './evidence-map-markdown.js';

export interface WrittenReports {
  map: EvidenceMap;
  files: string[];
}

/** Writes a file atomically (temp + rename), so a reader never sees half a report. */
export function writeAtomic(path: string, content: string | Buffer): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/** Report writers other modules add (HTML, XLSX, mock audit…); each returns the files it wrote. */
export type ReportWriter = (ctx: { ws: LoadedWorkspace; store: FieldworkStore; map: EvidenceMap; outDir: string }) => Promise<string[]>;
const writers: ReportWriter[] = [];
export function addReportWriter(w: ReportWriter): void {
  writers.push(w);
}

/** Writes the evidence map (Markdown and CSV, plus registered formats) into `<workspace>/reports/`. */
export async function writeReports(ws: LoadedWorkspace, store: FieldworkStore, outDir = join(ws.dir, 'reports')): Promise<WrittenReports> {
  const run = await store.latestRun<{ period: { from: string; to: string }; results: ControlResult[] }>('check');
  const map = buildEvidenceMap({
    config: ws.config, controls: resolveControls(ws.config), sourceNames: sourceNames(ws.config.sources),
    results: run?.data.results, checkRunAt: run?.createdAt ?? null, period: run?.data.period ?? null, ledger: await store.ledger(),
  });
  mkdirSync(outDir, { recursive: true });
  const md = join(outDir, 'evidence-map.md');
  const csv = join(outDir, 'evidence-map.csv');
  writeAtomic(md, evidenceMapMarkdown(map));
  writeAtomic(csv, evidenceMapCsv(map));
  const files = [md, csv];
  for (const w of writers) files.push(...(await w({ ws, store, map, outDir })));
  return { map, files };
}
