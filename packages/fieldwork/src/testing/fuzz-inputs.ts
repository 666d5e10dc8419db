/**
 * @module Property-based fuzzing of collectors: seeds per kind, fast-check arbitraries that
 * mutate them (bytes, JSON values, CSV cells, YAML tokens), and one input run the way `collect`
 * runs it, classified by the exit code it would give. Used by `npm run fuzz` (bench/fuzz.mjs)
 * and by the bounded CI test. Not exported from testing/index: it needs fast-check (a dev tool).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitCodeFor, isFieldworkError, recordSchemas } from '@fieldwork/core';
import fc from 'fast-check';
import type { Collector } from '../collectors/collector.js';
import { guardTextInput } from '../collectors/input/index.js';
import { sha256File } from '../evidence/index.js';
import { testPseudonym } from './test-secret.js';
import { REAL_FIXTURES } from './parse-file.js';

/** The repository root (this file is packages/fieldwork/{src,dist}/testing/fuzz-inputs.*). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const COLLECTORS_SRC = join(REPO_ROOT, 'packages/fieldwork/src/collectors');
const SEEDS_DIR = join(REPO_ROOT, 'bench/fuzz-seeds');

/** A valid sample of a kind, mutated into fuzz inputs. */
export interface FuzzSeed {
  name: string;
  bytes: Buffer;
  options: Record<string, unknown>;
}

/** Samples per kind: collector fixtures in the repository, then the third-party samples (REAL_FIXTURES). */
const SAMPLE_FILES: Record<string, string[]> = {
  'aws-backup-jobs': ['src:aws-backup/fixtures/list-backup-jobs.json', 'src:aws-backup/fixtures/list-backup-jobs-cli-v1.json', 'src:aws-backup/fixtures/describe-backup-job.json'],
  'aws-restore-jobs': ['src:aws-backup/fixtures/list-restore-jobs.json'],
  'jira-issues': ['src:jira/fixtures/search-page-1.json', 'src:jira/fixtures/search-page-2.json'],
  'restic-snapshots': ['src:restic/fixtures/restic-snapshots.json'],
  'pgbackrest-info': ['src:pgbackrest/fixtures/pgbackrest-info.json'],
  'linear-issues': ['src:linear/fixtures/linear-export.csv', 'src:linear/fixtures/graphql-issues.json'],
  'entra-audit': ['src:entra/fixtures/graph-directory-audits.json', 'src:entra/fixtures/diagnostic-audit-logs.jsonl'],
  'vendors-yaml': ['src:vendors/fixtures/vendors.yaml'],
  'vendors-csv': ['src:vendors/fixtures/vendors.csv'],
  'knowbe4-enrollments': ['src:training/fixtures/knowbe4-enrollments.json'],
  'background-checks-csv': ['src:background-checks/fixtures/checkr-reports.csv'],
  'training-csv': ['src:training/fixtures/lms-completions.csv'],
  'policy-acks-csv': ['src:policy-acks/fixtures/docusign-envelopes.csv'],
  'okta-users': ['src:identity/fixtures/acme/okta/okta-users-2026-06-30.json', 'src:identity/fixtures/acme/okta/okta-factors-00u01acmexxxxxxxxxxx-2026-06-30.json'],
  'entra-users': ['src:identity/fixtures/acme/entra/entra-users-2026-06-30-page-1.json', 'src:identity/fixtures/acme/entra/entra-registration-details-2026-06-30.json'],
  'entra-sign-ins': ['src:identity/fixtures/acme/entra/entra-sign-ins-2026-q2.json'],
  'google-directory-users': ['src:identity/fixtures/acme/google/google-directory-users-2026-06-30-page-1.json'],
  'okta-system-log': ['real:identity/okta-system-log.get_logs_response.json'],
  'google-workspace-admin': ['real:identity/google-workspace-reports-admin-activity.sentinel-sample.json'],
  'otlp-json': ['real:otel/otlp-trace.example.json'],
  'trivy-json': ['real:vuln/trivy-alpine-310.json.golden', 'real:vuln/trivy-npm.json.golden'],
  'grype-json': ['real:vuln/grype-TestJsonImgsPresenter.golden.json'],
  'osv-scanner-json': ['real:vuln/osv-scanner-some_findings.json'],
  'npm-audit-json': ['real:vuln/npm-audit-v2-one_vuln.json', 'real:vuln/npm-audit-v2-many_vulns.json'],
  sarif: ['real:vuln/trivy-alpine-310.sarif.golden'],
  'dependabot-alerts': ['real:github/graphql-vulnerabilityAlerts.github-5-vuln.json', 'real:github/webhook-dependabot_alert.created.payload.json'],
  cyclonedx: ['real:cloud/cyclonedx-vex.vex.json', 'real:cloud/cyclonedx-sbom.laravel-7.12.0.bom.1.4.json'],
  'prowler-ocsf': ['real:cloud/prowler-example_output_aws.ocsf.json'],
  'promptfoo-results': ['real:evals/promptfoo-results.many_findings.json', 'real:evals/promptfoo-results.no_findings.json'],
  'github-rest': ['real:github/rest-pulls-list.state-open.hub4j.json', 'real:github/rest-pulls-reviews.approved.hub4j.json'],
  'github-api': ['real:github/rest-pulls-list.state-open.hub4j.json'],
};

