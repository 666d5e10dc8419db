import type { DemoPart } from './demo-context.js';
import { identityPart } from './identity-part.js';
import { agentTracesPart } from './agent-traces-part.js';
import { backupsPart } from './backups-part.js';
import { vendorsPart } from './vendors-part.js';
import { ticketsPart } from './tickets-part.js';
import { policiesPart } from './policies-part.js';
import { scannersPart } from './scanners-part.js';
import { codePart } from './code-part.js';
import { agentGovernancePart } from './agent-governance-part.js';
import { risksPart } from './risks-part.js';
import { manualEvidencePart } from './manual-evidence-part.js';
import { peoplePart } from './people-part.js';

/** Every slice of the demo workspace. Add a part by adding one line here. */
export const demoParts: DemoPart[] = [
  identityPart,
  agentTracesPart,
  backupsPart,
  vendorsPart,
  policiesPart,
  ticketsPart,
  scannersPart,
  codePart,
  agentGovernancePart,
  risksPart,
  peoplePart,
  // Last, with its own random generator: the parts above produce what they did before it.
  manualEvidencePart,
];
