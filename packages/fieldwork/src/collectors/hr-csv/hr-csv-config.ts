import { z } from 'zod';

/** The person fields an HR export can fill, each mapped to a CSV column title in `options.columns`. */
export const hrColumnsSchema = z.object({
  /** Stable employee id (required). */
  id: z.string().min(1),
  email: z.string().min(1).optional(),
  firstName: z.string().min(1).optional(),
  lastName: z.string().min(1).optional(),
  /** Full name, when the export has one column instead of first/last. */
  name: z.string().min(1).optional(),
  startDate: z.string().min(1).optional(),
  endDate: z.string().min(1).optional(),
  status: z.string().min(1).optional(),
  workerType: z.string().min(1).optional(),
  department: z.string().min(1).optional(),
  manager: z.string().min(1).optional(),
  /** A yes/no column that marks rehires. */
  rehire: z.string().min(1).optional(),
  /** The first-ever hire date; earlier than `startDate` means a rehire. */
  originalStartDate: z.string().min(1).optional(),
}).strict();
export type HrColumns = z.infer<typeof hrColumnsSchema>;

/**
 * Options of the `hr-csv` source: any HRIS export (Gusto, Rippling, Deel, a spreadsheet) with a
 * header line, read through a column mapping.
 *
 * @example
 * options:
 *   columns: { id: Employee ID, email: Work Email, startDate: Start Date, endDate: Termination Date }
 *   dateFormat: us
 */
export const hrCsvOptionsSchema = z.object({
  columns: hrColumnsSchema,
  /** How dates without a year first are written: `us` 03/10/2026, `eu` 10/03/2026. ISO dates are always read. */
  dateFormat: z.enum(['iso', 'us', 'eu']).default('iso'),
  /** Worker-type values (case-insensitive) that mean contractor. */
  contractorValues: z.array(z.string()).default(['contractor', 'contract', '1099', 'consultant', 'freelancer']),
  /** Worker-type values that mean intern. */
  internValues: z.array(z.string()).default(['intern', 'internship']),
}).strict();
export type HrCsvOptions = z.infer<typeof hrCsvOptionsSchema>;
