import type { Attrs } from './otlp-values.js';

/**
 * One span as the agent collectors see it, whatever the format it came in (OTLP/JSON, a
 * Langfuse observation): ids as lowercase hex where the format has them, attributes decoded,
 * times as ISO instants.
 */
export interface AgentSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP span kind number (0 unspecified … 3 client). */
  kind: number;
  start?: string;
  end?: string;
  status: 'ok' | 'error' | 'unset';
  attrs: Attrs;
  /** Resource attributes (service.name, deployment.environment…), shared by the spans of one resource. */
  resource: Attrs;
  /** Where the span is in the artifact. */
  locator: string;
  /** Text the format keeps outside attributes (Langfuse input/output), scanned like content attributes. */
  content?: { field: string; value: unknown }[];
}

/** What a span is, for the records it produces. */
export type SpanClass = 'model' | 'tool' | 'agent' | 'retrieval' | undefined;

const MODEL_OPS = new Set(['chat', 'text_completion', 'generate_content', 'embeddings']);
const AGENT_OPS = new Set(['invoke_agent', 'create_agent']);

/**
 * Classifies a span by `gen_ai.operation.name`; an MCP `tools/call` span is a tool call
 * whatever its operation name says.
 */
export function classify(span: AgentSpan): { cls: SpanClass; protocol?: 'execute_tool' | 'mcp' } {
  if (span.attrs['mcp.method.name'] === 'tools/call') return { cls: 'tool', protocol: 'mcp' };
  const op = span.attrs['gen_ai.operation.name'];
  if (typeof op !== 'string') return { cls: undefined };
  if (op === 'execute_tool') return { cls: 'tool', protocol: 'execute_tool' };
  if (MODEL_OPS.has(op)) return { cls: 'model' };
  if (AGENT_OPS.has(op)) return { cls: 'agent' };
  if (op === 'retrieval') return { cls: 'retrieval' };
  return { cls: undefined };
}
