import { z } from 'zod';
import { calendarDate, identityKey, recordBase } from './base.js';

/** A vendor in the inventory, with its assurance evidence. */
export const vendorSchema = z.object({
  kind: z.literal('vendor'),
  ...recordBase,
  name: z.string().min(1),
  /** critical | high | medium | low */
  criticality: z.string().min(1),
  dataAccess: z.array(z.string()).default([]),
  /** True for subservice organizations carved out of our report (model providers, cloud). */
  subservice: z.boolean().default(false),
  soc2Type: z.string().optional(),
  reportPeriodFrom: calendarDate.optional(),
  reportPeriodTo: calendarDate.optional(),
  bridgeLetterTo: calendarDate.optional(),
  owner: z.string().optional(),
});
export type VendorRecord = z.infer<typeof vendorSchema>;
/** Identity of a vendor: its name, case and spacing aside (the register lists each vendor once). */
export const vendorIdentity = (r: VendorRecord): string => identityKey(normalName(r.name));

/** A completed vendor review. */
export const vendorReviewSchema = z.object({
  kind: z.literal('vendor_review'),
  ...recordBase,
  vendor: z.string().min(1),
  reviewedAt: calendarDate,
  reviewer: z.string().optional(),
  signed: z.boolean(),
  notes: z.string().optional(),
});
export type VendorReviewRecord = z.infer<typeof vendorReviewSchema>;
/** Identity of a vendor review: the vendor, the review date and the reviewer. */
export const vendorReviewIdentity = (r: VendorReviewRecord): string => identityKey(normalName(r.vendor), r.reviewedAt, r.reviewer);

/** A complementary user entity control a vendor's report expects of us, mapped to our control. */
export const cuecSchema = z.object({
  kind: z.literal('cuec'),
  ...recordBase,
  vendor: z.string().min(1),
  id: z.string().min(1),
  text: z.string().min(1),
  mappedControl: z.string().optional(),
});
export type CuecRecord = z.infer<typeof cuecSchema>;
/** Identity of a CUEC: the vendor and the CUEC's id in its report. */
export const cuecIdentity = (r: CuecRecord): string => identityKey(normalName(r.vendor), r.id);

function normalName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
