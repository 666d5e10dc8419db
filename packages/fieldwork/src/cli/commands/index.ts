import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';

export type Register = (program: Command, globals: () => GlobalOptions, setExit: (code: number) => void) => void;

/**
 * One command: its name and one-line summary (what `fieldwork --help` lists without loading
 * anything), and how to load its definition. Only the command being run is loaded, so
 * `fieldwork --help` starts in a fraction of the time a full load takes; a test checks that each
 * summary is the loaded command's own description.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Register>;
}

/** Every command, in the order `--help` lists them. Add a command by adding one entry. */
export const commands: CommandEntry[] = [
  { name: 'init', summary: 'create fieldwork.yaml here (asks about scope on a TTY; --yes takes defaults)', load: async () => (await import('./init-command.js')).registerInit },
  { name: 'collect', summary: 'collect evidence from every source in fieldwork.yaml (identical bytes are skipped)', load: async () => (await import('./collect-command.js')).registerCollect },
  { name: 'check', summary: 'test every control in scope against the collected evidence', load: async () => (await import('./check-command.js')).registerCheck },
  { name: 'report', summary: 'write the evidence map (Markdown, CSV, HTML, XLSX) from the latest check run into reports/; --package for the auditor zip, --oscal for OSCAL assessment results', load: async () => (await import('./report-command.js')).registerReport },
  { name: 'audit', summary: 'Type I readiness (--type 1 --as-of DATE) or a Type II mock audit: population → seeded sample → trace → conclusion', load: async () => (await import('./audit-command.js')).registerAudit },
  { name: 'policy', summary: 'list policies and record approvals as evidence', load: async () => (await import('./policy-command.js')).registerPolicy },
  { name: 'evidence', summary: 'evidence requests of manual controls: list them, submit evidence, accept, reject or mark not applicable', load: async () => (await import('./evidence-command.js')).registerEvidence },
  { name: 'plan', summary: 'the 90-day readiness path from the workspace start date, with status from the evidence', load: async () => (await import('./plan-command.js')).registerPlan },
  { name: 'risks', summary: 'list the risk register (as collected) and add risks to risks.yaml', load: async () => (await import('./risks-command.js')).registerRisks },
  { name: 'records', summary: 'print the facts of one record kind: the current view, or what the sources stated as of a date', load: async () => (await import('./records-command.js')).registerRecords },
  { name: 'verify', summary: 'recompute every blob, the ledger chain, record digests and stored runs, and check signed checkpoints; exit 4 naming the first broken thing', load: async () => (await import('./verify-command.js')).registerVerify },
  { name: 'checkpoint', summary: 'sign the ledger head (ed25519) into checkpoints/ — a file the team commits, so verify detects rollback, truncation and a re-chained history', load: async () => (await import('./checkpoint-command.js')).registerCheckpoint },
  { name: 'probe', summary: 'run probes against the agent platform and store the result as evidence', load: async () => (await import('./probe-command.js')).registerProbe },
  { name: 'notify', summary: 'show what the daily digest would tell each owner now (email and webhook); `notify send` sends it', load: async () => (await import('./notify-command.js')).registerNotify },
  { name: 'serve', summary: 'serve the HTTP API and the dashboard (token auth; roles admin, owner, auditor, approver)', load: async () => (await import('./serve-command.js')).registerServe },
  { name: 'jobs', summary: 'list scheduled runs (what `fieldwork serve` ran from schedule.jobs), newest first', load: async () => (await import('./jobs-command.js')).registerJobs },
  { name: 'demo', summary: 'write a demo workspace for a fictional AI agent platform and run the whole pipeline on it', load: async () => (await import('./demo-command.js')).registerDemo },
  { name: 'catalog', summary: 'list the Trust Services Criteria and the control catalog', load: async () => (await import('./catalog-command.js')).registerCatalog },
];
