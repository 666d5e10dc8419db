import { isValidTimeZone } from '@fieldwork/core';
import { Cron } from 'croner';
import { z } from 'zod';

/** Why croner refuses a cron expression, or undefined when it is valid. */
export function cronProblem(expression: string): string | undefined {
  try {
    new Cron(expression, { paused: true });
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** One scheduled job in `fieldwork.yaml`. */
export const scheduledJobSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, { message: 'use letters, digits, dot, dash or underscore' }).optional()
      .describe('Unique name of this schedule entry (default: the job, plus a number when repeated).'),
    job: z.string().min(1).describe('What runs: collect, check, or a job another module registers (e.g. digest).'),
    cron: z.string().min(1).superRefine((v, ctx) => {
      const problem = cronProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `not a cron expression (${problem}); e.g. "0 2 * * *" is 02:00 every day` });
    }).describe('Cron expression: minute hour day-of-month month day-of-week (a sixth leading field is seconds).'),
    timezone: z.string().refine(isValidTimeZone, { message: 'not an IANA timezone (e.g. Europe/Berlin, UTC)' }).optional()
      .describe('Timezone the cron expression is read in (default: schedule.timezone, then the workspace timezone).'),
    sources: z.array(z.string().min(1)).min(1).optional().describe('collect only: the source names to collect (default: every source).'),
    options: z.record(z.string(), z.unknown()).optional().describe('Settings for a registered job (e.g. digest recipients).'),
  })
  .strict();
export type ScheduledJobConfig = z.infer<typeof scheduledJobSchema>;

/** The `schedule:` section: what `fieldwork serve` runs on its own, and how PostgreSQL workers treat jobs. */
export const scheduleSectionSchema = z
  .object({
    timezone: z.string().refine(isValidTimeZone, { message: 'not an IANA timezone (e.g. Europe/Berlin, UTC)' }).optional()
      .describe('Default timezone of the cron expressions (default: the workspace timezone).'),
    jobs: z.array(scheduledJobSchema).default([]),
    queue: z
      .object({
        timeoutSeconds: z.number().int().min(1).default(3600).describe('A job running longer than this is presumed dead (its worker killed) and retried.'),
        retries: z.number().int().min(0).default(2).describe('How many times a failed or timed-out job is tried again.'),
        retryDelaySeconds: z.number().int().min(0).default(60).describe('Wait before a retry.'),
        pollSeconds: z.number().min(0.5).default(2).describe('How often each worker looks for queued jobs.'),
        maintenanceSeconds: z.number().int().min(1).default(60).describe('How often timed-out jobs are looked for.'),
        historyDays: z.number().int().min(1).default(90).describe('How long pg-boss keeps finished jobs (the job history) before deleting them.'),
      })
      .strict()
      .default({ timeoutSeconds: 3600, retries: 2, retryDelaySeconds: 60, pollSeconds: 2, maintenanceSeconds: 60, historyDays: 90 })
      .describe('PostgreSQL only (pg-boss): timeouts and retries of scheduled jobs shared by several serve instances.'),
  })
  .strict();
export type ScheduleSection = z.infer<typeof scheduleSectionSchema>;
export type QueueSettings = ScheduleSection['queue'];