/** Options a kind cannot run without (the rest use their defaults). */
const REQUIRED_OPTIONS: Record<string, Record<string, unknown>> = {
  'github-api': { owner: 'octo', repos: ['hello'] },
};

/**
 * The seeds of `kind`: its samples, and `bench/fuzz-seeds/<kind>.*` (with `<kind>.options.json`
 * for kinds that need options). `fixturesDir` overrides REAL_FIXTURES.
 */
export function fuzzSeeds(kind: string, fixturesDir = REAL_FIXTURES): FuzzSeed[] {
  const seeds: FuzzSeed[] = [];
  const optFile = join(SEEDS_DIR, `${kind}.options.json`);
  const options = existsSync(optFile) ? (JSON.parse(readFileSync(optFile, 'utf8')) as Record<string, unknown>) : (REQUIRED_OPTIONS[kind] ?? {});
  for (const ref of SAMPLE_FILES[kind] ?? []) {
    const [where, rel] = ref.split(':') as ['src' | 'real', string];
    const p = join(where === 'src' ? COLLECTORS_SRC : fixturesDir, rel);
    if (existsSync(p)) seeds.push({ name: basename(p), bytes: readFileSync(p), options });
  }
  if (existsSync(SEEDS_DIR)) {
    for (const f of readdirSync(SEEDS_DIR).sort()) {
      if (f.startsWith(`${kind}.`) && !f.endsWith('.options.json')) seeds.push({ name: `sample.${f.split('.').pop()}`, bytes: readFileSync(join(SEEDS_DIR, f)), options });
    }
  }
  return seeds;
}

/** Text that tends to break parsers: separators, quotes, escapes, YAML anchors, byte-order marks, NUL. */
const TOKENS = [
  '\u0000', '\uFEFF', '"', '\\', "'", '[', ']', '{', '}', ',', ':', '\n', '\r\n', '\r', '\t', '#', '---\n', '...\n', '&a ', '*a', '<<: *a\n', '!!binary ', '? ',
  '-1', '0', '1e309', '-1e309', '123456789012345678901234567890123', '9007199254740993', 'NaN', 'null', 'true', '""', '[]', '{}', '\u202e', '😀', '=cmd|calc',
  '0000-00-00', '2026-02-30', '9999-12-31T23:59:59Z', '+275760-09-14T00:00:00Z', '1970-01-01', '"\\ud800"', '\\u0000', '%s%n', '../../etc/passwd',
];

/** Values a field of a real export can be replaced with. Large ones are built lazily. */
const VALUES: (() => unknown)[] = [
  () => null, () => true, () => 0, () => -1, () => 1e308, () => -1e308, () => 1.2345678901234568e32, () => 2 ** 53 + 1, () => 0.5, () => '',
  () => 'x'.repeat(100_000), () => '2026-02-30T25:61:61Z', () => '0000-00-00', () => '9999-12-31T23:59:59Z', () => '+275760-09-14T00:00:00Z', () => 'not a date',
  () => '\ud800', () => '\u202e\u0000', () => [], () => ({}), () => [[[[[]]]]], () => nest(200), () => nest(300), () => Array.from({ length: 10_000 }, (_, i) => i),
  () => JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'), () => ({ toString: 'x', valueOf: 1, hasOwnProperty: 2 }),
];

