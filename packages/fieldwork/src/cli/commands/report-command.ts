import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { frameworkById, frameworkMarkdown, frameworkViewOf, loadEvidenceBundle, oscalAssessmentResults, oscalFrameworkResults, parseReportFormats, writeAtomic, writeAuditorPackage, writeReports } from '../../report/index.js';
import { resolveFrameworks } from '../../workspace/index.js';
import { aiRegisterOfWorkspace } from '../../pipeline/ai-register-workspace.js';
import { aiRegisterMarkdown } from '../../report/index.js';
import { withWorkspace } from '../context.js';
import { warnAboutWindow } from '../window-note.js';
import type { GlobalOptions } from '../context.js';
import { green, out, printJson } from '../output.js';

interface ReportFlags {
  out?: string;
  format: string;
  package?: boolean;
  oscal?: boolean;
  oscalAp?: string;
  framework?: string;
  aiRegister?: boolean;
}

export function registerReport(program: Command, globals: () => GlobalOptions): void {
  program
    .command('report')
    .description('write the evidence map (Markdown, CSV, HTML, XLSX) from the latest check run into reports/; --package for the auditor zip, --oscal for OSCAL assessment results')
    .option('--out <dir>', 'output folder (default: <workspace>/reports)')
    .option('--format <list>', 'evidence map formats, comma-separated: md,csv,html,xlsx', 'md,csv,html,xlsx')
    .option('--package', 'also write auditor-package-<from>-<to>.zip: every report, the check run, the ledger and the artifacts, with a SHA-256 manifest')
    .option('--oscal', 'also write oscal-assessment-results.json (OSCAL 1.0.6)')
    .option('--oscal-ap <href>', 'the assessment plan the OSCAL results import (default: a placeholder)')
    .option('--ai-register', 'also write ai-system-register.md: models, providers, agents and tools seen in production against declarations')
    .option('--framework <ids>', 'also write framework-<id>.md (and with --oscal, oscal-assessment-results-<id>.json) for these frameworks, comma-separated, or all')
    .action(async (flags: ReportFlags) => {
      const g = globals();
      const formats = parseReportFormats(flags.format);
      await withWorkspace(g, async ({ ws, store }) => {
        const outDir = flags.out ?? join(ws.dir, 'reports');
        const known = flags.framework ? resolveFrameworks(ws) : [];
        const frameworks = flags.framework?.trim().toLowerCase() === 'all' ? known : (flags.framework ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((id) => frameworkById(known, id));
        const { files, map } = await writeReports(ws, store, outDir, { formats });
        if (map.period) await warnAboutWindow(ws, store, map.period);
        let pkg: Awaited<ReturnType<typeof writeAuditorPackage>> | undefined;
        let oscal: { checkRunId: number; bytes: Buffer } | undefined;
        if (flags.oscal) {
          const file = join(outDir, 'oscal-assessment-results.json');
          const bundle = await loadEvidenceBundle(ws, store);
          const bytes = Buffer.from(`${JSON.stringify(oscalAssessmentResults(bundle, { importAp: flags.oscalAp }), null, 2)}\n`);
          writeAtomic(file, bytes);
          files.push(file);
          if (flags.oscalAp === undefined && bundle.check) oscal = { checkRunId: bundle.check.id, bytes };
        }
        if (frameworks.length) {
          const bundle = await loadEvidenceBundle(ws, store);
          for (const fw of frameworks) {
            const view = frameworkViewOf(bundle, fw);
            const md = join(outDir, `framework-${fw.id}.md`);
            writeAtomic(md, frameworkMarkdown(view, { organization: bundle.organization, period: bundle.map.period, checkRunAt: bundle.map.checkRunAt }));
            files.push(md);
            if (flags.oscal) {
              const file = join(outDir, `oscal-assessment-results-${fw.id}.json`);
              writeAtomic(file, `${JSON.stringify(oscalFrameworkResults(bundle, view, { importAp: flags.oscalAp }), null, 2)}\n`);
              files.push(file);
            }
          }
        }
        if (flags.aiRegister) {
          const { register, result, checkRunAt } = await aiRegisterOfWorkspace(ws, store);
          const file = join(outDir, 'ai-system-register.md');
          writeAtomic(file, aiRegisterMarkdown(register, { organization: ws.config.organization, result, checkRunAt }));
          files.push(file);
        }
        if (flags.package) {
          pkg = await writeAuditorPackage(ws, store, outDir, { oscal });
          files.push(pkg.file);
        }
        if (g.json) return printJson({ files, controls: map.rows.length, checkRunAt: map.checkRunAt, ...(pkg ? { package: { file: pkg.file, files: pkg.manifest.files.length, ledgerHead: pkg.manifest.ledger.head } } : {}) });
        for (const f of files) out(`${green('wrote')} ${relative(process.cwd(), f) || f}`);
      });
    });
}
