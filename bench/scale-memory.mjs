#!/usr/bin/env node
/**
 * Where `audit` holds memory, control by control: runs the Type II audit path (`checkWorkspace`
 * with each control audited as its check returns, as `fieldwork audit` does) over a scale
 * workspace and prints, after each check, its population size and RSS / heap before and after
 * that control is audited. The items of a control should be gone by the next line; what grows
 * between lines is the checks' record loading. Stores a check run in the workspace (no audit run).
 *
 * Usage (after `npx tsc -b`): node bench/scale-memory.mjs [N] [DIR]   (the workspace of scale-generate.mjs N [DIR]; default 10)
 * Peak RSS so far (VmHWM, Linux) is printed beside each control. The checks run in this process,
 * not through the CLI, so glibc's mmap threshold is whatever the environment says: the CLI fixes it
 * for `check` and `audit` (cli/malloc-relaunch.ts); run this with MALLOC_MMAP_THRESHOLD_=131072 to
 * measure what `fieldwork audit` holds, without it to see what glibc's rising threshold keeps.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateScaleWorkspace } from './scale-generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const n = Number(process.argv[2] ?? 10);
const fw = await import(join(root, 'packages/fieldwork/dist/index.js'));
const core = await import(join(root, 'packages/core/dist/index.js'));

const dir = process.argv[3] ?? join(here, '.out', 'scale', `x${n}`);
const s = await generateScaleWorkspace(n, dir, (m) => console.error(m));
const ws = fw.loadWorkspace(dir);
const store = await fw.FieldworkStore.open(fw.FieldworkStore.locationFor(ws.dir));
const mb = (x) => Math.round(x / 1048576);
const hwm = () => { try { return Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024); } catch { return NaN; } };
const mem = () => { const m = process.memoryUsage(); return `${mb(m.rss)} / ${mb(m.heapUsed)} (${mb(m.heapTotal)}, ${mb(m.external)})`; };
console.log(`# audit memory per control at ${n}× (${s.records} records) — load ${loadavg().map((x) => x.toFixed(2)).join(', ')}; MALLOC_MMAP_THRESHOLD_ ${process.env.MALLOC_MMAP_THRESHOLD_ ?? 'unset (the CLI sets 131072 for check and audit)'}`);
console.log('\n| s | control | items | RSS / heap used (total, external) MB before its audit | after | peak RSS so far MB |\n|---:|---|---:|---|---|---:|');
const now = new Date();
const { period, asOf } = fw.resolvePeriod(ws.config, {}, now);
const controls = fw.resolveControls(ws.config);
const audit = core.startAudit({ auditId: `${ws.config.organization}:${period.from}..${period.to}`, period, controls, timezone: ws.config.timezone, asOf });
const t0 = Date.now();
try {
  await fw.checkWorkspace(ws, store, {}, now, {
    onResult: (r, c) => {
      const before = mem();
      audit.add(c, r);
      console.log(`| ${((Date.now() - t0) / 1000).toFixed(0)} | ${c.id} | ${r.items.length} | ${before} | ${mem()} | ${hwm()} |`);
    },
    // As `fieldwork audit` does: items spilled to a temporary file, the sampled ones read back.
    keep: () => fw.spillItems(),
  });
  audit.report();
  console.log(`\nafter the report: RSS / heap ${mem()} MB, peak ${hwm()} MB; CPU ${(process.cpuUsage().user / 1e6).toFixed(1)} + ${(process.cpuUsage().system / 1e6).toFixed(1)} s; load ${loadavg().map((x) => x.toFixed(2)).join(', ')}`);
} finally {
  await store.close();
}
