import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '@fieldwork/core';
import type { AuditReport, CheckRun, ControlResult } from '@fieldwork/core';
import { checkWorkspace } from '../../pipeline/check-workspace.js';
import { collectWorkspace } from '../../pipeline/collect-workspace.js';
import { FieldworkStore } from '../../store/index.js';
import { loadWorkspace } from '../../workspace/index.js';
import type { AnswerKey } from './org-answer-key.js';
import { scoreRun } from './org-answer-key.js';
import type { PrecisionScore } from './org-answer-key.js';

/** A generator of a realistic test organization: writes a workspace folder, returns its answer key. */
export interface OrgGenerator {
  name: string;
  /** Writes fieldwork.yaml and the export files into `dir` (an empty folder). */
  generate(dir: string): { key: AnswerKey; now: Date };
}

/** What running one organization through the pipeline gave. */
export interface OrgRun {
  name: string;
  run: CheckRun;
  key: AnswerKey;
  score: PrecisionScore;
  /** The Type II mock audit over the same check run (seeded by the organization's name). */
  audit: AuditReport;
  /** Sources that failed to collect, with their error. */
  failedSources: string[];
}

/**
 * Generates an organization in a temporary folder and runs it through the real pipeline —
 * collect every source into a fresh SQLite store, check every control in scope, run the mock
 * audit — then scores the exceptions against the answer key.
 */
export async function runOrg(gen: OrgGenerator): Promise<OrgRun> {
  const dir = mkdtempSync(join(tmpdir(), `fieldwork-org-${gen.name}-`));
  try {
    const { key, now } = gen.generate(dir);
    const ws = loadWorkspace(dir);
    const store = await FieldworkStore.open({ dialect: 'sqlite', file: join(dir, '.fieldwork', 'fieldwork.db') });
    try {
      const outcomes = await collectWorkspace(ws, store);
      const failedSources = outcomes.filter((o) => o.status === 'failed').map((o) => `${o.name}: ${o.error?.message ?? 'failed'}`);
      // The run checkWorkspace returns keeps counts, not population items; the audit samples the
      // items, so it takes each result whole as its check returns.
      const whole: ControlResult[] = [];
      const run = await checkWorkspace(ws, store, {}, now, { onResult: (r) => void whole.push(r) });
      const audit = runAudit({ auditId: gen.name, period: run.period, asOf: run.asOf, controls: run.controls, results: whole, timezone: ws.config.timezone });
      return { name: gen.name, run, key, score: scoreRun(run, key), audit, failedSources };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
