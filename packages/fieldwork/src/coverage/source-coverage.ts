import { builtInChecks } from '@fieldwork/core/checks';
import type { Control } from '@fieldwork/core';
import type { RecordKind } from '@fieldwork/core/records';
import { COLLECTOR_RECORD_KINDS } from './collector-record-kinds.js';

/** What one control needs and which source kinds can give it. */
export interface ControlSources {
  control: string;
  title: string;
  /** The check that tests it, or null for a manual control. */
  check: string | null;
  /** Record kinds the check needs, every one of them. */
  requires: RecordKind[];
  /** Record kinds of which the check needs at least one. */
  requiresAny: RecordKind[];
  /** Source kinds that emit a record kind the check reads, with the catalog's evidence sources; sorted. */
  sources: string[];
}

/** Source kinds that emit `kind`, sorted. */
export function sourcesEmitting(kind: RecordKind, emits = COLLECTOR_RECORD_KINDS): string[] {
  return Object.keys(emits).filter((s) => emits[s].includes(kind)).sort();
}

/**
 * For each control, the record kinds its check needs (the check's `requires` and
 * `requiresAny`) and the source kinds that can serve it: those whose collector emits one of those
 * kinds, and the control's declared `evidenceSources`.
 *
 * @example
 * sourceCoverage(builtInControls).find((c) => c.control === 'HR-05')?.sources // ['bamboohr-csv', 'entra-audit', …]
 */
export function sourceCoverage(controls: readonly Control[], emits = COLLECTOR_RECORD_KINDS): ControlSources[] {
  return controls.map((c) => {
    const check = c.check ? builtInChecks[c.check] : undefined;
    const requires = [...(check?.requires ?? [])];
    const requiresAny = [...(check?.requiresAny ?? [])];
    const derived = [...requires, ...requiresAny].flatMap((k) => sourcesEmitting(k, emits));
    return { control: c.id, title: c.title, check: c.check ?? null, requires, requiresAny, sources: [...new Set([...derived, ...c.evidenceSources])].sort() };
  });
}

/** Whether a workspace's configured sources can serve a control, and what it lacks. */
export interface ControlGap {
  control: string;
  title: string;
  /** `served`: the configured sources emit what the check needs; `not_served`: they do not; `manual`: no automated check. */
  status: 'served' | 'not_served' | 'manual';
  /** Record kinds the check needs that no configured source emits (for `requiresAny`, all of them when none is emitted). */
  missing: RecordKind[];
  /** Source kinds that would supply the missing record kinds (or, for a check that names no record kind, its evidence sources). */
  wouldServe: string[];
}

/**
 * Names the controls a workspace's configured source kinds cannot serve and the source kinds that
 * would. A check that names no record kind is served when one of its control's evidence sources is configured (or it names none).
 */
export function sourceGaps(controls: readonly Control[], configured: readonly string[], emits = COLLECTOR_RECORD_KINDS): ControlGap[] {
  const have = new Set(configured.flatMap((s) => emits[s] ?? []));
  const kinds = new Set(configured);
  return sourceCoverage(controls, emits).map((c) => {
    const control = controls.find((x) => x.id === c.control)!;
    const base = { control: c.control, title: c.title };
    if (!c.check) return { ...base, status: 'manual' as const, missing: [], wouldServe: [] };
    if (c.requires.length === 0 && c.requiresAny.length === 0) {
      const served = control.evidenceSources.length === 0 || control.evidenceSources.some((s) => kinds.has(s));
      return { ...base, status: served ? 'served' as const : 'not_served' as const, missing: [], wouldServe: served ? [] : [...control.evidenceSources].sort() };
    }
    const missing = [...c.requires.filter((k) => !have.has(k)), ...(c.requiresAny.length && !c.requiresAny.some((k) => have.has(k)) ? c.requiresAny : [])];
    const wouldServe = [...new Set(missing.flatMap((k) => sourcesEmitting(k, emits)))].sort();
    return { ...base, status: missing.length ? 'not_served' as const : 'served' as const, missing, wouldServe };
  });
}
