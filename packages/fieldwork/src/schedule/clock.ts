import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Time as the scheduler sees it: what time it is, and a way to wait until a given instant. The
 * real clock reads `Date.now()` and sets timers; tests inject a {@link ManualClock} and run an
 * hour of schedule in seconds.
 *
 * @example
 * const clock: Clock = systemClock;
 * await clock.sleepUntil(new Date(clock.now().getTime() + 1000), signal);
 */
export interface Clock {
  now(): Date;
  /** Resolves at `at` (at once when it has passed), or when `signal` aborts. Never rejects. */
  sleepUntil(at: Date, signal: AbortSignal): Promise<void>;
}

/** Longest single timer: Node clamps larger delays (2^31 − 1 ms) to 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The real clock: `Date.now()` and timers. */
export const systemClock: Clock = {
  now: () => new Date(),
  async sleepUntil(at, signal) {
    for (;;) {
      const ms = at.getTime() - Date.now();
      if (ms <= 0 || signal.aborted) return;
      try {
        await sleep(Math.min(ms, MAX_TIMER_MS), undefined, { signal });
      } catch {
        return;
      }
    }
  },
};
