import { canaryTenantHash, findCanaries, makeCanary, sha256Hex } from '@fieldwork/agent/probe';
import type { ProbeAdapter } from './probe-adapter.js';
import { PROBE_RUN_FORMAT, probeVerdict } from './probe-run.js';
import type { ProbeRun, ProbeRunAttempt } from './probe-run.js';

export interface RunProbeOptions {
  /** The store's name in evidence (`support-memory`). */
  store: string;
  /** Probe tenants (two or more); use dedicated tenants, not customers'. */
  tenants: string[];
  /** Run id; also seeds the canaries, so a run can be repeated exactly. */
  runId: string;
  /** Clock (the demo passes a fixed one). */
  now?: () => Date;
}

const hasCanaryOf = (texts: readonly string[], tenant: string) => texts.some((t) => findCanaries(t).some((m) => m.tenantHash === canaryTenantHash(tenant)));
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Runs the cross-tenant isolation probe: plants a canary record per tenant, checks each
 * tenant sees its own, then as every tenant tries to query, read, change and delete every
 * other tenant's canary, and queries with no tenant context at all (which must fail closed).
 * Canaries are removed at the end. Never throws for what the store does: every outcome is an
 * attempt in the returned run.
 *
 * @example
 * const run = await runProbe(memoryAdapter(), { store: 'support-memory', tenants: ['probe-a', 'probe-b'], runId: 'probe-1' })
 * console.log(run.passed)
 */
export async function runProbe(adapter: ProbeAdapter, o: RunProbeOptions): Promise<ProbeRun> {
  const now = o.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const notes = adapter.prepare ? await adapter.prepare() : [];
  const attempts: ProbeRunAttempt[] = [];
  const tenants = [...new Set(o.tenants)];
  const canary = new Map(tenants.map((t) => [t, makeCanary(t, o.runId)]));
  const idOf = new Map(tenants.map((t) => [t, `fwprobe-${sha256Hex(`${o.runId}\u0000${t}`).slice(0, 16)}`]));
  const textOf = (t: string) => `Isolation probe record for tenant ${t}: ${canary.get(t)}`;
  const id = (t: string) => idOf.get(t) as string;
  const planted: string[] = [];

  const attempt = async (a: Omit<ProbeRunAttempt, 'outcome' | 'detail'>, fn: () => Promise<{ outcome: ProbeRunAttempt['outcome']; detail?: string }>) => {
    try {
      const r = await fn();
      attempts.push({ ...a, ...r });
    } catch (e) {
      attempts.push({ ...a, outcome: 'error', detail: message(e) });
    }
  };

  for (const t of tenants) {
    try {
      await adapter.write(t, id(t), textOf(t));
      const own = await adapter.get(t, id(t));
      if (own.denied || !own.value || !hasCanaryOf([own.value], t)) throw new Error(`tenant ${t} cannot read back its own canary${own.denied ? ` (${own.detail})` : ''}; the probe cannot tell isolation from a broken store`);
      planted.push(t);
    } catch (e) {
      attempts.push({ op: 'get', fromTenant: t, targetTenant: t, outcome: 'error', detail: `planting the canary failed: ${message(e)}` });
    }
  }

  const restore = async (t: string) => {
    await adapter.delete(t, id(t)).catch(() => undefined);
    await adapter.write(t, id(t), textOf(t));
  };

  for (const from of planted) {
    for (const target of planted) {
      if (from === target) continue;
      const a = { fromTenant: from, targetTenant: target };
      await attempt({ op: 'query', ...a }, async () => {
        const r = await adapter.query(from, textOf(target));
        if (r.denied) return { outcome: 'denied', detail: r.detail };
        return hasCanaryOf(r.value, target) ? { outcome: 'leaked', detail: `the query returned ${target}'s canary` } : { outcome: 'empty', detail: `${r.value.length} result(s), none of ${target}` };
      });
      await attempt({ op: 'get', ...a }, async () => {
        const r = await adapter.get(from, id(target));
        if (r.denied) return { outcome: 'denied', detail: r.detail };
        return r.value !== undefined && hasCanaryOf([r.value], target) ? { outcome: 'leaked', detail: `read ${target}'s record ${id(target)}` } : { outcome: 'empty', detail: 'nothing returned' };
      });
      await attempt({ op: 'update', ...a }, async () => {
        const marker = makeCanary(from, `${o.runId}#tamper`);
        const r = await adapter.update(from, id(target), `Tampered by ${from}: ${marker}`);
        const after = await adapter.get(target, id(target));
        const intact = !after.denied && after.value !== undefined && hasCanaryOf([after.value], target) && !after.value.includes(marker);
        if (!intact) {
          await restore(target);
          return { outcome: 'leaked', detail: `${target}'s record ${id(target)} was changed` };
        }
        return r.denied ? { outcome: 'denied', detail: r.detail } : { outcome: 'empty', detail: 'accepted, but the record is unchanged' };
      });
      await attempt({ op: 'delete', ...a }, async () => {
        const r = await adapter.delete(from, id(target));
        const after = await adapter.get(target, id(target));
        if (after.denied || after.value === undefined) {
          await restore(target);
          return { outcome: 'leaked', detail: `${target}'s record ${id(target)} was deleted` };
        }
        return r.denied ? { outcome: 'denied', detail: r.detail } : { outcome: 'empty', detail: 'accepted, but the record is still there' };
      });
    }
  }

  if (planted.length > 0) {
    await attempt({ op: 'no_tenant', targetTenant: planted[0] }, async () => {
      const r = await adapter.query(undefined, textOf(planted[0]));
      if (r.denied) return { outcome: 'denied', detail: r.detail };
      const leakedFrom = planted.filter((t) => hasCanaryOf(r.value, t));
      return leakedFrom.length > 0 ? { outcome: 'leaked', detail: `a query without tenant context returned canaries of ${leakedFrom.join(', ')}` } : { outcome: 'empty', detail: `${r.value.length} result(s), no canary` };
    });
  }

  for (const t of planted) await adapter.delete(t, id(t)).catch(() => undefined);
  const base = { tenants, canaries: planted.length, attempts };
  return { format: PROBE_RUN_FORMAT, runId: o.runId, store: o.store, adapter: adapter.name, startedAt, finishedAt: now().toISOString(), ...base, ...probeVerdict(base), notes };
}
