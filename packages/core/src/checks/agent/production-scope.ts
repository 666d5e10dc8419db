import type { CheckContext } from '../check.js';
import { agentSection, isProduction } from './agent-inventory.js';

/** The environment names counted as production when the workspace names none. */
export const DEFAULT_PRODUCTION_ENVIRONMENTS = ['production', 'prod'] as const;

/** Which agent traffic counts as production evidence: one rule for every agent check. */
export interface ProductionScope {
  /** The environment names in force, as configured. */
  environments: string[];
  /** True when a record of this environment is production evidence (case-insensitive; unknown counts, so missing evidence cannot hide a call). */
  includes(environment: string | undefined): boolean;
  /** `production, prod` — for population queries. */
  describe: string;
}

/**
 * The production scope of a check run: `agent.productionEnvironments` in fieldwork.yaml,
 * configured once for every agent check (a control's own `productionEnvironments` parameter
 * still wins, for a workspace that must test one control differently). Staging and development
 * spans, tool calls, retrievals and prompt records never count as production evidence.
 *
 * @example
 * const scope = productionScope(ctx);
 * const calls = recordsOf(ctx.records, 'tool_call').filter((c) => scope.includes(c.environment));
 */
export function productionScope(ctx: Pick<CheckContext, 'params' | 'workspace'>): ProductionScope {
  const p = ctx.params.productionEnvironments;
  const configured = Array.isArray(p) && p.length > 0 ? p.map(String) : agentSection(ctx.workspace).productionEnvironments;
  const environments = configured && configured.length > 0 ? configured : [...DEFAULT_PRODUCTION_ENVIRONMENTS];
  return { environments, includes: (env) => isProduction(env, environments), describe: environments.join(', ') };
}
