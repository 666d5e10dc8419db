import type { DemoPart } from './demo-context.js';
import { identityPart } from './identity-part.js';
import { ticketsPart } from './tickets-part.js';
import { policiesPart } from './policies-part.js';

/** Every slice of the demo workspace. Add a part by adding one line here. */
export const demoParts: DemoPart[] = [
  identityPart,
  policiesPart,
  ticketsPart,
];
