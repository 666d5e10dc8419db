import { FieldworkError } from '@fieldwork/core/errors';
import type { AgentSpan } from './agent-span.js';
import { attributes, nanosToIso, normalizeId, spanKind, spanStatus } from './otlp-values.js';

interface RawSpan {
  traceId?: unknown;
  spanId?: unknown;
  parentSpanId?: unknown;
  name?: unknown;
  kind?: unknown;
  startTimeUnixNano?: unknown;
  endTimeUnixNano?: unknown;
  attributes?: unknown;
  status?: unknown;
}

/**
 * The spans of one `resourceSpans` element, with the resource's attributes attached (spans
 * inherit service.name and deployment.environment from their resource).
 */
export function* spansOf(resourceSpans: unknown, locator: string, file: string, line: number | undefined): Generator<AgentSpan> {
  if (!resourceSpans || typeof resourceSpans !== 'object') return;
  const rs = resourceSpans as { resource?: { attributes?: unknown }; scopeSpans?: unknown; instrumentationLibrarySpans?: unknown };
  const resource = attributes(rs.resource?.attributes);
  // instrumentationLibrarySpans: the name before OTLP 1.0, still written by old exporters.
  const scopes = Array.isArray(rs.scopeSpans) ? rs.scopeSpans : Array.isArray(rs.instrumentationLibrarySpans) ? rs.instrumentationLibrarySpans : [];
  const scopeKey = Array.isArray(rs.scopeSpans) ? 'scopeSpans' : 'instrumentationLibrarySpans';
  for (let j = 0; j < scopes.length; j++) {
    const spans = (scopes[j] as { spans?: unknown })?.spans;
    if (!Array.isArray(spans)) continue;
    for (let k = 0; k < spans.length; k++) {
      const raw = spans[k] as RawSpan;
      const loc = `${locator}/${scopeKey}/${j}/spans/${k}`;
      const traceId = normalizeId(raw?.traceId, 16);
      const spanId = normalizeId(raw?.spanId, 8);
      if (!traceId || !spanId) {
        const field = traceId ? 'spanId' : 'traceId';
        throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: span ${loc} has no valid ${field} (${JSON.stringify((raw as Record<string, unknown>)?.[field] ?? null)}).`, {
          where: { file, ...(line ? { line } : {}), pointer: `${loc.replace(/^line \d+#/, '')}/${field}` },
          hint: `OTLP/JSON ids are hex (32 characters for a trace id, 16 for a span id), or base64 of 16 and 8 bytes.`,
        });
      }
      const parent = raw.parentSpanId === '' || raw.parentSpanId === undefined ? undefined : normalizeId(raw.parentSpanId, 8);
      const start = nanosToIso(raw.startTimeUnixNano);
      const end = nanosToIso(raw.endTimeUnixNano);
      // One shape for every span (absent fields undefined), without a spread per optional field.
      yield {
        traceId, spanId, parentSpanId: parent || undefined, name: typeof raw.name === 'string' ? raw.name : '',
        kind: spanKind(raw.kind), start: start || undefined, end: end || undefined, status: spanStatus(raw.status),
        attrs: attributes(raw.attributes), resource, locator: loc,
      };
    }
  }
}
