import type { SourceConfig } from '../workspace/index.js';
import type { Random } from './random.js';
import type { DemoProblems } from './demo-plants.js';
import type { DemoStack } from './demo-stack.js';

/** A person of the demo company (the HR roster every part draws on). */
export interface DemoPerson {
  employeeNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  department: string;
  workerType: 'employee' | 'contractor';
  hireDate: string;
  /** When the person left (or undefined). */
  endDate?: string;
  /** Earlier tenure start for rehires. */
  originalHireDate?: string;
  /** Okta user id. */
  oktaId: string;
  /** GitHub login, for engineers. */
  github?: string;
}

/** What each demo part receives. */
export interface DemoContext {
  rng: Random;
  seed: number;
  organization: string;
  domain: string;
  timezone: string;
  /** The Type II window. */
  period: { from: string; to: string };
  people: DemoPerson[];
  /** Which planted problems to generate (see `planting`). */
  problems: DemoProblems;
  /** The identity provider and tracker whose export formats the parts write (default `okta-jira`). */
  stack?: DemoStack;
  /** Facts parts share (e.g. planted subjects), by part name. */
  shared: Record<string, unknown>;
}

/** What a part adds to the demo workspace. */
export interface DemoPartOutput {
  /** Files relative to the workspace. */
  files: Record<string, string | Buffer>;
  sources: SourceConfig[];
  /** Extra top-level sections of fieldwork.yaml (tools, taxonomy…). */
  workspace?: Record<string, unknown>;
  /** What this part planted, for the summary and the tests: rule id → subjects. */
  planted: { rule: string; subject: string; why: string }[];
  /** Manual evidence to submit once the sources are collected. */
  evidence?: DemoEvidence[];
}

/** Manual evidence the demo submits after collecting: a file for an occurrence (and its decision), or a not-applicable decision. */
export type DemoEvidence =
  | {
      kind: 'add'; control: string; covers: string; by: string;
      /** Relative to the workspace. */
      file: string; performedOn: string; at: string; note: string; validUntil?: string;
      decision: { decision: 'accepted' | 'rejected'; by: string; at: string; reason?: string } | null;
    }
  | { kind: 'na'; control: string; covers: string; by: string; reason: string; at: string };

/** A slice of the demo (people and identity, code, scanners, agent traces…). */
export interface DemoPart {
  name: string;
  generate(ctx: DemoContext): DemoPartOutput;
}
