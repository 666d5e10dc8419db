import type { Clock } from './clock.js';

interface Sleeper {
  at: number;
  resolve: () => void;
}

/**
 * A clock that moves only when told: `advance(ms)` (or `set(at)`) wakes every sleeper whose
 * time has come, in time order. For tests that run a schedule over simulated hours.
 *
 * @example
 * const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
 * const woke = clock.sleepUntil(new Date('2026-03-02T09:05:00Z'), new AbortController().signal);
 * clock.advance(5 * 60_000); // woke resolves
 */
export class ManualClock implements Clock {
  #now: number;
  #sleepers = new Set<Sleeper>();

  constructor(start: Date) {
    this.#now = start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  sleepUntil(at: Date, signal: AbortSignal): Promise<void> {
    if (at.getTime() <= this.#now || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const s: Sleeper = {
        at: at.getTime(),
        resolve: () => {
          this.#sleepers.delete(s);
          signal.removeEventListener('abort', s.resolve);
          resolve();
        },
      };
      this.#sleepers.add(s);
      signal.addEventListener('abort', s.resolve, { once: true });
    });
  }

  /** How many callers are waiting on this clock (a test waits for the scheduler to be asleep). */
  get sleeping(): number {
    return this.#sleepers.size;
  }

  /** Moves time forward by `ms` and wakes who is due. */
  advance(ms: number): void {
    this.set(new Date(this.#now + ms));
  }

  /** Moves time to `at` (never backwards) and wakes who is due. */
  set(at: Date): void {
    this.#now = Math.max(this.#now, at.getTime());
    for (const s of [...this.#sleepers].sort((a, b) => a.at - b.at)) if (s.at <= this.#now) s.resolve();
  }
}
