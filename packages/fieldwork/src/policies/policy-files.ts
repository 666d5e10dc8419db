import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInControls, FieldworkError } from '@fieldwork/core';
import { LineCounter, parseDocument, stringify } from 'yaml';
// A leaf module (yaml and core only): the same alias and depth limits as the collectors, without importing the registry.
import { assertYamlNesting, yamlValue } from '../collectors/input/yaml-value.js';
import type { Workspace } from '../workspace/workspace-schema.js';
import { writeFileSafely } from '../workspace/write-file-safely.js';
import { POLICY_TEMPLATES } from './policy-templates.js';
import type { PolicyFacts } from './policy-templates.js';

export const POLICIES_DIR = 'policies';

/** Front matter every policy file carries. */
export interface PolicyFrontMatter {
  id: string;
  title: string;
  version: string;
  owner: string;
  approved_by: string | null;
  approved_at: string | null;
  next_review: string | null;
  /** Which required policy this is when the organization's own id differs (`ISP-04` → `access-control`). */
  type?: string;
}

/** A policy file split into its front matter and body. */
export interface PolicyFile {
  front: PolicyFrontMatter;
  body: string;
  /** SHA-256 of the body: an approval is tied to this exact text. */
  bodySha256: string;
  /** Line where the body starts (for error locations). */
  bodyLine: number;
}

function param<T>(config: Workspace, check: string, name: string, fallback: T): T {
  const override = config.controls.overrides.find((o) => builtInControls.find((c) => c.id === o.id)?.check === check)?.params?.[name];
  const def = builtInControls.find((c) => c.check === check)?.params[name];
  return (override ?? def ?? fallback) as T;
}

function holder(config: Workspace, role: string): string {
  const p = config.owners.people.find((x) => x.roles.includes(role)) ?? config.owners.compliance;
  return p.name;
}

/** The facts the templates are filled with, read from the workspace and control parameters. */
export function policyFacts(config: Workspace): PolicyFacts {
  const sla = param(config, 'vuln.remediation-sla', 'slaDays', { critical: 15, high: 30, medium: 90, low: 180 }) as PolicyFacts['sla'];
  return {
    company: config.organization,
    owner: config.owners.compliance.name,
    ownerEmail: config.owners.compliance.email,
    securityLead: holder(config, 'security-lead'),
    engineeringLead: holder(config, 'engineering-lead'),
    promptRetentionDays: Number(param(config, 'agent.prompt-retention', 'retentionDays', 30)),
    deprovisionDays: Number(param(config, 'hr.deprovisioning', 'maxDelayDays', 1)),
    sla,
    restoreTestDays: Number(param(config, 'backup.restore-test', 'maxIntervalDays', 92)),
    vendorReviewMonths: Number(param(config, 'vendor.review', 'reviewMonths', 12)),
  };
}

/** Serializes a policy file: YAML front matter between `---` lines, then the body as it is. */
export function formatPolicy(front: PolicyFrontMatter, body: string): string {
  return `---\n${stringify(front, { lineWidth: 0 })}---\n${body}`;
}

/** The body of a new policy: its title as a heading, then the template text. */
export function policyBody(title: string, text: string): string {
  return `\n# ${title}\n\n${text}`;
}

/** Parses a policy file; errors name the file and line. */
export function parsePolicy(text: string, file: string): PolicyFile {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) {
    throw new FieldworkError('INPUT_WRONG_FORMAT', `${file} has no front matter.`, { where: { file, line: 1 }, hint: 'A policy starts with --- then id, title, version, owner, approved_by, approved_at, next_review, then ---.' });
  }
  assertYamlNesting(m[1], file);
  const lc = new LineCounter();
  const doc = parseDocument(m[1], { lineCounter: lc });
  if (doc.errors.length) {
    throw new FieldworkError('INPUT_MALFORMED', `${file}: front matter is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`, { where: { file, line: 2 }, hint: 'Check the indentation and quoting of the front matter.' });
  }
  const value = yamlValue(doc, lc, file);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new FieldworkError('INPUT_WRONG_FORMAT', `${file}: front matter is not a list of fields.`, { where: { file, line: 2 }, hint: 'A policy starts with --- then id, title, version, owner, approved_by, approved_at, next_review, then ---.' });
  }
  const front = value as Record<string, unknown>;
  for (const k of ['id', 'title', 'version']) {
    if (typeof front[k] !== 'string' && typeof front[k] !== 'number') {
      throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: front matter has no ${k}.`, { where: { file, line: 2 }, hint: `Add "${k}:" to the front matter.` });
    }
  }
  const body = text.slice(m[0].length);
  // Front matter is hand-edited: a list or map where a name or date belongs is refused, not stringified (or a crash).
  const str = (v: unknown, k: string): string | null => {
    if (v === null || v === undefined || v === '') return null;
    if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: front matter ${k} is not a single value.`, { where: { file, line: 2, pointer: `/${k}` }, hint: `Write ${k}: as one value (a name or a YYYY-MM-DD date).` });
  };
  return {
    front: {
      id: String(front.id), title: String(front.title), version: String(front.version), owner: str(front.owner, 'owner') ?? '',
      approved_by: str(front.approved_by, 'approved_by'), approved_at: str(front.approved_at, 'approved_at'), next_review: str(front.next_review, 'next_review'),
      ...(str(front.type, 'type') ? { type: str(front.type, 'type') as string } : {}),
    },
    body,
    bodySha256: createHash('sha256').update(body.replace(/\r\n/g, '\n').trim()).digest('hex'),
    bodyLine: m[0].split('\n').length,
  };
}

/** Writes the seven policy templates into `<dir>/policies/`, never overwriting an existing file. */
export function writePolicyTemplates(dir: string, config: Workspace): string[] {
  const facts = policyFacts(config);
  mkdirSync(join(dir, POLICIES_DIR), { recursive: true });
  const written: string[] = [];
  for (const t of POLICY_TEMPLATES) {
    const file = join(dir, POLICIES_DIR, `${t.id}.md`);
    if (existsSync(file)) continue;
    const front: PolicyFrontMatter = { id: t.id, title: t.title, version: '1.0', owner: t.owner(facts), approved_by: null, approved_at: null, next_review: null };
    writeFileSafely(file, formatPolicy(front, policyBody(t.title, t.body(facts))), dir);
    written.push(file);
  }
  return written;
}

/** Reads a policy file from the workspace. */
export function readPolicy(dir: string, id: string): { file: string; policy: PolicyFile } {
  const file = join(dir, POLICIES_DIR, `${id}.md`);
  if (!existsSync(file)) {
    throw new FieldworkError('USAGE', `No policy ${id} in ${POLICIES_DIR}/.`, { hint: `Policies: ${POLICY_TEMPLATES.map((t) => t.id).join(', ')}.` });
  }
  return { file, policy: parsePolicy(readFileSync(file, 'utf8'), `${POLICIES_DIR}/${id}.md`) };
}
