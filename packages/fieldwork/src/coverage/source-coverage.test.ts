import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInControls } from '@fieldwork/core';
import { collectors } from '../collectors/registry.js';
import { COLLECTOR_RECORD_KINDS } from './collector-record-kinds.js';
import { sourceCoverage, sourceGaps } from './source-coverage.js';
import { sourceCoverageMarkdown } from './source-coverage-markdown.js';

const DOC = new URL('../../../../docs/source-coverage.md', import.meta.url);
const gap = (configured: string[], id: string) => sourceGaps(builtInControls, configured).find((g) => g.control === id)!;

describe('source coverage', () => {
  it('docs/source-coverage.md is the table the catalog and the collectors give today', () => {
    // Regenerate with: fieldwork catalog sources --all --markdown > docs/source-coverage.md
    expect(readFileSync(DOC, 'utf8')).toBe(sourceCoverageMarkdown(builtInControls) + '\n');
  });

  it('names what every registered source kind emits, and no kind that is not registered', () => {
    expect(Object.keys(COLLECTOR_RECORD_KINDS).sort()).toEqual(Object.keys(collectors).sort());
  });

  it('derives the sources of a control from the record kinds its check reads: each identity provider and tracker serves the same access controls', () => {
    const hr05 = sourceCoverage(builtInControls).find((c) => c.control === 'HR-05')!;
    expect(hr05.requires).toEqual(['person']);
    expect(hr05.sources).toEqual(expect.arrayContaining(['bamboohr-csv', 'hr-csv', 'okta-system-log', 'entra-audit', 'google-workspace-admin', 'okta-users', 'entra-users', 'google-directory-users']));
    const served = (kind: string) => sourceCoverage(builtInControls).filter((c) => c.sources.includes(kind)).map((c) => c.control);
    expect(served('linear-issues')).toEqual(served('jira-issues'));
    for (const c of ['HR-05', 'ACC-03', 'ACC-04']) for (const idp of ['okta-system-log', 'entra-audit', 'google-workspace-admin']) expect(served(idp)).toContain(c);
  });

  it('a workspace without an HR source cannot serve deprovisioning, and is told which kinds would; with one it is served', () => {
    expect(gap(['okta-system-log'], 'HR-05')).toMatchObject({ status: 'not_served', missing: ['person'], wouldServe: ['bamboohr-csv', 'hr-csv'] });
    expect(gap(['okta-system-log', 'hr-csv'], 'HR-05')).toMatchObject({ status: 'served', missing: [], wouldServe: [] });
  });

  it('needs one of several kinds: any identity source serves MFA; none names them all', () => {
    expect(gap(['entra-sign-ins'], 'ACC-03').status).toBe('served');
    const none = gap(['hr-csv'], 'ACC-03');
    expect(none.status).toBe('not_served');
    expect(none.missing).toEqual(['access_event', 'account', 'account_mfa', 'sign_in']);
    expect(none.wouldServe).toEqual(expect.arrayContaining(['entra-sign-ins', 'okta-users', 'okta-system-log']));
  });

  it('manual controls are not gaps; a check that names no record kind is served by one of its evidence sources', () => {
    const manual = builtInControls.find((c) => !c.check)!;
    expect(gap([], manual.id).status).toBe('manual');
    expect(gap([], 'GOV-05')).toMatchObject({ status: 'not_served', wouldServe: ['policies-md'] });
    expect(gap(['policies-md'], 'GOV-05').status).toBe('served');
  });
});
