import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import { registerAudit } from './audit-command.js';
import { registerCatalog } from './catalog-command.js';
import { registerCheck } from './check-command.js';
import { registerCheckpoint } from './checkpoint-command.js';
import { registerCollect } from './collect-command.js';
import { registerDemo } from './demo-command.js';
import { registerInit } from './init-command.js';
import { registerPlan } from './plan-command.js';
import { registerPolicy } from './policy-command.js';
import { registerReport } from './report-command.js';
import { registerRecords } from './records-command.js';
import { registerVerify } from './verify-command.js';
import { registerProbe } from './probe-command.js';
import { registerNotify } from './notify-command.js';
import { registerServe } from './serve-command.js';

export type Register = (program: Command, globals: () => GlobalOptions, setExit: (code: number) => void) => void;

/** Every command, in the order `--help` lists them. Add a command by adding one line. */
export const commands: Register[] = [
  registerInit,
  registerCollect,
  registerCheck,
  registerReport,
  registerAudit,
  registerPolicy,
  registerPlan,
  registerRecords,
  registerVerify,
  registerCheckpoint,
  registerProbe,
  registerNotify,
  registerServe,
  registerDemo,
  registerCatalog,
];
