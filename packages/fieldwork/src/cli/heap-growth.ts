import { setFlagsFromString } from 'node:v8';

/** How far past what the last full collection kept the heap may grow before the next one, for `check` and `audit`. */
export const HEAP_GROWING_PERCENT = 50;

/**
 * The heap growth `check` and `audit` run with, in percent, or undefined to leave V8's own.
 * `FIELDWORK_HEAP_GROWING_PERCENT` overrides (0: V8's own policy); a `--heap-growing-percent`
 * given to node itself wins over both.
 *
 * @example heapGrowingPercent({}, []) // 50
 */
export function heapGrowingPercent(env: Readonly<Record<string, string | undefined>>, execArgv: readonly string[]): number | undefined {
  if ([...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) => /^--heap[-_]growing[-_]percent\b/.test(a))) return undefined;
  const raw = env.FIELDWORK_HEAP_GROWING_PERCENT?.trim();
  if (raw === undefined || raw === '') return HEAP_GROWING_PERCENT;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * Bounds the garbage a command that reads the whole store lets pile up before a full collection.
 * Reading a million records a batch at a time makes gigabytes of short-lived garbage; V8 lets the
 * old generation grow to as much as 4× what survived the last full collection before the next,
 * so a run whose live set is 80 MB peaked at 450–520 MB RSS. Growing by at most half keeps the
 * peak near the live set at the cost of more (small) full collections. It is no heap limit: a
 * workspace whose live set is larger gets the memory it needs and never runs out early.
 */
export function boundHeapGrowth(env: Readonly<Record<string, string | undefined>> = process.env, execArgv: readonly string[] = process.execArgv): void {
  const percent = heapGrowingPercent(env, execArgv);
  if (percent !== undefined) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
