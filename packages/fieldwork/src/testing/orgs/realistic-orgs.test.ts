import { describe, expect, it } from 'vitest';
import { REALISTIC_ORGS } from './realistic-orgs.js';
import { runOrg } from './run-org.js';

// Each organization runs through the real pipeline (collect every source → check every control).
// Precision is the point: every planted problem is found (control, rule and subject), no compliant
// look-alike is flagged, and any other exception fails the test until it is explained in the key.
describe.each(REALISTIC_ORGS.map((g) => [g.name, g] as const))('realistic organization %s', (_name, gen) => {
  it('finds every planted problem, flags no look-alike and reports nothing else', async () => {
    const { score, key, failedSources } = await runOrg(gen);
    expect(failedSources).toEqual([]);
    expect(key.planted.length).toBeGreaterThanOrEqual(10);
    expect(key.lookAlikes.length).toBeGreaterThanOrEqual(10);
    expect(score.missed.map((p) => `${p.control} ${p.rule} ${p.subject}`)).toEqual([]);
    expect(score.lookAlikesFlagged.map((f) => `${f.exception} (look-alike: ${f.lookAlike.why})`)).toEqual([]);
    expect(score.unexpected).toEqual([]);
    expect(score.reported).toHaveLength(key.planted.length);
  }, 90_000);
});
