import type { VendorRecord } from '../../records/index.js';

/** Vendor names match case-insensitively and ignoring extra spaces. */
export const vendorKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Critical and high vendors, and every subservice organization, are material. */
export function isMaterial(v: VendorRecord, levels: readonly string[] = ['critical', 'high']): boolean {
  return v.subservice || levels.includes(v.criticality.trim().toLowerCase());
}

/** The last day of the period the evidence can speak for. */
export const evidenceEnd = (ctx: { asOf: string; period: { to: string } }): string => (ctx.asOf < ctx.period.to ? ctx.asOf : ctx.period.to);
