import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { collectSources } from './collect-sources.js';
import { collectorFor } from './registry.js';

describe('collectorFor', () => {
  let t: TestStore | undefined;
  afterEach(async () => t?.dispose());

  it('refuses an unknown kind, suggesting the kinds of the same family', () => {
    expect(() => collectorFor('okta-csv', 'idp')).toThrow(expect.objectContaining({ code: 'SOURCE_UNKNOWN_KIND', hint: expect.stringContaining('Did you mean okta-') }));
  });

  it('collecting names the place of the unknown kind in fieldwork.yaml by its index in the sources list', async () => {
    t = await openTestStore('sqlite');
    const sources = [{ name: 'ok', kind: 'okta-system-log', path: 'nothing-here' }, { name: 'idp', kind: 'okta-csv', path: 'okta.csv' }];
    const [, bad] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', sources, store: t.store });
    expect(bad).toMatchObject({ name: 'idp', status: 'failed' });
    expect(bad.error).toMatchObject({ code: 'SOURCE_UNKNOWN_KIND', where: { file: 'fieldwork.yaml', pointer: '/sources/1/kind' }, hint: expect.stringContaining('okta-') });
    expect(bad.error?.message).toMatch(/Source "idp" has an unknown kind "okta-csv"/);
  });
});
