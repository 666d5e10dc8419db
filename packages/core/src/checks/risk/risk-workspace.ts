import { risksSectionSchema } from '../../records/index.js';
import type { RiskRecord, RisksSection } from '../../records/index.js';
import { riskLevel, riskScore, residualOf } from '../../records/index.js';
import type { WorkspaceFacts } from '../check.js';

/** The workspace's `risks:` section (scale, levels, review cadence), defaults when absent or unreadable. */
export function risksSection(workspace: WorkspaceFacts): RisksSection {
  const parsed = risksSectionSchema.safeParse(workspace.risks ?? {});
  return parsed.success ? parsed.data : risksSectionSchema.parse({});
}

/** `R-03 (Prompt injection…)` rated `residual 4×5 = 20, high` for trace steps and details. */
export function describeRating(r: RiskRecord, section: RisksSection): string {
  const res = residualOf(r);
  const stated = r.residual ? 'residual' : 'residual (none stated; inherent taken)';
  return `inherent ${r.inherent.likelihood}×${r.inherent.impact} = ${riskScore(r.inherent)} (${riskLevel(r.inherent, section)}), ${stated} ${res.likelihood}×${res.impact} = ${riskScore(res)} (${riskLevel(res, section)})`;
}
