/** @module The risk register in the workspace: where it is, and writing an entry safely. */
export { registerFileOf, requireRegisterFile } from './risk-register-file.js';
export type { RegisterFile } from './risk-register-file.js';
export { writeRiskEntry } from './write-risk-entry.js';
export type { WriteRiskOptions } from './write-risk-entry.js';
