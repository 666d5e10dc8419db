/** How many failed sign-ins a client may make, and over how long. */
export interface LoginRateLimitOptions {
  /** Failed attempts allowed per client within `windowMs` (default 10). */
  maxFailures?: number;
  /** The window, in milliseconds (default 15 minutes). */
  windowMs?: number;
}

// Enough distinct clients for any real team; beyond it the oldest windows are forgotten first.
const MAX_CLIENTS = 10_000;

/**
 * Counts failed sign-ins per client (the socket's remote address) in a fixed window, in memory.
 * It protects one server process: several processes behind a balancer each count on their own,
 * and behind a reverse proxy every client shares the proxy's address (so the limit then acts on
 * all sign-ins together, failing safe).
 *
 * @example
 * const limiter = new LoginRateLimiter({ maxFailures: 3, windowMs: 60_000 })
 * if (limiter.retryAfter(ip, Date.now()) > 0) refuse()
 */
export class LoginRateLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #clients = new Map<string, { since: number; failures: number }>();

  constructor(o: LoginRateLimitOptions = {}) {
    this.#max = o.maxFailures ?? 10;
    this.#windowMs = o.windowMs ?? 15 * 60_000;
  }

  /** Seconds the client must wait before trying again (0 when it may try now). */
  retryAfter(client: string, now: number): number {
    const w = this.#clients.get(client);
    if (!w || now - w.since >= this.#windowMs) return 0;
    return w.failures >= this.#max ? Math.ceil((w.since + this.#windowMs - now) / 1000) : 0;
  }

  /** Records a failed attempt. */
  fail(client: string, now: number): void {
    const w = this.#clients.get(client);
    if (w && now - w.since < this.#windowMs) {
      w.failures += 1;
      return;
    }
    this.#clients.delete(client);
    if (this.#clients.size >= MAX_CLIENTS) this.#clients.delete(this.#clients.keys().next().value as string);
    this.#clients.set(client, { since: now, failures: 1 });
  }

  /** Forgets a client's failures after it signed in. */
  succeed(client: string): void {
    this.#clients.delete(client);
  }
}

/** The client address of a request: the socket's peer on Node, `unknown` in-process (tests). */
export function clientAddress(env: unknown): string {
  const address = (env as { incoming?: { socket?: { remoteAddress?: unknown } } } | undefined)?.incoming?.socket?.remoteAddress;
  return typeof address === 'string' ? address : 'unknown';
}
