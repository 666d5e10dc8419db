import { z } from 'zod';

const provider = z.union([z.string(), z.object({ id: z.string().nullish(), label: z.string().nullish() }).loose()]);

/** The parts of a promptfoo eval output (`promptfoo eval -o results.json`) we read. */
export const promptfooOutputSchema = z.object({
  evalId: z.string().nullish(),
  createdAt: z.union([z.string(), z.number()]).nullish(),
  results: z.object({
    version: z.number().nullish(),
    timestamp: z.string().nullish(),
    results: z.array(z.object({
      success: z.boolean().nullish(),
      score: z.number().nullish(),
      provider: provider.nullish(),
      error: z.string().nullish(),
    }).loose()),
    prompts: z.array(z.object({
      provider: z.string().nullish(),
      metrics: z.object({ testPassCount: z.number(), testFailCount: z.number(), testErrorCount: z.number().nullish() }).loose().nullish(),
    }).loose()).nullish(),
    stats: z.object({ successes: z.number(), failures: z.number(), errors: z.number().nullish() }).loose().nullish(),
  }).loose(),
  config: z.object({
    description: z.string().nullish(),
    tags: z.record(z.string(), z.unknown()).nullish(),
    providers: z.unknown().optional(),
  }).loose().nullish(),
  metadata: z.object({ exportedAt: z.string().nullish(), evaluationCreatedAt: z.string().nullish() }).loose().nullish(),
}).loose();
export type PromptfooOutput = z.infer<typeof promptfooOutputSchema>;

/** Counts of one provider's tests. */
export interface ProviderTally {
  providerId: string;
  label?: string;
  passes: number;
  failures: number;
  errors: number;
  /** Where the counts were read from. */
  locator: string;
}

function providerOf(p: z.infer<typeof provider> | null | undefined): { id: string; label?: string } {
  if (!p) return { id: 'unknown' };
  if (typeof p === 'string') return { id: p };
  return { id: p.id || p.label || 'unknown', ...(p.label ? { label: p.label } : {}) };
}

/**
 * Pass/fail counts per provider. With one provider the eval's `stats` are the counts; with
 * several, each prompt's `metrics` (one entry per prompt and provider), else the results counted.
 */
export function tallyProviders(out: PromptfooOutput): ProviderTally[] {
  const byId = new Map<string, ProviderTally>();
  for (const [i, r] of out.results.results.entries()) {
    const p = providerOf(r.provider);
    let t = byId.get(p.id);
    if (!t) byId.set(p.id, (t = { providerId: p.id, ...(p.label ? { label: p.label } : {}), passes: 0, failures: 0, errors: 0, locator: `/results/results/${i}` }));
    if (r.error && !r.success) t.errors++;
    else if (r.success) t.passes++;
    else t.failures++;
  }
  const tallies = [...byId.values()];
  const stats = out.results.stats;
  if (tallies.length <= 1 && stats) {
    const only = tallies[0] ?? { providerId: firstConfiguredProvider(out) ?? 'unknown', passes: 0, failures: 0, errors: 0, locator: '' };
    return [{ ...only, passes: stats.successes, failures: stats.failures, errors: stats.errors ?? 0, locator: '/results/stats' }];
  }
  const prompts = out.results.prompts ?? [];
  for (const t of tallies) {
    const metrics = prompts.map((p, i) => ({ p, i })).filter(({ p }) => p.provider === t.providerId && p.metrics);
    if (metrics.length === 0) continue;
    t.passes = metrics.reduce((n, { p }) => n + p.metrics!.testPassCount, 0);
    t.failures = metrics.reduce((n, { p }) => n + p.metrics!.testFailCount, 0);
    t.errors = metrics.reduce((n, { p }) => n + (p.metrics!.testErrorCount ?? 0), 0);
    t.locator = `/results/prompts/${metrics[0].i}/metrics`;
  }
  return tallies;
}

function firstConfiguredProvider(out: PromptfooOutput): string | undefined {
  const ps = out.config?.providers;
  const first = Array.isArray(ps) ? ps[0] : ps;
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && typeof (first as { id?: unknown }).id === 'string') return (first as { id: string }).id;
  return undefined;
}

/**
 * The model a promptfoo provider id names: the part after the last colon for
 * `openai:gpt-4.1`, `openai:chat:gpt-4o-mini`, `anthropic:messages:claude-sonnet-4-20250514`,
 * `bedrock:anthropic.claude-3-haiku…`; the id itself otherwise (`echo`, an HTTP URL).
 */
export function modelFromProviderId(id: string): string {
  if (/^https?:\/\//i.test(id) || id.startsWith('file://') || id.startsWith('exec:') || id.startsWith('python:')) return id;
  const parts = id.split(':').filter((p) => p !== '');
  return parts.length > 1 ? parts[parts.length - 1] : id;
}

/** A config tag read as a boolean (`held-out: true`, `heldOut: "false"`), when present. */
export function heldOutTag(out: PromptfooOutput): boolean | undefined {
  const tags = out.config?.tags ?? {};
  for (const k of ['held-out', 'heldOut', 'held_out', 'heldout']) {
    const v = tags[k];
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|yes|1)$/i.test(v)) return true;
    if (typeof v === 'string' && /^(false|no|0)$/i.test(v)) return false;
  }
  return undefined;
}
