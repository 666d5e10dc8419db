/** `agent.attributes` from fieldwork.yaml as the default `attributes` option of trace sources. */
export function agentAttributeDefaults(workspace: Record<string, unknown>): Record<string, unknown> {
  const agent = workspace.agent as { attributes?: unknown } | undefined;
  return agent && typeof agent === 'object' && agent.attributes ? { attributes: agent.attributes } : {};
}
