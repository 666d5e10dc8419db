import { lumenLedger } from './org-a-lumen.js';
import { kesselRobotik } from './org-b-kessel.js';
import type { OrgGenerator } from './run-org.js';

/** The realistic test organizations the precision test and `npm run bench` run. */
export const REALISTIC_ORGS: OrgGenerator[] = [lumenLedger, kesselRobotik];
