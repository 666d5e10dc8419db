import type { Random } from './random.js';

/** Attribute values the demo writes (OTLP/JSON AnyValue shapes). */
export type DemoAttr = string | number | boolean | string[];

export interface DemoSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  start: number;
  end: number;
  attrs: Record<string, DemoAttr>;
  error?: boolean;
}

const NS = 1_000_000n;

function anyValue(v: DemoAttr, rng: Random): object {
  if (Array.isArray(v)) return { arrayValue: { values: v.map((s) => ({ stringValue: s })) } };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: rng.chance(0.5) ? String(v) : v } : { doubleValue: v };
  return { stringValue: v };
}

/**
 * One ExportTraceServiceRequest line as the Collector's file exporter writes it: spans in the
 * order they ended (children before their root), int64 values as strings or numbers.
 */
export function otlpLine(resource: Record<string, DemoAttr>, spans: DemoSpan[], rng: Random): string {
  const sorted = [...spans].sort((a, b) => a.end - b.end || a.start - b.start);
  return JSON.stringify({
    resourceSpans: [{
      resource: { attributes: Object.entries(resource).map(([key, v]) => ({ key, value: anyValue(v, rng) })) },
      scopeSpans: [{
        scope: { name: 'relay.agent', version: '3.2.0' },
        spans: sorted.map((s) => ({
          traceId: s.traceId, spanId: s.spanId, ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}), name: s.name,
          kind: s.kind, startTimeUnixNano: (BigInt(s.start) * NS).toString(), endTimeUnixNano: (BigInt(s.end) * NS).toString(),
          attributes: Object.entries(s.attrs).map(([key, v]) => ({ key, value: anyValue(v, rng) })),
          status: s.error ? { code: 2, message: 'tool failed' } : {},
        })),
      }],
    }],
  });
}
