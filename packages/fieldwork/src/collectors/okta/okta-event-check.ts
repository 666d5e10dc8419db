import type { OktaLogEvent } from './okta-mapper.js';

const optText = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optObject = (v: unknown): boolean => v === undefined || v === null || isObject(v);

function isActor(v: unknown): boolean {
  return isObject(v) && optText(v.id) && optText(v.type) && optText(v.alternateId) && optText(v.displayName);
}

/**
 * True when `v` is a LogEvent as `oktaLogEventSchema` accepts it, checking only the fields the
 * collector reads, without copying the event (the schema copies every field of a loose
 * object, and System Log events carry dozens). On false the caller runs the schema for its
 * error. Every event the check passes, the schema accepts with the same values read.
 *
 * @example
 * const e = isOktaLogEvent(v) ? v : oktaLogEventSchema.parse(v);
 */
export function isOktaLogEvent(v: unknown): v is OktaLogEvent {
  if (!isObject(v)) return false;
  if (typeof v.uuid !== 'string' || v.uuid === '' || typeof v.published !== 'string' || v.published === '' || typeof v.eventType !== 'string' || v.eventType === '') return false;
  if (!optText(v.displayMessage)) return false;
  if (v.actor !== undefined && v.actor !== null && !isActor(v.actor)) return false;
  if (v.target !== undefined && v.target !== null) {
    if (!Array.isArray(v.target)) return false;
    for (const t of v.target) if (!isActor(t)) return false;
  }
  if (!optObject(v.outcome) || (isObject(v.outcome) && (!optText(v.outcome.result) || !optText(v.outcome.reason)))) return false;
  if (!optObject(v.authenticationContext) || (isObject(v.authenticationContext) && !optText(v.authenticationContext.externalSessionId))) return false;
  return true;
}
