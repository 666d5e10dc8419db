/**
 * The OpenTelemetry GenAI semantic-convention attributes Fieldwork reads from agent spans.
 * These are defined by OpenTelemetry (development status), not by Fieldwork.
 *
 * @example
 * ```ts
 * import { GEN_AI_OPERATION_NAME } from '@fieldwork/agent/otel';
 * const attributes = { [GEN_AI_OPERATION_NAME]: 'execute_tool' };
 * ```
 */
export const GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';

/**
 * Name of the tool an `execute_tool` span ran.
 *
 * @example
 * ```ts
 * import { GEN_AI_TOOL_NAME } from '@fieldwork/agent/otel';
 * const attributes = { [GEN_AI_TOOL_NAME]: 'create_refund' };
 * ```
 */
export const GEN_AI_TOOL_NAME = 'gen_ai.tool.name';

/**
 * Id of the tool call, linking the model's request to the tool execution.
 *
 * @example
 * ```ts
 * import { GEN_AI_TOOL_CALL_ID } from '@fieldwork/agent/otel';
 * const attributes = { [GEN_AI_TOOL_CALL_ID]: 'call_mszuSIzqtI65i1wAUOE8w5H4' };
 * ```
 */
export const GEN_AI_TOOL_CALL_ID = 'gen_ai.tool.call.id';

/**
 * Model the application asked for.
 *
 * @example
 * ```ts
 * import { GEN_AI_REQUEST_MODEL } from '@fieldwork/agent/otel';
 * const attributes = { [GEN_AI_REQUEST_MODEL]: 'gpt-4o' };
 * ```
 */
export const GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';

/**
 * Model that actually answered; differs from the request on a silent model swap.
 *
 * @example
 * ```ts
 * import { GEN_AI_RESPONSE_MODEL } from '@fieldwork/agent/otel';
 * const attributes = { [GEN_AI_RESPONSE_MODEL]: 'gpt-4o-2024-08-06' };
 * ```
 */
export const GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';

/**
 * Model provider (`openai`, `anthropic`, `aws.bedrock`, …); replaces {@link GEN_AI_SYSTEM}.
 *
 * @example
 * ```ts
 * import { GEN_AI_PROVIDER_NAME } from '@fieldwork/agent/otel';
 * const attributes = { [GEN_AI_PROVIDER_NAME]: 'anthropic' };
 * ```
 */
export const GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';

/**
 * Deprecated predecessor of {@link GEN_AI_PROVIDER_NAME}; still read from older instrumentations.
 *
 * @deprecated Use {@link GEN_AI_PROVIDER_NAME}.
 * @example
 * ```ts
 * import { GEN_AI_SYSTEM } from '@fieldwork/agent/otel';
 * const attributes: Record<string, string> = { [GEN_AI_SYSTEM]: 'openai' };
 * const provider = attributes['gen_ai.provider.name'] ?? attributes[GEN_AI_SYSTEM];
 * ```
 */
export const GEN_AI_SYSTEM = 'gen_ai.system';
