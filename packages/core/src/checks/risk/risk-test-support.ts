import type { RiskRecord } from '../../records/index.js';
import type { CheckContext } from '../check.js';

/** A register entry for tests: a fixed artifact, overridable fields. */
export function risk(id: string, extra: Partial<RiskRecord> = {}): RiskRecord {
  return {
    kind: 'risk', source: 'risk-register', artifact: 'c'.repeat(64), locator: `line 1#/risks/${id}`, id, title: `Risk ${id}`,
    category: 'security', owner: 'ana@example.com', inherent: { likelihood: 3, impact: 3 }, controls: [], createdOn: '2026-01-05', ...extra,
  };
}

/** A check context over `risks` at `asOf`. */
export function riskContext(risks: RiskRecord[], asOf: string, extra: Partial<CheckContext> = {}): CheckContext {
  return { period: { from: '2026-01-01', to: '2026-12-31' }, timezone: 'UTC', params: {}, records: { risk: risks }, asOf, workspace: {}, ...extra };
}
