import { z } from 'zod';

/** Options of the `risk-register-yaml` source; the scale comes from fieldwork.yaml `risks.scale` unless set here. */
export const riskRegisterOptionsSchema = z.object({
  /** Highest likelihood and impact ratings; a rating above them is refused as bad input. */
  scale: z.object({ likelihood: z.number().int().min(2).max(10), impact: z.number().int().min(2).max(10) }).strict().default({ likelihood: 5, impact: 5 }),
}).strict();
export type RiskRegisterOptions = z.infer<typeof riskRegisterOptionsSchema>;

/** The scale of the workspace's `risks:` section, as this kind's default options. */
export function riskRegisterDefaults(workspace: Record<string, unknown>): Record<string, unknown> {
  const scale = (workspace.risks as { scale?: { likelihood?: unknown; impact?: unknown } } | undefined)?.scale;
  return scale ? { scale: { likelihood: scale.likelihood ?? 5, impact: scale.impact ?? 5 } } : {};
}
