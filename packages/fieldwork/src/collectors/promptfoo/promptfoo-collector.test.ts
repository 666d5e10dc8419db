import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core/errors';
import { REAL_FIXTURES, parseFile } from '../../testing/index.js';
import { promptfooCollector } from './promptfoo-collector.js';
import { modelFromProviderId } from './promptfoo-mapper.js';

const MANY = join(REAL_FIXTURES, 'evals/promptfoo-results.many_findings.json');
const NONE = join(REAL_FIXTURES, 'evals/promptfoo-results.no_findings.json');
const dir = mkdtempSync(join(tmpdir(), 'promptfoo-collector-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
async function failure(path: string, options: unknown = {}) {
  try {
    await parseFile(promptfooCollector, path, options);
  } catch (e) {
    if (isFieldworkError(e)) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('promptfoo-results', () => {
  it('reads a real eval with failures: pass rate 2/9 and the default threshold, no verdict of its own', async () => {
    const [run, ...rest] = await parseFile(promptfooCollector, MANY);
    expect(rest).toEqual([]);
    expect(run).not.toHaveProperty('passed');
    expect(run).toMatchObject({
      kind: 'eval_run', id: 'eval-GoP-2026-06-23T17:14:06', tool: 'promptfoo', model: 'echo', score: 0.2222, threshold: 1,
      tests: 9, failures: 7, startedAt: '2026-06-23T17:14:06.067Z', finishedAt: '2026-06-23T17:14:06.170Z', locator: '/results/stats',
    });
  });

  it('reads a real eval where every test passed, naming the HTTP provider model by option', async () => {
    const [run] = await parseFile(promptfooCollector, NONE, { models: { 'http://localhost:3110/chat': 'support-agent-v7' }, heldOut: true, dataset: 'redteam-heldout' });
    expect(run).toMatchObject({ model: 'support-agent-v7', score: 1, threshold: 1, tests: 10, failures: 0, heldOut: true, dataset: 'redteam-heldout', finishedAt: '2025-10-10T22:59:34.410Z' });
  });

  it('keeps a configured threshold beside the pass rate for the checks to judge', async () => {
    const [run] = await parseFile(promptfooCollector, MANY, { threshold: 0.2 });
    expect(run).toMatchObject({ score: 0.2222, threshold: 0.2 });
    expect(run).not.toHaveProperty('passed');
  });

  it('makes one run per provider, each counted from its prompt metrics', async () => {
    const doc = JSON.parse(readFileSync(MANY, 'utf8'));
    doc.results.results = [
      { success: true, score: 1, provider: { id: 'openai:gpt-4.1', label: '' } },
      { success: false, score: 0, provider: { id: 'openai:gpt-4.1', label: '' } },
      { success: true, score: 1, provider: { id: 'anthropic:messages:claude-sonnet-4-20250514', label: '' } },
    ];
    doc.results.prompts = [
      { provider: 'openai:gpt-4.1', metrics: { testPassCount: 1, testFailCount: 1, testErrorCount: 0 } },
      { provider: 'anthropic:messages:claude-sonnet-4-20250514', metrics: { testPassCount: 1, testFailCount: 0, testErrorCount: 0 } },
    ];
    const runs = await parseFile(promptfooCollector, file('two.json', JSON.stringify(doc)));
    expect(runs.map((r) => r.kind === 'eval_run' && [r.id, r.model, r.score, r.threshold, r.locator])).toEqual([
      ['eval-GoP-2026-06-23T17:14:06#openai:gpt-4.1', 'gpt-4.1', 0.5, 1, '/results/prompts/0/metrics'],
      ['eval-GoP-2026-06-23T17:14:06#anthropic:messages:claude-sonnet-4-20250514', 'claude-sonnet-4-20250514', 1, 1, '/results/prompts/1/metrics'],
    ]);
  });

  it('names models from provider ids', () => {
    expect(modelFromProviderId('openai:chat:gpt-4o-mini')).toBe('gpt-4o-mini');
    expect(modelFromProviderId('echo')).toBe('echo');
    expect(modelFromProviderId('https://api.example.com/chat')).toBe('https://api.example.com/chat');
  });

  it('refuses the first half of either real file as truncated', async () => {
    for (const f of [MANY, NONE]) {
      const bytes = readFileSync(f);
      const err = await failure(file('half.json', bytes.subarray(0, Math.floor(bytes.length / 2))));
      expect(err.code).toBe('INPUT_MALFORMED');
      expect(err.hint).toMatch(/truncated/);
    }
  });

  it('refuses another JSON file as the wrong format', async () => {
    const err = await failure(file('runs.json', JSON.stringify({ runs: [] })));
    expect(err).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/results/results' } });
  });
});
