export { ninetyDayPlan, planResultKey } from './ninety-day-plan.js';
export type { NinetyDayPlan, PlanTask, PlanFacts, TaskStatus } from './ninety-day-plan.js';
