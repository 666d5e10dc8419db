#!/usr/bin/env node
/**
 * Where a collect's memory goes: one `collect` of FILE (kind KIND, default okta-system-log) into
 * a fresh SQLite store, as the ingest benches run it (bench/ingest-common.mjs), with
 * `process.memoryUsage()`, V8's old and large-object spaces and /proc/self/status (RSS anonymous
 * vs file-backed vs shared) sampled every 0.5 s. Prints about 25 samples spread over the run,
 * then the peak of each column, the process's peak RSS and the records digest. A diagnostic,
 * not a pass/fail figure. After `npx tsc -b`:
 *   node bench/collect-memory-trace.mjs bench/.out/okta-1000000.jsonl
 *   SNAP_AT=30 SNAP_FILE=x.heapsnapshot node bench/collect-memory-trace.mjs FILE   (a heap snapshot 30 s in)
 *   FIELDWORK_BENCH_DIST=DIR ...                                                  (another build's dist)
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import { collectOnce, load } from './ingest-common.mjs';
const file = process.argv[2];
const kind = process.argv[3] ?? 'okta-system-log';
if (!file) { console.error('usage: node bench/collect-memory-trace.mjs FILE [KIND]'); process.exit(2); }
const mb = (x) => Math.round(x / 1048576);
const status = () => { const s = readFileSync('/proc/self/status', 'utf8'); const g = (k) => Number(new RegExp(k + ':\\s+(\\d+)').exec(s)?.[1] ?? 0) / 1024; return { anon: g('RssAnon'), file: g('RssFile'), shmem: g('RssShmem') }; };
const rows = [];
const t0 = Date.now();
const sample = () => {
  const m = process.memoryUsage();
  const st = status();
  const sp = Object.fromEntries(v8.getHeapSpaceStatistics().map((x) => [x.space_name, mb(x.space_used_size)]));
  rows.push({ t: ((Date.now() - t0) / 1000).toFixed(1), rss: mb(m.rss), heapT: mb(m.heapTotal), heapU: mb(m.heapUsed), ext: mb(m.external), ab: mb(m.arrayBuffers), anon: Math.round(st.anon), fileMb: Math.round(st.file), shm: Math.round(st.shmem), old: sp.old_space, lo: sp.large_object_space, new: sp.new_space });
};
const timer = setInterval(sample, 500);
if (process.env.SNAP_AT) setTimeout(() => { const f = v8.writeHeapSnapshot(process.env.SNAP_FILE); console.error('snapshot', f, mb(process.memoryUsage().heapUsed)); }, Number(process.env.SNAP_AT) * 1000);
console.log(`load at start: ${load()}`);
const res = await collectOnce(kind, file);
clearInterval(timer);
sample();
const step = Math.max(1, Math.floor(rows.length / 25));
for (let i = 0; i < rows.length; i += step) console.log(JSON.stringify(rows[i]));
console.log(JSON.stringify(rows.at(-1)));
const peak = (k) => Math.max(...rows.map((r) => r[k]));
console.log(`load at end: ${load()}`);
console.log('peak', JSON.stringify({ rss: peak('rss'), heapT: peak('heapT'), heapU: peak('heapU'), ext: peak('ext'), ab: peak('ab'), anon: peak('anon'), file: peak('fileMb'), shm: peak('shm') }), 'maxRSS', Math.round(process.resourceUsage().maxRSS / 1024), JSON.stringify(res));
