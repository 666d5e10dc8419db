import { DEMO_COMPANY } from './demo-company.js';

/** The people who hold the owner roles controls name, in the demo company. */
export const DEMO_OWNERS = {
  compliance: { ...DEMO_COMPANY.owner, roles: ['compliance-owner'] },
  securityLead: { name: 'Tomas Varga', email: 'tomas.varga@relaylabs.ai', roles: ['security-lead'] },
  engineeringLead: { name: 'Priya Raman', email: 'priya.raman@relaylabs.ai', roles: ['engineering-lead', 'cto'] },
  aiLead: { name: 'Noor Haddad', email: 'noor.haddad@relaylabs.ai', roles: ['ai-lead'] },
  peopleOps: { name: 'Grace Mensah', email: 'grace.mensah@relaylabs.ai', roles: ['people-ops'] },
  itAdmin: { name: 'Leo Brandt', email: 'leo.brandt@relaylabs.ai', roles: ['it-admin'] },
  sales: { name: 'Jordan Lee', email: 'jordan.lee@relaylabs.ai', roles: ['sales-manager'] },
} as const;

/** owners.people for fieldwork.yaml. */
export function demoPeople(): { name: string; email: string; roles: string[] }[] {
  const { compliance: _c, ...rest } = DEMO_OWNERS;
  return Object.values(rest).map((p) => ({ name: p.name, email: p.email, roles: [...p.roles] }));
}