function nest(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** One mutation step; `at` in [0, 1) picks the place. */
export type FuzzOp =
  | { t: 'flip'; at: number; byte: number }
  | { t: 'insert'; at: number; text: string }
  | { t: 'delete'; at: number; len: number }
  | { t: 'truncate'; at: number }
  | { t: 'repeat'; at: number; len: number; times: number }
  | { t: 'value'; at: number; value: number; key?: string }
  | { t: 'cell'; at: number; col: number; text: string };

const at = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const opArb: fc.Arbitrary<FuzzOp> = fc.oneof(
  fc.record({ t: fc.constant('flip' as const), at, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ t: fc.constant('insert' as const), at, text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 })) }),
  fc.record({ t: fc.constant('delete' as const), at, len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ t: fc.constant('truncate' as const), at }),
  fc.record({ t: fc.constant('repeat' as const), at, len: fc.integer({ min: 1, max: 200 }), times: fc.integer({ min: 2, max: 50 }) }),
  fc.record({ t: fc.constant('value' as const), at, value: fc.nat({ max: VALUES.length - 1 }), key: fc.option(fc.constantFrom('__proto__', 'id', '', 'x'.repeat(300)), { nil: undefined }) }),
  fc.record({ t: fc.constant('value' as const), at, value: fc.nat({ max: VALUES.length - 1 }) }),
  fc.record({ t: fc.constant('cell' as const), at, col: fc.nat({ max: 40 }), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 20 })) }),
);

/** A fuzz input: which seed, and the mutations applied to it (or raw bytes not derived from a seed). */
export type FuzzPlan = { seed: number; ops: FuzzOp[] } | { raw: Uint8Array };

/** Mostly mutated seeds (one to four steps), sometimes arbitrary bytes or JSON. */
export function fuzzPlanArbitrary(seedCount: number): fc.Arbitrary<FuzzPlan> {
  const mutated = fc.record({ seed: fc.nat({ max: Math.max(0, seedCount - 1) }), ops: fc.array(opArb, { minLength: 1, maxLength: 4 }) });
  const raw = fc.oneof(fc.uint8Array({ maxLength: 512 }), fc.json({ maxDepth: 4 }).map((s) => new TextEncoder().encode(s))).map((r) => ({ raw: r }));
  return seedCount > 0 ? fc.oneof({ arbitrary: mutated, weight: 9 }, { arbitrary: raw, weight: 1 }) : raw;
}

/** The plan of input `index` of a run with `seed`: reproducible one by one (a hang never shifts the rest). */
export function fuzzPlan(seedCount: number, seed: number, index: number): FuzzPlan {
  return fc.sample(fuzzPlanArbitrary(seedCount), { seed: (seed + index * 2654435761) | 0, numRuns: 1 })[0];
}

/** Applies a plan to the seeds: the bytes of one input. */
export function applyPlan(plan: FuzzPlan, seeds: FuzzSeed[]): Buffer {
  if ('raw' in plan) return Buffer.from(plan.raw);
  let bytes = seeds[plan.seed].bytes;
  for (const op of plan.ops) bytes = applyOp(bytes, op);
  return bytes;
}

function applyOp(b: Buffer, op: FuzzOp): Buffer {
  const i = Math.floor(op.at * (b.length + 1));
  switch (op.t) {
    case 'flip': {
      if (b.length === 0) return Buffer.from([op.byte]);
      const c = Buffer.from(b);
      c[Math.min(i, c.length - 1)] = op.byte;
      return c;
    }
    case 'insert':
      return Buffer.concat([b.subarray(0, i), Buffer.from(op.text, 'utf8'), b.subarray(i)]);
    case 'delete':
      return Buffer.concat([b.subarray(0, i), b.subarray(i + op.len)]);
    case 'truncate':
      return b.subarray(0, i);
    case 'repeat': {
      const part = b.subarray(i, i + op.len);
      return Buffer.concat([b.subarray(0, i), ...Array(op.times).fill(part), b.subarray(i)]);
    }
    case 'value':
      return replaceJsonValue(b, op) ?? replaceYamlScalar(b, op) ?? b;
    case 'cell':
      return replaceCsvCell(b, op) ?? b;
  }
}

