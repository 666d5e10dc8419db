/** The fictional company of the demo: an AI agent platform. */
export const DEMO_COMPANY = {
  organization: 'Relay Labs',
  domain: 'relaylabs.ai',
  timezone: 'America/Los_Angeles',
  startDate: '2025-12-29',
  period: { from: '2026-04-01', to: '2026-09-30' },
  owner: { name: 'Maya Chen', email: 'maya.chen@relaylabs.ai' },
} as const;
