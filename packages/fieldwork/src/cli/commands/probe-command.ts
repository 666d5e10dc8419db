import { randomBytes } from 'node:crypto';
import { FieldworkError } from '@fieldwork/core';
import type { Command } from 'commander';
import pg from 'pg';
import type { z } from 'zod';
import { httpAdapter, memoryAdapter, postgresAdapter, httpProbeConfigSchema, postgresProbeConfigSchema, probeConfigSchema, probeRunBytes, runProbe, storeProbeRun } from '../../probe/index.js';
import type { ProbeAdapter, ProbeConfig } from '../../probe/index.js';
import { withWorkspace } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { bold, dim, green, out, red, write } from '../output.js';

interface ProbeFlags {
  adapter?: string;
  store?: boolean;
}

function settings<S extends z.ZodType>(schema: S, raw: unknown, adapter: string): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new FieldworkError('CONFIG_INVALID', `fieldwork.yaml: probe.${issue.path.join('.')}: ${issue.message} (needed by the ${adapter} adapter).`, {
    where: { file: 'fieldwork.yaml', pointer: `/probe/${issue.path.join('/')}` },
    hint: 'See docs/agent-governance.md, "The isolation probe", for the probe: section.',
  });
}

/** The adapter for the run, and how to release it. */
async function openAdapter(name: string, probe: Record<string, unknown>): Promise<{ adapter: ProbeAdapter; close(): Promise<void> }> {
  if (name === 'memory') return { adapter: memoryAdapter(), close: async () => {} };
  if (name === 'http') return { adapter: httpAdapter(settings(httpProbeConfigSchema, probe, 'http')), close: async () => {} };
  const config = settings(postgresProbeConfigSchema, probe, 'postgres');
  const url = process.env[config.urlEnv];
  if (!url) throw new FieldworkError('CONFIG_INVALID', `The postgres probe reads its connection URL from ${config.urlEnv}, which is not set.`, { hint: `export ${config.urlEnv}=postgres://app_role@host/db (the application's role, not the table owner).` });
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new FieldworkError('API_FAILED', `Cannot connect to the database in ${config.urlEnv}: ${e instanceof Error ? e.message : String(e)}`, { hint: 'Check the URL, the role and that the server is reachable.' });
  }
  return { adapter: postgresAdapter(client, config), close: () => client.end() };
}

export function registerProbe(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  const probe = program.command('probe').description('run probes against the agent platform and store the result as evidence');
  probe
    .command('memory')
    .description('cross-tenant isolation probe of agent memory: plant canaries per tenant, try to reach them across tenants and with no tenant (exit 1 on a leak)')
    .option('--adapter <name>', 'http | postgres | memory (default: probe.adapter in fieldwork.yaml)')
    .option('--no-store', 'print the run without storing it as evidence')
    .action(async (flags: ProbeFlags) => {
      const g = globals();
      await withWorkspace(g, async ({ ws, store }) => {
        const raw = ((ws.config as Record<string, unknown>).probe ?? {}) as Record<string, unknown>;
        const config: ProbeConfig = settings(probeConfigSchema, raw, flags.adapter ?? 'memory');
        const name = flags.adapter ?? config.adapter;
        if (!['http', 'postgres', 'memory'].includes(name)) throw new FieldworkError('USAGE', `--adapter ${name} is not an adapter.`, { hint: 'Use http, postgres or memory.' });
        const now = new Date();
        const runId = `probe-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
        const { adapter, close } = await openAdapter(name, raw);
        let run;
        try {
          run = await runProbe(adapter, { store: config.store, tenants: config.tenants, runId });
        } finally {
          await close();
        }
        if (name === 'memory') {
          // A fresh store inside this process: the run shows the SDK works, not that the platform isolates tenants.
          run.notes.push('memory adapter: probed an in-process SDK store (a self-test), not the platform; stored as a self-test, which no check counts');
          run.selfTest = true;
        }
        if (!run.passed) setExit(1);
        const stored = flags.store === false ? undefined : await storeProbeRun(store, run, config.source, `fieldwork probe memory --adapter ${name}`);
        if (g.json) {
          write(probeRunBytes(run));
          return;
        }
        out(`${run.passed ? green('PASSED') : red('FAILED')} ${bold(run.store)} via ${name}: ${run.tenants.length} tenants, ${run.canaries} canaries, ${run.attempts.length} attempts, ${run.leaks} leak(s)`);
        for (const a of run.attempts.filter((x) => x.outcome === 'leaked' || x.outcome === 'error')) {
          out(`  ${a.outcome === 'leaked' ? red('leaked') : red('error ')} ${a.op} ${a.fromTenant ? `as ${a.fromTenant}` : 'without tenant'}${a.targetTenant ? ` → ${a.targetTenant}` : ''}${a.detail ? dim(` (${a.detail})`) : ''}`);
        }
        for (const n of run.notes) out(dim(`  ${n}`));
        out(stored ? dim(`stored as evidence: ledger #${stored.entry.seq}, source ${config.source}, run ${run.runId}`) : dim(`not stored (--no-store); run ${run.runId}`));
      });
    });
}
