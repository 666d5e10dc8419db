import { FieldworkError } from '@fieldwork/core';
import type { FieldworkRecord } from '@fieldwork/core';
import { agentAttributeDefaults } from './workspace-attributes.js';
import type { Collector } from '../collector.js';
import { pseudonymizeRecord } from '../pseudonymize-record.js';
import { classify } from './agent-span.js';
import { otlpOptionsSchema, resolveAttributeNames } from './otlp-config.js';
import type { OtlpOptions } from './otlp-config.js';
import { iterateResourceSpans } from './otlp-input.js';
import { spansOf } from './otlp-mapper.js';
import { SpanAssembler } from './span-assembler.js';

/**
 * OpenTelemetry traces (OTLP/JSON): GenAI spans become tool calls, agent runs, model
 * observations, cross-tenant retrievals and prompt metadata; one summary per artifact.
 */
export const otlpCollector: Collector<OtlpOptions> = {
  kind: 'otlp-json',
  // Span counts describe one file: a newer copy of it replaces them. Everything else is a log,
  // model aggregates too: a model once seen serving calls must never drop out of view.
  snapshotKinds: ['trace_summary'],
  // Spans and logs carry prompt and completion text: keep the hash, counts and redacted excerpts, never the bytes.
  retainBytes: false,
  description: 'OpenTelemetry traces as OTLP/JSON: one ExportTraceServiceRequest document, or JSON Lines of them (Collector file exporter)',
  workspaceDefaults: agentAttributeDefaults,
  options: otlpOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const asm = new SpanAssembler({
      names: resolveAttributeNames(options.attributes), argumentPrefixes: options.argumentPrefixes, promptRecords: options.promptRecords,
      store: options.store ?? ctx.source, maxPendingTraces: options.maxPendingTraces, maxTraceContexts: options.maxTraceContexts,
    }, ctx.cite);
    for await (const item of iterateResourceSpans(input)) {
      for (const span of spansOf(item.value, item.locator, input.displayName, item.line)) {
        if (!span.start && classify(span).cls) {
          throw new FieldworkError('INPUT_INVALID_RECORD', `${input.displayName}: GenAI span ${span.spanId} at ${span.locator} has no startTimeUnixNano.`, {
            where: { file: input.displayName, ...(item.line ? { line: item.line } : {}), pointer: `${span.locator.replace(/^line \d+#/, '')}/startTimeUnixNano` },
            hint: 'Tool calls and model calls need their start time; export the traces again.',
          });
        }
        // End-user identifiers leave the collector only as keyed hashes.
        for (const r of asm.push(span)) yield pseudonymizeRecord(r, ctx.pseudonymize, options.serviceIdentities);
      }
    }
    for (const r of asm.finish()) yield pseudonymizeRecord(r, ctx.pseudonymize, options.serviceIdentities);
  },
};
