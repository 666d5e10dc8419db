import { describe, expect, it } from 'vitest';
import { builtInControls } from '../catalog/index.js';
import type { ControlResult } from '../checks/run-checks.js';
import { assessTypeOne } from './index.js';

const deprov = builtInControls.find((c) => c.check === 'hr.deprovisioning')!;
const base: ControlResult = { control: deprov.id, title: deprov.title, check: deprov.check, status: 'pass', population: 0, populationQuery: 'leavers up to the date', items: [], exceptions: [], notes: [] };
const assess = (r: ControlResult) => assessTypeOne({ asOf: '2026-03-31', controls: [deprov], results: [r], policies: [], ownerOf: () => 'Ada <ada@x.ai>' }).controls[0];

describe('Type I evidence of implementation', () => {
  it('tells an empty population over collected evidence (did not operate) from records never collected (no evidence)', () => {
    const ran = 'Evidence sources collected, but the control did not operate before the date.';
    expect(assess(base).evidence).toBe(ran);
    // runChecks gives an empty population no verdict; the check still ran, so it did not operate.
    expect(assess({ ...base, status: 'insufficient_evidence', notes: ['Nothing to test.'] }).evidence).toBe(ran);
    const missing = assess({ ...base, populationQuery: undefined, status: 'insufficient_evidence', notes: ['No person records collected.'] });
    expect(missing.evidence).toBe('No person records collected.');
    expect(missing.gaps).toContain('No evidence of operation collected.');
    expect(missing.implemented).toBe(false);
  });
});
