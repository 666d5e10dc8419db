import type { Control, ControlResult, RiskRecord } from '@fieldwork/core';
import type { LedgerEntry } from '../evidence/index.js';
import type { Workspace } from '../workspace/index.js';

/** One row of the evidence map: what an auditor asks for on the first day of fieldwork. */
export interface EvidenceMapRow {
  control: string;
  title: string;
  criteria: string[];
  category: string;
  /** Configured sources (by name and kind) that evidence this control. */
  sources: string[];
  /** Source kinds that would evidence it but are not configured. */
  missingSources: string[];
  cadence: string;
  owner: string;
  lastEvidence: string | null;
  status: string;
  population: number;
  exceptions: number;
  check: string;
  /** Risks of the register linked to this control; empty when none or no register. */
  risks: { id: string; title: string }[];
}

export interface EvidenceMap {
  organization: string;
  period: { from: string; to: string } | null;
  generatedAt: string;
  checkRunAt: string | null;
  rows: EvidenceMapRow[];
  /** How many risks the collected register holds (0: no register collected). */
  riskCount: number;
}

/** The person who owns a role: someone listed with it, else the compliance owner. */
export function ownerFor(config: Workspace, role: string): string {
  const person = config.owners.people.find((p) => p.roles.includes(role)) ?? (config.owners.compliance.roles.includes(role) ? config.owners.compliance : undefined);
  return person ? `${person.name} (${role})` : `${config.owners.compliance.name} (${role}, unassigned: compliance owner)`;
}

/**
 * Builds the evidence map from the controls in scope, the latest check run and the ledger.
 * It reads results; it never re-runs a check.
 */
export function buildEvidenceMap(input: {
  config: Workspace;
  controls: Control[];
  sourceNames: string[];
  results: ControlResult[] | undefined;
  checkRunAt: string | null;
  period: { from: string; to: string } | null;
  ledger: LedgerEntry[];
  now?: Date;
  /** The current risk register, listed by the controls each risk links to. */
  risks?: readonly RiskRecord[];
}): EvidenceMap {
  const { config } = input;
  const resultById = new Map((input.results ?? []).map((r) => [r.control, r]));
  const latestBySource = new Map<string, string>();
  for (const e of input.ledger) {
    const prev = latestBySource.get(e.source);
    if (!prev || e.collectedAt > prev) latestBySource.set(e.source, e.collectedAt);
  }
  const configured = config.sources.map((s, i) => ({ name: input.sourceNames[i], kind: s.kind }));
  const risksByControl = new Map<string, { id: string; title: string }[]>();
  for (const r of input.risks ?? []) for (const c of new Set(r.controls)) risksByControl.set(c, [...(risksByControl.get(c) ?? []), { id: r.id, title: r.title }]);
  const rows = input.controls.map((c): EvidenceMapRow => {
    const srcs = configured.filter((s) => c.evidenceSources.includes(s.kind));
    const last = srcs.map((s) => latestBySource.get(s.name)).filter((x): x is string => !!x).sort().at(-1) ?? null;
    const r = resultById.get(c.id);
    return {
      control: c.id,
      title: c.title,
      criteria: c.criteria,
      category: c.category,
      sources: srcs.map((s) => `${s.name} (${s.kind})`),
      missingSources: c.evidenceSources.filter((k) => !configured.some((s) => s.kind === k)),
      cadence: c.frequency.replace('_', ' '),
      owner: ownerFor(config, c.ownerRole),
      lastEvidence: last,
      status: r ? r.status : 'not run',
      population: r?.population ?? 0,
      // A run cut down by the keep policy keeps the count, not the rows.
      exceptions: r ? Math.max(r.exceptions.length, (r as { exceptionCount?: number }).exceptionCount ?? 0) : 0,
      check: c.check ?? 'manual attestation',
      risks: risksByControl.get(c.id) ?? [],
    };
  });
  return { organization: config.organization, period: input.period, generatedAt: (input.now ?? new Date()).toISOString(), checkRunAt: input.checkRunAt, rows, riskCount: input.risks?.length ?? 0 };
}
