/** @module Realistic test organizations (generators with answer keys) and the precision scorer. */
export { REALISTIC_ORGS } from './realistic-orgs.js';
export { runOrg } from './run-org.js';
export type { OrgGenerator, OrgRun } from './run-org.js';
export { scoreRun, controlOf } from './org-answer-key.js';
export type { AnswerKey, LookAlike, PlantedProblem, PrecisionScore } from './org-answer-key.js';