/** Replaces one value (or adds a key) anywhere in a JSON document or one JSON Lines line. */
function replaceJsonValue(b: Buffer, op: Extract<FuzzOp, { t: 'value' }>): Buffer | undefined {
  const text = b.toString('utf8');
  const lines = text.split('\n');
  let doc: unknown;
  let lineNo = -1;
  try {
    doc = JSON.parse(text);
  } catch {
    const candidates = lines.map((l, n) => [l, n] as const).filter(([l]) => /^\s*[[{]/.test(l));
    if (candidates.length === 0) return undefined;
    const [l, n] = candidates[Math.floor(op.at * candidates.length)];
    try {
      doc = JSON.parse(l);
      lineNo = n;
    } catch {
      return undefined;
    }
  }
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown): void => {
    if (slots.length > 5000 || v === null || typeof v !== 'object') return;
    for (const k of Array.isArray(v) ? v.keys() : Object.keys(v)) {
      slots.push({ parent: v as Record<string, unknown>, key: k });
      walk((v as Record<string, unknown>)[k as string]);
    }
  };
  walk(doc);
  const value = VALUES[op.value]();
  if (slots.length === 0) doc = value;
  else {
    const s = slots[Math.floor(op.at * slots.length)];
    if (op.key !== undefined && !Array.isArray(s.parent)) Object.defineProperty(s.parent, op.key, { value, enumerable: true, writable: true, configurable: true });
    else (s.parent as Record<string, unknown>)[s.key as string] = value;
  }
  const out = JSON.stringify(doc);
  if (lineNo < 0) return Buffer.from(out, 'utf8');
  lines[lineNo] = out;
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** Replaces the value of one `key: value` line of a YAML file. */
function replaceYamlScalar(b: Buffer, op: Extract<FuzzOp, { t: 'value' }>): Buffer | undefined {
  const lines = b.toString('utf8').split('\n');
  const idx = lines.map((l, n) => [l, n] as const).filter(([l]) => /^\s*-?\s*[\w.-]+:\s*\S/.test(l));
  if (idx.length === 0) return undefined;
  const [l, n] = idx[Math.floor(op.at * idx.length)];
  const v = VALUES[op.value]();
  lines[n] = l.replace(/:\s*\S.*$/, `: ${typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? 'null'}`);
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** Replaces one cell of a CSV row (naively split on commas, which is itself a useful mutation). */
function replaceCsvCell(b: Buffer, op: Extract<FuzzOp, { t: 'cell' }>): Buffer | undefined {
  const lines = b.toString('utf8').split('\n');
  if (lines.length < 2 || !lines[0].includes(',')) return undefined;
  const n = 1 + Math.floor(op.at * (lines.length - 1));
  const cells = lines[n].split(',');
  cells[op.col % Math.max(1, cells.length)] = op.text;
  lines[n] = cells.join(',');
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** How `collect` would end on one input: accepted (exit 0), refused (2 or 3), or a bug (70). */
export interface FuzzOutcome {
  result: 'accepted' | 'refused' | 'internal';
  exit: number;
  records: number;
  ms: number;
  /** For refusals and bugs: the code and message (first line), to group them. */
  detail?: string;
  /** For a refusal: the error has a file and a place (line, column or pointer). */
  placed?: boolean;
}

/**
 * Writes `bytes` to `dir/name` and parses it with `collector` exactly as `collect` does (text
 * guard, option defaults, each record checked against its schema), classifying the outcome.
 */
export async function runFuzzInput(collector: Collector<any>, bytes: Buffer, name: string, options: Record<string, unknown>, dir: string): Promise<FuzzOutcome> {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const started = performance.now();
  let records = 0;
  try {
    const opts = collector.options.parse(options);
    const { sha256 } = await sha256File(path);
    const input = guardTextInput({ path, displayName: name, sha256, size: statSync(path).size, open: () => createReadStream(path) });
    const ctx = { source: 'fuzz', timezone: 'America/Los_Angeles', cite: (locator: string) => ({ source: 'fuzz', artifact: sha256, locator: locator || '/' }), pseudonymize: testPseudonym };
    for await (const r of collector.parse(input, opts, ctx)) {
      const schema = (recordSchemas as Record<string, { safeParse(v: unknown): { success: boolean } } | undefined>)[r.kind];
      if (!schema) throw new Error(`unknown record kind ${r.kind}`);
      // `collect` refuses a record that fails its schema with INPUT_INVALID_RECORD (exit 3).
      if (!schema.safeParse(r).success) return { result: 'refused', exit: 3, records, ms: performance.now() - started, detail: `INPUT_INVALID_RECORD (schema of ${r.kind})`, placed: true };
      records++;
    }
    return { result: 'accepted', exit: 0, records, ms: performance.now() - started };
  } catch (e) {
    const ms = performance.now() - started;
    if (isFieldworkError(e)) {
      const exit = exitCodeFor(e.code);
      const w = e.where;
      return { result: exit === 70 ? 'internal' : 'refused', exit, records, ms, detail: `${e.code}: ${e.message.split('\n')[0].slice(0, 160)}`, placed: Boolean(w?.file && (w.line !== undefined || w.pointer !== undefined || w.column !== undefined || !bytes.length)) };
    }
    const err = e as Error;
    return { result: 'internal', exit: 70, records, ms, detail: `${err?.name ?? 'Error'}: ${String(err?.message ?? e).split('\n')[0].slice(0, 160)} @ ${(err?.stack ?? '').split('\n')[1]?.trim() ?? ''}` };
  }
}
