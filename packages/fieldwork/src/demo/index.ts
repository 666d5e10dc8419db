export { generateDemo, DEMO_COMPANY, DEMO_MARKER } from './generate-demo.js';
export type { GeneratedDemo } from './generate-demo.js';
export type { DemoContext, DemoEvidence, DemoPart, DemoPartOutput, DemoPerson } from './demo-context.js';
export { submitDemoEvidence } from './submit-demo-evidence.js';
export { DEMO_APPROVER } from './manual-evidence-part.js';
export { demoParts } from './demo-parts.js';
export { Random } from './random.js';
export { DEMO_STORY, planting } from './demo-plants.js';
export type { DemoProblems } from './demo-plants.js';
