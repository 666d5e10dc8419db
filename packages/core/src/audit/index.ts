export { sampleSize, statisticalSampleSize, binomialCdf, PRACTITIONER_SIZES, DEFAULT_PROFILE } from './sample-size.js';
export type { SamplingProfile, SampleSizeDecision } from './sample-size.js';
export { sampleSeed, selectSample, seededUniforms } from './seeded-selection.js';
export { runAudit } from './run-audit.js';
export type { AuditReport, ControlAudit, AuditConclusion, SampledItem, RunAuditInput } from './run-audit.js';
export { assessTypeOne } from './type-one.js';
export type { TypeOneReport, TypeOneControl } from './type-one.js';
