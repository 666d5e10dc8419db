/** @module One collection, one set of checks, a framework's view: which requirements our tested controls serve. */
import type { Control } from '../control.js';
import type { Framework, FrameworkRequirement, MappingRelationship } from './framework-schema.js';

/** The part of a control's check result a framework view reads (a `ControlResult` fits). */
export interface ResultForCoverage {
  control: string;
  status: 'pass' | 'exception' | 'not_tested' | 'insufficient_evidence';
  exceptions: readonly { rule: string; subject: string }[];
}

/** One of our controls serving a requirement, with what its latest check said. */
export interface ServingControl {
  control: string;
  title: string;
  relationship: MappingRelationship;
  rationale?: string;
  check: string | null;
  /** The control's status in the check run, or `not_run` when there is no result for it. */
  status: ResultForCoverage['status'] | 'not_run';
  exceptions: { rule: string; subject: string }[];
}

/**
 * Where a requirement stands: `unmapped` — no control in scope serves it; `untested` — controls
 * serve it but none was tested by a check (manual attestation, insufficient evidence, not run);
 * `exceptions` — a serving control has exceptions; `served` — at least one serving control was
 * tested and none has exceptions.
 */
export type RequirementState = 'unmapped' | 'untested' | 'exceptions' | 'served';

export interface RequirementCoverage extends FrameworkRequirement {
  state: RequirementState;
  controls: ServingControl[];
  /** Controls mapped to it that the workspace excluded or left out of scope. */
  outOfScope: string[];
}

/** A framework's coverage figures and its requirements, in the framework's order. */
export interface FrameworkCoverage {
  framework: { id: string; name: string; version: string; url?: string; note?: string };
  summary: {
    requirements: number;
    /** Requirements at least one control in scope maps to. */
    mapped: number;
    /** Requirements served by at least one control a check tested (pass or exception). */
    tested: number;
    /** Requirements a serving control has exceptions in. */
    withExceptions: number;
    /** Tested requirements without exceptions. */
    served: number;
    /** Ids of the requirements no control in scope maps to. */
    unmapped: string[];
  };
  requirements: RequirementCoverage[];
}

const TESTED = new Set(['pass', 'exception']);

/**
 * The coverage of one framework by the controls in scope and their check results. It reads
 * results; it never re-runs a check. Without results every mapped requirement is `untested`.
 *
 * @example
 * const cov = frameworkCoverage(iso42001, controls, run.results);
 * cov.summary.unmapped; // ['A.2.2', 'A.2.3', …]
 */
export function frameworkCoverage(framework: Framework, controls: readonly Control[], results: readonly ResultForCoverage[] = []): FrameworkCoverage {
  const inScope = new Map(controls.map((c) => [c.id, c]));
  const resultOf = new Map(results.map((r) => [r.control, r]));
  const requirements = framework.requirements.map((req): RequirementCoverage => {
    const maps = framework.mappings.filter((m) => m.requirement === req.id);
    const serving = maps.flatMap((m): ServingControl[] => {
      const c = inScope.get(m.control);
      if (!c) return [];
      const r = resultOf.get(c.id);
      return [{
        control: c.id, title: c.title, relationship: m.relationship, ...(m.rationale ? { rationale: m.rationale } : {}), check: c.check,
        status: r?.status ?? 'not_run', exceptions: (r?.exceptions ?? []).map((e) => ({ rule: e.rule, subject: e.subject })),
      }];
    });
    const state: RequirementState = serving.length === 0 ? 'unmapped'
      : serving.some((s) => s.status === 'exception') ? 'exceptions'
      : serving.some((s) => TESTED.has(s.status)) ? 'served' : 'untested';
    return { ...req, state, controls: serving, outOfScope: maps.filter((m) => !inScope.has(m.control)).map((m) => m.control) };
  });
  const count = (f: (r: RequirementCoverage) => boolean) => requirements.filter(f).length;
  return {
    framework: { id: framework.id, name: framework.name, version: framework.version, ...(framework.url ? { url: framework.url } : {}), ...(framework.note ? { note: framework.note } : {}) },
    summary: {
      requirements: requirements.length,
      mapped: count((r) => r.state !== 'unmapped'),
      tested: count((r) => r.state === 'served' || r.state === 'exceptions'),
      withExceptions: count((r) => r.state === 'exceptions'),
      served: count((r) => r.state === 'served'),
      unmapped: requirements.filter((r) => r.state === 'unmapped').map((r) => r.id),
    },
    requirements,
  };
}

/** The framework with `id` among `frameworks`, or undefined. */
export function findFramework(frameworks: readonly Framework[], id: string): Framework | undefined {
  const key = id.trim().toLowerCase();
  return frameworks.find((f) => f.id === key);
}
