import { relative } from 'node:path';
import { recordsOf, residualOf, riskLevel, riskScore, risksSection } from '@fieldwork/core';
import type { RiskLevel } from '@fieldwork/core';
import type { Command } from 'commander';
import { collectWorkspace } from '../../pipeline/collect-workspace.js';
import { requireRegisterFile, writeRiskEntry } from '../../risks/index.js';
import { withWorkspace } from '../context.js';
import { dateFlag } from '../date-flag.js';
import type { GlobalOptions } from '../context.js';
import { dim, green, out, printJson, red, yellow } from '../output.js';

const paint: Record<RiskLevel, (s: string) => string> = { high: red, medium: yellow, low: dim };

interface AddFlags {
  id: string; title: string; category: string; likelihood: string; impact: string; residualLikelihood?: string; residualImpact?: string;
  owner?: string; controls?: string; treatment?: string; plan?: string; treatmentOwner?: string; due?: string; approvedBy?: string; reviewed?: string; created?: string;
}

export function registerRisks(program: Command, globals: () => GlobalOptions): void {
  const risks = program.command('risks').description('list the risk register (as collected) and add risks to risks.yaml');
  risks
    .command('list')
    .description('the collected risks with their inherent and residual scores, treatment and linked controls')
    .action(async () => {
      const g = globals();
      await withWorkspace(g, async ({ ws, store }) => {
        const section = risksSection(ws.config as Record<string, unknown>);
        const rows = recordsOf(await store.loadRecords(['risk']), 'risk').sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true })).map((r) => ({
          ...r, inherentScore: riskScore(r.inherent), inherentLevel: riskLevel(r.inherent, section), residualScore: riskScore(residualOf(r)), residualLevel: riskLevel(residualOf(r), section),
        }));
        if (g.json) return printJson({ scale: section.scale, levels: section.levels, risks: rows });
        if (rows.length === 0) return out(yellow('No risks collected: add a risk-register-yaml source (docs/risk-register.md) and run collect.'));
        for (const r of rows) {
          const t = r.treatment ? `${r.treatment.type}${r.treatment.owner ? ` · ${r.treatment.owner}` : ''}${r.treatment.due ? ` · by ${r.treatment.due}` : ''}${r.treatment.approvedBy ? ` · accepted by ${r.treatment.approvedBy}` : ''}` : 'no treatment';
          out(`${r.id.padEnd(6)} ${paint[r.residualLevel](`${String(r.residualScore).padStart(2)} ${r.residualLevel.padEnd(6)}`)} ${dim(`(inherent ${r.inherentScore})`)} ${r.title}`);
          out(dim(`       ${r.category} · owner ${r.owner ?? 'none'} · ${t} · controls ${r.controls.join(', ') || 'none'} · reviewed ${r.reviewedOn ?? 'never'}`));
        }
      });
    });
  risks
    .command('add')
    .description('append a risk to the register file named in fieldwork.yaml and collect it as evidence')
    .requiredOption('--id <id>', 'unique id, e.g. R-21')
    .requiredOption('--title <text>', 'the risk in one sentence')
    .requiredOption('--category <name>', 'e.g. prompt-injection, tool-misuse, cross-tenant-leakage, model-drift, provider-outage, security, vendor, fraud')
    .requiredOption('--likelihood <n>', 'inherent likelihood on the workspace scale')
    .requiredOption('--impact <n>', 'inherent impact on the workspace scale')
    .option('--residual-likelihood <n>', 'likelihood after controls')
    .option('--residual-impact <n>', 'impact after controls')
    .option('--owner <email>', 'who answers for the risk')
    .option('--controls <ids>', 'control ids separated by commas')
    .option('--treatment <type>', 'mitigate, accept, transfer or avoid')
    .option('--plan <text>', 'the treatment plan')
    .option('--treatment-owner <email>', 'who carries out the treatment')
    .option('--due <date>', 'when the treatment is due (YYYY-MM-DD)', dateFlag('--due'))
    .option('--approved-by <name>', 'who accepted the risk (for accept)')
    .option('--created <date>', 'when the risk was identified (YYYY-MM-DD)', dateFlag('--created'))
    .option('--reviewed <date>', 'date of the last review (YYYY-MM-DD)', dateFlag('--reviewed'))
    .action(async (f: AddFlags) => {
      const g = globals();
      await withWorkspace(g, async ({ ws, store }) => {
        const register = requireRegisterFile(ws);
        const residual = f.residualLikelihood || f.residualImpact ? { likelihood: Number(f.residualLikelihood), impact: Number(f.residualImpact) } : undefined;
        const entry = writeRiskEntry(register.file, {
          id: f.id, title: f.title, category: f.category as never, inherent: { likelihood: Number(f.likelihood), impact: Number(f.impact) }, residual,
          owner: f.owner, controls: (f.controls ?? '').split(/[\s,]+/).filter(Boolean), created: f.created, reviewed: f.reviewed,
          treatment: f.treatment ? { type: f.treatment as never, plan: f.plan, owner: f.treatmentOwner, due: f.due, approved_by: f.approvedBy } : undefined,
        }, { mode: 'add', root: ws.dir, scale: risksSection(ws.config as Record<string, unknown>).scale });
        const [outcome] = await collectWorkspace(ws, store, { only: [register.source] });
        if (g.json) return printJson({ risk: entry, file: register.path, collected: outcome?.status });
        out(`${green('added')} ${entry.id} to ${relative(process.cwd(), register.file)}; ${outcome?.status === 'collected' ? 'collected as new evidence' : `collection ${outcome?.status ?? 'not run'}`}`);
      });
    });
}
