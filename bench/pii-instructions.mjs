// Instructions and (simulated) mispredicted branches per detectPii call, counted by valgrind's
// cachegrind: independent of the machine's load, which on the shared two-CPU machine moves CPU
// times by ±5–30 % between runs of the same code. Needs valgrind on the PATH; slow (a few minutes
// per build and set). Run `npx tsc -b` first.
//
//   node bench/pii-instructions.mjs                        # this build, both sets
//   PII_INSN_BUILDS=/other/packages/agent/dist/pii/index.js,packages/agent/dist/pii/index.js node bench/pii-instructions.mjs
//   PII_INSN_SET=num node bench/pii-instructions.mjs       # the number-heavy lines only (PII_INSN_SET=presidio: the records)
//   PII_INSN_FN=scan node bench/pii-instructions.mjs       # scanText alone (text-scan.js beside each build's index.js)
//
// Each count is the difference between a process that runs PII_INSN_PASSES (default 40) passes
// over the set and one that runs half as many, divided by the calls in between: start-up, the
// data sets and the first JIT compilations cancel out. node runs with --single-threaded, so V8's
// compiler and GC work is on the counted thread, not on helper threads. Two runs of the
// same build agreed within 2 % on the Presidio records (28,662–29,300 instructions per call); on
// the number-heavy lines two runs of one build differed by 15 % (major collections fall into one
// window or the other). Instructions are not time (a cache miss or a mispredicted
// branch costs many), but a change that removes work shows here when timing noise hides it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadRecords } from './pii-common.mjs';
import { numberHeavyLines } from './pii-locale-set.mjs';

const self = fileURLToPath(import.meta.url);
const defaultBuild = fileURLToPath(new URL('../packages/agent/dist/pii/index.js', import.meta.url));

function sets() {
  const presidio = loadRecords().map((r) => r.full_text);
  return { 'per record (Presidio)': presidio, 'number-heavy, per line': numberHeavyLines() };
}

if (process.env.PII_INSN_WORKER !== undefined) {
  // The counted process: PII_INSN_WORKER passes of one build over one set.
  const texts = sets()[process.env.PII_INSN_SET];
  let n = 0;
  if (process.env.PII_INSN_FN === 'scan') {
    const { scanText } = await import(new URL('text-scan.js', `file://${process.env.PII_INSN_BUILD}`).pathname);
    for (let p = 0; p < Number(process.env.PII_INSN_WORKER); p++) for (const t of texts) n += scanText(t).capitals.count;
  } else {
    const { detectPii } = await import(process.env.PII_INSN_BUILD);
    for (let p = 0; p < Number(process.env.PII_INSN_WORKER); p++) for (const t of texts) n += detectPii(t).length;
  }
  console.log(n);
} else {
  const passes = Number(process.env.PII_INSN_PASSES ?? 40);
  const builds = (process.env.PII_INSN_BUILDS ?? defaultBuild).split(',').map((b) => new URL(b, `file://${process.cwd()}/`).pathname);
  if (spawnSync('valgrind', ['--version']).status !== 0) throw new Error('valgrind is not installed');
  // cachegrind writes its summary to stderr.
  const run = (build, set, workerPasses) => {
    const r = spawnSync(
      'valgrind',
      ['--tool=cachegrind', '--cache-sim=no', '--branch-sim=yes', '--cachegrind-out-file=/dev/null', process.execPath, '--single-threaded', ...(process.env.PII_INSN_NODE_FLAGS ?? '').split(' ').filter(Boolean), self],
      { env: { ...process.env, PII_INSN_WORKER: String(workerPasses), PII_INSN_BUILD: build, PII_INSN_SET: set }, encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    if (r.status !== 0) throw new Error(`valgrind failed: ${r.stderr.slice(-500)}`);
    const num = (re) => Number((r.stderr.match(re)?.[1] ?? 'NaN').replace(/,/g, ''));
    return { insn: num(/I\s+refs:\s+([\d,]+)/), mispredicts: num(/Mispredicts:\s+([\d,]+)/) };
  };
  const sizes = Object.fromEntries(Object.entries(sets()).map(([k, v]) => [k, v.length]));
  console.log(`${passes / 2} passes counted after ${passes / 2}, node ${process.version}`);
  console.log('| build | input | instructions per call | mispredicted branches per call (simulated) |');
  console.log('| --- | --- | ---: | ---: |');
  const only = { num: 'number-heavy, per line', presidio: 'per record (Presidio)' }[process.env.PII_INSN_SET ?? ''];
  for (const set of Object.keys(sizes).filter((s) => only === undefined || s === only)) {
    for (const build of builds) {
      const half = run(build, set, passes / 2);
      const full = run(build, set, passes);
      const calls = (passes / 2) * sizes[set];
      console.log(`| ${build} | ${set} | ${Math.round((full.insn - half.insn) / calls)} | ${Math.round((full.mispredicts - half.mispredicts) / calls)} |`);
    }
  }
}
