/**
 * The commands that stream the whole store through memory (`check`, `audit`) run with glibc's
 * mmap threshold fixed at its default, 128 KiB. Left to itself glibc raises the threshold each
 * time a block it had mapped on its own is freed (up to 32 MiB), and from then on serves blocks
 * below it from the heap, where a freed block in the middle is kept by the process. A run over
 * 11.8M records frees hundreds of such blocks (the audit's spilled ids, typed arrays grown by
 * doubling) group after group, so what one group of checks freed stayed resident under the
 * next: `audit` peaked at 486–514 MB with it and at 426 MB without (docs/scale.md, audit10m5).
 * The threshold is read once, when the process starts, so it is set by starting the command
 * again in a child process with the variable set (the parent only waits and passes the exit
 * code and signals on).
 */
export const MALLOC_ENV = 'MALLOC_MMAP_THRESHOLD_';
/** glibc's default threshold; setting it at all is what stops the raising. */
export const MALLOC_MMAP_THRESHOLD = 128 * 1024;
/** Commands that read every record of the store: the ones worth a second process. */
const STREAMING_COMMANDS = new Set(['check', 'audit']);

export interface RelaunchContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: string;
  /** glibc's version at run time (`process.report` header), undefined on musl and other C libraries; asked last. */
  readonly glibc: () => string | undefined;
}

/**
 * The environment to start `command` again with, or undefined to run it in this process: on
 * Linux with glibc, for `check` and `audit`, unless the threshold is set already (this is the
 * child, or the user set it or a glibc tunable) or `FIELDWORK_MALLOC_RELAUNCH=0`.
 *
 * @example relaunchEnv('audit', { env: {}, platform: 'linux', glibc: () => '2.36' }) // { MALLOC_MMAP_THRESHOLD_: '131072' }
 */
export function relaunchEnv(command: string | undefined, ctx: RelaunchContext): Record<string, string | undefined> | undefined {
  if (!command || !STREAMING_COMMANDS.has(command)) return undefined;
  if (ctx.platform !== 'linux') return undefined;
  if (ctx.env[MALLOC_ENV] !== undefined || /malloc\.mmap_threshold/.test(ctx.env.GLIBC_TUNABLES ?? '')) return undefined;
  if (ctx.env.FIELDWORK_MALLOC_RELAUNCH?.trim() === '0') return undefined;
  if (!ctx.glibc()) return undefined;
  return { ...ctx.env, [MALLOC_ENV]: String(MALLOC_MMAP_THRESHOLD) };
}

/** glibc's run-time version, from the process report's header (no report file is written). */
export function glibcVersion(): string | undefined {
  try {
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
    return header?.glibcVersionRuntime;
  } catch {
    return undefined;
  }
}
