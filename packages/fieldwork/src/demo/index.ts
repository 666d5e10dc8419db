export { generateDemo, DEMO_COMPANY, DEMO_MARKER } from './generate-demo.js';
export type { GeneratedDemo } from './generate-demo.js';
export type { DemoContext, DemoPart, DemoPartOutput, DemoPerson } from './demo-context.js';
export { demoParts } from './demo-parts.js';
export { Random } from './random.js';
export { DEMO_STORY, planting } from './demo-plants.js';
export type { DemoProblems } from './demo-plants.js';
export { DEMO_STACKS, stackOf } from './demo-stack.js';
export type { DemoStack } from './demo-stack.js';
