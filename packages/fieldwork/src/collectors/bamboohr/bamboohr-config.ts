import { z } from 'zod';

/** Options of the `bamboohr-csv` source (a BambooHR custom report, CSV or JSON). */
export const bambooOptionsSchema = z.object({
  /** Statuses that mean contractor (from employmentHistoryStatus / employmentStatus). */
  contractorStatuses: z.array(z.string()).default(['Contractor', 'Contract', 'Consultant']),
}).strict();
export type BambooOptions = z.infer<typeof bambooOptionsSchema>;

/** The report columns we need (BambooHR field ids). */
export const BAMBOO_REQUIRED = ['employeeNumber', 'workEmail', 'hireDate', 'terminationDate', 'status'];
