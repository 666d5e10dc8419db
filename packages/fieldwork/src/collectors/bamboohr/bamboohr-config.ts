import { z } from 'zod';

/** Options of the `bamboohr-csv` source (a BambooHR custom report, CSV or JSON). */
export const bambooOptionsSchema = z.object({
  /** Statuses that mean contractor (from employmentHistoryStatus / employmentStatus). */
  contractorStatuses: z.array(z.string()).default(['Contractor', 'Contract', 'Consultant']),
}).strict();
export type BambooOptions = z.infer<typeof bambooOptionsSchema>;

/** The report columns we need (BambooHR field ids). */
export const BAMBOO_REQUIRED = ['employeeNumber', 'workEmail', 'hireDate', 'terminationDate', 'status'];

/**
 * Column titles of a report downloaded from the BambooHR web UI (Reports → Download → CSV), by
 * the field id the API uses. Lower-cased; matched after trimming.
 */
export const BAMBOO_TITLES: Record<string, string> = {
  'employee #': 'employeeNumber',
  'employee number': 'employeeNumber',
  'work email': 'workEmail',
  'email': 'workEmail',
  'hire date': 'hireDate',
  'original hire date': 'originalHireDate',
  'termination date': 'terminationDate',
  'status': 'status',
  'employee status': 'status',
  'first name': 'firstName',
  'last name': 'lastName',
  'department': 'department',
  'employment status': 'employmentHistoryStatus',
  'supervisor email': 'supervisorEmail',
  'reporting to': 'supervisor',
};
