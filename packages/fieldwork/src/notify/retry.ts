/** A small bounded retry: what to retry, and how long to wait before each further attempt. */
export interface RetryPolicy {
  /** Waits before the 2nd, 3rd, … attempt, in milliseconds (its length + 1 = attempts). */
  delaysMs: readonly number[];
  /** Upper bound for a server-requested wait (Retry-After). */
  maxDelayMs?: number;
}

/** Two more attempts after a temporary failure: after 0.5 s and after 2 s. */
export const DEFAULT_RETRY: RetryPolicy = { delaysMs: [500, 2000], maxDelayMs: 10_000 };

/** A failure that may go away when tried again (a 5xx, a 429, an SMTP 4xx, a dropped connection). */
export class TemporaryFailure extends Error {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'TemporaryFailure';
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Runs `attempt` until it succeeds, retrying only {@link TemporaryFailure}s, at most
 * `delaysMs.length` more times; the last failure is thrown, with the attempt count.
 *
 * @example
 * await withRetries(() => postOnce(url, body), DEFAULT_RETRY)
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY): Promise<{ value: T; attempts: number }> {
  for (let n = 1; ; n++) {
    try {
      return { value: await attempt(n), attempts: n };
    } catch (e) {
      if (!(e instanceof TemporaryFailure) || n > policy.delaysMs.length) {
        if (e instanceof Error && n > 1) e.message = `${e.message} (after ${n} attempts)`;
        throw e;
      }
      const wait = Math.min(Math.max(e.retryAfterMs ?? 0, policy.delaysMs[n - 1]!), policy.maxDelayMs ?? Infinity);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
