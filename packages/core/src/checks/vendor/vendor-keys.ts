import type { VendorRecord } from '../../records/index.js';

/** Vendor names match case-insensitively and ignoring extra spaces. */
export const vendorKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Critical and high vendors, and every subservice organization, are material. */
export function isMaterial(v: VendorRecord, levels: readonly string[] = ['critical', 'high']): boolean {
  return v.subservice || levels.includes(v.criticality.trim().toLowerCase());
}

