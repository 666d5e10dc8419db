import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 may let the heap grow past what survived the last full collection, in percent, for
 * the commands that stream the whole store or an export through memory. Left to itself V8 lets
 * the old generation grow to 2–4× its live set once it sees a high allocation rate, so peak RSS
 * rises with the data though the live set does not (docs/scale.md: rsssink, verifyokta).
 * - `collect`: an Okta collect of 1M events peaked at 223 MB instead of 287–304 (CPU +3.5 %).
 * - `read` (`check`, `audit`): at 1.18M records the live set is 60–80 MB, the peak 293 / 302 MB
 *   instead of 422–517 MB (at 50 %). At 11.8M records `audit` peaked at 536 MB with 50 % and
 *   491 MB with 30 %, 291 / 296 CPU s, same output; at 1.18M records the two are alike (221–224
 *   MB, 26.7–30.3 CPU s, two runs each).
 */
export const HEAP_GROWING_PERCENT = { collect: 30, read: 30 } as const;

/** The environment and node's own flags, as {@link heapGrowingPercent} reads them. */
export interface HeapGrowthContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly execArgv: readonly string[];
}

/**
 * The growth to run with, or undefined to leave V8's own policy: `FIELDWORK_HEAP_GROWING_PERCENT`
 * overrides `wanted` (0 or anything but a positive integer: V8's own), and a
 * `--heap-growing-percent` given to node itself (command line or NODE_OPTIONS) wins over both.
 * A heap cap (`--max-old-space-size`) is no growth policy, so the bound still applies under one.
 *
 * @example heapGrowingPercent(50, { env: {}, execArgv: [] }) // 50
 */
export function heapGrowingPercent(wanted: number, ctx: HeapGrowthContext): number | undefined {
  const nodeFlags = [...ctx.execArgv, ...(ctx.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (nodeFlags.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a))) return undefined;
  const raw = ctx.env.FIELDWORK_HEAP_GROWING_PERCENT?.trim();
  if (raw === undefined || raw === '') return wanted;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

let active = 0;

/**
 * Runs `fn` with V8's heap growth bounded at `wanted` percent (as {@link heapGrowingPercent}
 * settles it), then gives V8 back its own choice (0) when the last overlapping bounded run ends,
 * also when `fn` fails; while one runs, a second keeps the first one's bound. It is not a heap
 * limit: a live set larger than expected still gets the memory it needs. V8 reads the flag at
 * every full collection; Node documents flags set after start-up as unsupported, and on a V8
 * that ignores it this changes nothing. `setFlag` is for tests.
 *
 * @example
 * const outcomes = await withHeapGrowth(HEAP_GROWING_PERCENT.collect, () => collectAll(opts));
 */
export async function withHeapGrowth<T>(
  wanted: number,
  fn: () => Promise<T>,
  ctx: HeapGrowthContext = { env: process.env, execArgv: process.execArgv },
  setFlag: (flags: string) => void = setFlagsFromString,
): Promise<T> {
  const percent = heapGrowingPercent(wanted, ctx);
  if (percent === undefined) return fn();
  if (active++ === 0) setFlag(`--heap-growing-percent=${percent}`);
  try {
    return await fn();
  } finally {
    if (--active === 0) setFlag('--heap-growing-percent=0');
  }
}
