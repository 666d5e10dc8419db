import { describe, expect, it } from 'vitest';
import { REALISTIC_ORGS } from './realistic-orgs.js';
import { runOrg } from './run-org.js';

// Each organization runs through the real pipeline (collect every source → check every control).
// Precision is the point: every planted problem is found (control, rule and subject), no compliant
// look-alike is flagged, and any other exception fails the test until it is explained in the key.
describe.each(REALISTIC_ORGS.map((g) => [g.name, g] as const))('realistic organization %s', (_name, gen) => {
  // One pipeline run per organization serves both tests.
  let once: ReturnType<typeof runOrg> | undefined;
  const run = () => (once ??= runOrg(gen));

  it('finds every planted problem, flags no look-alike and reports nothing else', async () => {
    const { score, key, failedSources } = await run();
    expect(failedSources).toEqual([]);
    expect(key.planted.length).toBeGreaterThanOrEqual(10);
    expect(key.lookAlikes.length).toBeGreaterThanOrEqual(10);
    expect(score.missed.map((p) => `${p.control} ${p.rule} ${p.subject}`)).toEqual([]);
    expect(score.lookAlikesFlagged.map((f) => `${f.exception} (look-alike: ${f.lookAlike.why})`)).toEqual([]);
    expect(score.unexpected).toEqual([]);
    expect(score.reported).toHaveLength(key.planted.length);
  }, 90_000);

  it('audits like a practitioner: every audit exception is a planted problem, counts match, a silent swap is never isolated', async () => {
    const { audit, key } = await run();
    const planted = new Set(key.planted.map((p) => `${p.control} ${p.rule} ${p.subject}`.toLowerCase()));
    const tested = audit.controls.filter((c) => c.deviations > 0);
    expect(tested.length).toBeGreaterThan(0);
    for (const c of tested) {
      // No period deviates for want of an occurrence that was not due, and no look-alike is a deviation.
      expect(c.exceptions.map((e) => `${c.control} ${e.rule} ${e.subject}`.toLowerCase()).filter((e) => !planted.has(e)), c.control).toEqual([]);
      // The Result sentence counts the exception table: deviating units, plus deviations tied to no unit.
      const units = new Set(c.exceptions.filter((e) => e.unit !== null).map((e) => e.unit)).size + c.exceptions.filter((e) => e.unit === null).length;
      expect(units, c.control).toBe(c.deviations);
      expect(c.result, c.control).toContain(`— ${c.deviations} deviation${c.deviations === 1 ? '' : 's'} in all`);
      expect(c.rule, c.control).not.toMatch(/^no-/);
    }
    // A model served in production that no change introduced is zero-tolerance in AGT-16, whatever the counts.
    expect(audit.controls.find((c) => c.control === 'AGT-16')).toMatchObject({ rule: 'zero-tolerance', conclusion: 'not_effective' });
    // A leaver still active and a late one in different months: systematic, not isolated.
    expect(audit.controls.find((c) => c.control === 'HR-05')).toMatchObject({ rule: 'recurring', classification: 'systematic' });
  }, 90_000);
});
