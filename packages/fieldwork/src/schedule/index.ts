/** @module Scheduled runs: `schedule:` in fieldwork.yaml, run by `fieldwork serve` (in-process on SQLite, pg-boss on PostgreSQL). */
export { systemClock } from './clock.js';
export type { Clock } from './clock.js';
export { ManualClock } from './manual-clock.js';
export { scheduleSectionSchema, scheduledJobSchema, cronProblem } from './schedule-config.js';
export type { ScheduleSection, ScheduledJobConfig, QueueSettings } from './schedule-config.js';
export { compileSchedule } from './schedule-plan.js';
export type { SchedulePlan, ScheduledJob } from './schedule-plan.js';
export { registerJobKind, jobKind, jobKindNames } from './job-kinds.js';
export type { ScheduledJobKind, ScheduledJobContext, ScheduledJobOutput } from './job-kinds.js';
export type { JobRunner, ScheduleEvent } from './job-runner.js';
export { Scheduler } from './scheduler.js';
export type { SchedulerOptions } from './scheduler.js';
export { listJobHistory } from './job-history.js';
export type { JobHistoryEntry, JobHistoryPage } from './job-history.js';
export { pgBossSchemaFor, SCHEDULE_QUEUE } from './pg-boss-schema.js';

// Job kinds other modules define (each registers itself when loaded).
import '../notify/digest-job.js';
