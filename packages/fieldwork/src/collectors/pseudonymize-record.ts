import type { FieldworkRecord } from '@fieldwork/core/records';

/**
 * A trace or prompt-log record with every end-user identifier replaced by its keyed hash: the
 * end user of tool calls, agent runs and prompt records; a tool call's credential subject unless
 * it is the agent's own identity (a declared service identity, the credential's actor, the agent
 * or service name, `agent:<name>`), which checks must recognise by name. The same hash on both
 * sides keeps the subject-equals-end-user join of the authorization check working. (Tool-call
 * arguments are already redacted by the span mapper.) Other records pass through unchanged.
 *
 * @example
 * pseudonymizeRecord(toolCall, ctx.pseudonymize, ['svc-support-agent'])
 */
export function pseudonymizeRecord(r: FieldworkRecord, pseudonymize: (value: string) => string, serviceIdentities: readonly string[] = []): FieldworkRecord {
  switch (r.kind) {
    case 'agent_run':
    case 'prompt_record':
      return r.endUser === undefined ? r : { ...r, endUser: pseudonymize(r.endUser) };
    case 'tool_call': {
      const subject = r.credential?.subject;
      // Without a Set per record (this runs for every tool call of a trace export).
      const own = subject !== undefined && (serviceIdentities.includes(subject) || (!!r.credential?.actor && subject === r.credential.actor)
        || (!!r.agent && (subject === r.agent || subject === `agent:${r.agent}`)) || (!!r.service && (subject === r.service || subject === `agent:${r.service}`)));
      if (r.endUser === undefined && (subject === undefined || own)) return r;
      return {
        ...r,
        ...(r.endUser !== undefined ? { endUser: pseudonymize(r.endUser) } : {}),
        ...(r.credential && subject !== undefined && !own ? { credential: { ...r.credential, subject: pseudonymize(subject) } } : {}),
      };
    }
    default:
      return r;
  }
}
