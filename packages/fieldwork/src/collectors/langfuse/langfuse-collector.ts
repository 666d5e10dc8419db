import { FieldworkError } from '@fieldwork/core';
import type { FieldworkRecord } from '@fieldwork/core';
import { agentAttributeDefaults } from '../otlp/workspace-attributes.js';
import type { Collector } from '../collector.js';
import { pseudonymizeRecord } from '../pseudonymize-record.js';
import { iterateJsonItems } from '../input/index.js';
import { resolveAttributeNames } from '../otlp/otlp-config.js';
import { SpanAssembler } from '../otlp/span-assembler.js';
import { langfuseOptionsSchema } from './langfuse-config.js';
import type { LangfuseOptions } from './langfuse-config.js';
import { isLangfuseRow, observationSpan } from './langfuse-mapper.js';

/**
 * Langfuse blob-storage exports (JSONL of observations, enriched observations or traces, or a
 * JSON array from the UI/API), mapped to the same records as OpenTelemetry traces.
 */
export const langfuseCollector: Collector<LangfuseOptions> = {
  kind: 'langfuse-export',
  // Span counts describe one file: a newer copy of it replaces them. Everything else is a log,
  // model aggregates too: a model once seen serving calls must never drop out of view.
  snapshotKinds: ['trace_summary'],
  // Spans and logs carry prompt and completion text: keep the hash, counts and redacted excerpts, never the bytes.
  retainBytes: false,
  description: 'Langfuse export of observations and traces (blob storage JSONL, or JSON from the API/UI)',
  workspaceDefaults: agentAttributeDefaults,
  options: langfuseOptionsSchema,
  mediaType: 'application/x-ndjson',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const names = resolveAttributeNames(options.attributes);
    const asm = new SpanAssembler({
      names, argumentPrefixes: options.argumentPrefixes, promptRecords: options.promptRecords, store: options.store ?? ctx.source,
      maxPendingTraces: 100_000, maxTraceContexts: 100_000,
    }, ctx.cite);
    let seen = 0;
    for await (const item of iterateJsonItems(input)) {
      // The public API wraps observations as { data: [...] }.
      const value = item.value as Record<string, unknown>;
      const rows = value && Array.isArray(value.data) ? value.data.map((v, i) => ({ v, loc: `${item.locator || ''}/data/${i}` })) : [{ v: value, loc: item.locator }];
      for (const { v, loc } of rows) {
        if (!v || typeof v !== 'object' || Array.isArray(v) || !isLangfuseRow(v as Record<string, unknown>)) {
          throw new FieldworkError(seen === 0 ? 'INPUT_WRONG_FORMAT' : 'INPUT_INVALID_RECORD', `${input.displayName}: ${loc || 'the document'} is not a Langfuse observation or trace (needs id and startTime/start_time or timestamp).`, {
            where: { file: input.displayName, ...(item.line ? { line: item.line } : { pointer: loc || '/' }) },
            hint: 'langfuse-export reads the blob storage export (observations/, observations_v2/, traces/) as JSONL or JSON.',
          });
        }
        seen++;
        const span = observationSpan(v as Record<string, unknown>, loc, options, names);
        if (!span.start) {
          throw new FieldworkError('INPUT_INVALID_RECORD', `${input.displayName}: observation ${span.spanId} at ${loc} has an unreadable start time.`, {
            where: { file: input.displayName, ...(item.line ? { line: item.line } : { pointer: loc }) }, hint: 'Times must be ISO-8601 or YYYY-MM-DD HH:MM:SS.ffffff (UTC).',
          });
        }
        // End-user identifiers leave the collector only as keyed hashes.
        for (const r of asm.push(span)) yield pseudonymizeRecord(r, ctx.pseudonymize, options.serviceIdentities);
      }
    }
    for (const r of asm.finish()) yield pseudonymizeRecord(r, ctx.pseudonymize, options.serviceIdentities);
  },
};
