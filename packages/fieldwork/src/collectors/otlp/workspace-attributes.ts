/**
 * `agent.attributes` and `agent.serviceIdentities` from fieldwork.yaml as the default options of
 * trace sources: attribute names to read, and the agent's own principals (kept by name, while
 * every other credential subject is replaced by its keyed hash).
 */
export function agentAttributeDefaults(workspace: Record<string, unknown>): Record<string, unknown> {
  const agent = workspace.agent as { attributes?: unknown; serviceIdentities?: unknown } | undefined;
  if (!agent || typeof agent !== 'object') return {};
  return {
    ...(agent.attributes ? { attributes: agent.attributes } : {}),
    ...(Array.isArray(agent.serviceIdentities) ? { serviceIdentities: agent.serviceIdentities } : {}),
  };
}
