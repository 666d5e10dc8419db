import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../testing/index.js';

/** The kill -9 harness of `npm run fuzz:kill`, a few trials per store (it spawns the built CLI). */
const HARNESS = fileURLToPath(new URL('../../../../bench/fuzz-kill.mjs', import.meta.url));

interface KillCounts {
  trials: number;
  killed: number;
  finished: number;
  corrupt: number;
  staleLocks: number;
  recovered: boolean;
  failures: string[];
}

for (const dialect of TEST_DIALECTS) {
  describe(`kill -9 during collect and check on ${dialect}`, () => {
    it('never leaves a corrupt store or a stale lock, and the next collect recovers', async () => {
      const { runKillTrials } = (await import(HARNESS)) as { runKillTrials(o: object): Promise<KillCounts> };
      const r = await runKillTrials({ trials: 3, rows: 1000, store: dialect, seed: 7 });
      process.stdout.write(`kill -9 (${dialect}): ${r.trials} trials, ${r.killed} killed mid-run, ${r.corrupt} corrupt, ${r.staleLocks} stale locks\n`);
      expect(r.failures).toEqual([]);
      expect(r).toMatchObject({ trials: 3, corrupt: 0, staleLocks: 0, recovered: true });
    }, 300_000);
  });
}
