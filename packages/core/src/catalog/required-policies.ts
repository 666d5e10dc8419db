/** @module The policies every SOC 2 program keeps, and which one governs each control category. */
import type { ControlCategory } from './control.js';

/**
 * The seven policies every SOC 2 program needs, by id. Catalog data: the policy lifecycle check,
 * the Type I assessment and the 90-day plan all read it from here.
 *
 * @example REQUIRED_POLICIES.includes('bcdr') // true
 */
export const REQUIRED_POLICIES = ['access-control', 'change-management', 'vendor-management', 'incident-response', 'bcdr', 'secure-development', 'data-classification'] as const;

/** A required policy id. */
export type RequiredPolicy = (typeof REQUIRED_POLICIES)[number];

/**
 * Which policy governs a control category.
 *
 * @example POLICY_FOR_CATEGORY.change // 'change-management'
 */
export const POLICY_FOR_CATEGORY: Record<ControlCategory, RequiredPolicy> = {
  governance: 'access-control', hr: 'access-control', access: 'access-control', change: 'change-management',
  vulnerability: 'secure-development', logging: 'incident-response', incident: 'incident-response', backup: 'bcdr',
  bcdr: 'bcdr', vendor: 'vendor-management', data: 'data-classification', encryption: 'data-classification',
  agent: 'secure-development', privacy: 'data-classification', availability: 'bcdr', processing_integrity: 'secure-development',
};
