/** @module The AI system register of a workspace, derived from its stored records. */
import { aiSystemRegister } from '@fieldwork/core';
import type { AiSystemRegister, ControlResult, RecordKind } from '@fieldwork/core';
import type { FieldworkStore } from '../store/index.js';
import { resolveControls, resolvePeriod } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';

/** The record kinds the register reads. */
export const AI_REGISTER_KINDS: RecordKind[] = ['model_observation', 'model_change', 'vendor', 'vendor_review', 'tool_call', 'agent_run'];

/** The register and the latest check result of the control that tests it (AGT-22), if any. */
export interface WorkspaceAiRegister {
  register: AiSystemRegister;
  result?: ControlResult;
  checkRunAt?: string;
}

/**
 * Derives the register from the stored records for the latest check run's period (else the
 * workspace's report window), with the register control's parameters. The check result shown
 * beside it is the stored one: the register is a view of the records, the verdict stays the check's.
 */
export async function aiRegisterOfWorkspace(ws: LoadedWorkspace, store: FieldworkStore, now = new Date()): Promise<WorkspaceAiRegister> {
  const latest = await store.latestRun<{ period: { from: string; to: string }; results: ControlResult[] }>('check');
  const period = latest?.data.period ?? resolvePeriod(ws.config, {}, now).period;
  const control = resolveControls(ws.config).find((c) => c.check === 'ai.system-register');
  const records = await store.loadRecords(AI_REGISTER_KINDS);
  const register = aiSystemRegister({ records, period, timezone: ws.config.timezone, workspace: { ...ws.config }, params: control?.params ?? {} });
  const result = control ? latest?.data.results.find((r) => r.control === control.id) : undefined;
  return { register, ...(result ? { result } : {}), ...(latest ? { checkRunAt: latest.createdAt } : {}) };
}
