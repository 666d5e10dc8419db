import { FieldworkError } from '@fieldwork/core';
import type { FieldworkRecord } from '@fieldwork/core';
import type { Collector } from '../collector.js';
import { pseudonymizeRecord } from '../pseudonymize-record.js';
import { iterateJsonItems } from '../input/index.js';
import { promptLogOptionsSchema } from './prompt-log-config.js';
import type { PromptLogOptions } from './prompt-log-config.js';
import { field, mapPromptLogRow } from './prompt-log-mapper.js';

/** A prompt/completion log store's export: one message per line, kept as metadata and PII counts only. */
export const promptLogCollector: Collector<PromptLogOptions> = {
  kind: 'prompt-log-jsonl',
  snapshotKinds: [],
  // Spans and logs carry prompt and completion text: keep the hash, counts and redacted excerpts, never the bytes.
  retainBytes: false,
  description: 'Prompt/completion log export, one JSON message per line (id, timestamp, tenant, conversation, role, content)',
  options: promptLogOptionsSchema,
  mappingOption: 'fields',
  mediaType: 'application/x-ndjson',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const store = options.store ?? ctx.source;
    const read = new Set(Object.values(options.fields).flatMap((n) => (Array.isArray(n) ? n : [n])));
    let seen = 0;
    for await (const item of iterateJsonItems(input)) {
      const where = { file: input.displayName, ...(item.line ? { line: item.line } : {}), ...(item.line ? {} : { pointer: item.locator || '/' }) };
      const row = item.value;
      if (!row || typeof row !== 'object' || Array.isArray(row) || field(row as Record<string, unknown>, options.fields.content) === undefined && field(row as Record<string, unknown>, options.fields.timestamp) === undefined) {
        throw new FieldworkError(seen === 0 ? 'INPUT_WRONG_FORMAT' : 'INPUT_INVALID_RECORD', `${input.displayName}: ${item.locator || 'the document'} is not a prompt-log record (no content or timestamp field).`, {
          where, hint: 'prompt-log-jsonl reads one JSON object per line with id, timestamp, tenant, conversation, role and content; map other field names with options.fields.',
        });
      }
      seen++;
      // Field names only: the values (which may hold personal data) are never reported.
      for (const k of Object.keys(row).filter((k) => !read.has(k))) ctx.ignore?.(k, item.locator || '/');
      // The end user leaves the collector only as its keyed hash.
      yield pseudonymizeRecord(mapPromptLogRow(row as Record<string, unknown>, options, store, item.line ? `line-${item.line}` : `item${item.locator}`, where, ctx.timezone, ctx.cite(item.locator)), ctx.pseudonymize);
    }
  },
};
