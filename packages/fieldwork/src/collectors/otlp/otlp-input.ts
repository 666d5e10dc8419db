import { StringDecoder } from 'node:string_decoder';
import StreamChain from 'stream-chain';
import StreamJson from 'stream-json';
import Pick from 'stream-json/filters/Pick.js';
import StreamValues from 'stream-json/streamers/StreamValues.js';
import { FieldworkError } from '@fieldwork/core/errors';
import type { ArtifactInput } from '../collector.js';
import { parseJsonText, readLines } from '../input/index.js';

/** One `resourceSpans` element and where it sits in the artifact. */
export interface ResourceSpansItem {
  value: unknown;
  /** `line 3#/resourceSpans/0` (JSONL) or `/resourceSpans/0` (one document). */
  locator: string;
  line?: number;
}

/** The first line is read whole only up to this size; a longer one means one big document. */
const SNIFF_LIMIT = 64 * 1024 * 1024;

const WRONG_HINT = 'otlp-json reads OTLP/JSON trace exports: {"resourceSpans": [...]} as one document, or one such object per line (the Collector\'s file exporter).';

/**
 * Yields every `resourceSpans` element of an OTLP/JSON trace export with flat memory: JSON
 * Lines (one ExportTraceServiceRequest per line) are read line by line; a single document,
 * pretty-printed or not, is streamed element by element.
 */
export async function* iterateResourceSpans(input: ArtifactInput): AsyncGenerator<ResourceSpansItem> {
  const sniff = await sniffFirstLine(input);
  if (sniff.firstChar === undefined) {
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is empty.`, { where: { file: input.displayName }, hint: 'Export the traces again; an empty file is not evidence.' });
  }
  if (sniff.firstChar !== '{') {
    throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} does not start with a JSON object.`, { where: { file: input.displayName, line: 1 }, hint: WRONG_HINT });
  }
  let jsonl = false;
  if (sniff.line !== undefined) {
    try {
      JSON.parse(sniff.line);
      jsonl = true;
    } catch {
      jsonl = false;
    }
  }
  yield* jsonl ? jsonLines(input) : oneDocument(input);
}

function requestSpans(value: unknown, file: string, line: number | undefined, first: boolean): unknown[] {
  const rs = value && typeof value === 'object' && !Array.isArray(value) ? (value as { resourceSpans?: unknown }).resourceSpans : undefined;
  if (Array.isArray(rs)) return rs;
  throw new FieldworkError(first ? 'INPUT_WRONG_FORMAT' : 'INPUT_INVALID_RECORD', `${file}: ${line ? `line ${line} is` : 'this is'} not an OTLP trace export (no resourceSpans array).`, {
    where: { file, ...(line ? { line } : {}), pointer: '/resourceSpans' }, hint: WRONG_HINT,
  });
}

async function* jsonLines(input: ArtifactInput): AsyncGenerator<ResourceSpansItem> {
  let first = true;
  for await (const { text: raw, line: lineNo } of readLines(input.open(), input.displayName)) {
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    const spans = requestSpans(parseJsonText(line, input.displayName, lineNo - 1), input.displayName, lineNo, first);
    first = false;
    for (let i = 0; i < spans.length; i++) yield { value: spans[i], locator: `line ${lineNo}#/resourceSpans/${i}`, line: lineNo };
  }
}

async function* oneDocument(input: ArtifactInput): AsyncGenerator<ResourceSpansItem> {
  // Watch the top-level keys so a JSON document of another kind is refused, not read as empty.
  let depth = 0;
  let sawResourceSpans = false;
  const watch = (t: { name: string; value?: unknown }) => {
    if (t.name === 'startObject' || t.name === 'startArray') depth++;
    else if (t.name === 'endObject' || t.name === 'endArray') depth--;
    else if (t.name === 'keyValue' && depth === 1) {
      if (t.value === 'resourceSpans') sawResourceSpans = true;
    }
    return t;
  };
  const pipeline = StreamChain.chain([input.open(), StreamJson.parser(), watch, Pick.pick({ filter: /^resourceSpans\.\d+$/ }), StreamValues.streamValues()]);
  let next = 0;
  try {
    for await (const item of pipeline as AsyncIterable<{ key: number; value: unknown }>) {
      next = item.key + 1;
      yield { value: item.value, locator: `/resourceSpans/${item.key}` };
    }
  } catch (e) {
    pipeline.destroy();
    if (e instanceof FieldworkError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is not valid JSON near /resourceSpans/${next}: ${msg}`, {
      where: { file: input.displayName, pointer: `/resourceSpans/${next}` },
      hint: 'The document ends early or is broken there; it looks truncated or edited. Export it again.',
    });
  }
  if (!sawResourceSpans) {
    throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} is JSON but not an OTLP trace export (no resourceSpans).`, { where: { file: input.displayName, pointer: '/resourceSpans' }, hint: WRONG_HINT });
  }
}

/** The first non-space character, and the first non-blank line when it ends within the sniff limit (or the file does). */
async function sniffFirstLine(input: ArtifactInput): Promise<{ firstChar?: string; line?: string }> {
  const stream = input.open();
  const decoder = new StringDecoder('utf8');
  let pending = '';
  try {
    for await (const chunk of stream) {
      pending += decoder.write(chunk as Buffer);
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
        const line = pending.slice(0, nl).replace(/^\uFEFF/, '');
        if (line.trim() !== '') return { firstChar: /\S/.exec(line)![0], line };
        pending = pending.slice(nl + 1);
      }
      if (pending.length > SNIFF_LIMIT) return { firstChar: /\S/.exec(pending)?.[0] };
    }
  } finally {
    stream.destroy();
  }
  const rest = pending.replace(/^\uFEFF/, '');
  const m = /\S/.exec(rest);
  return m ? { firstChar: m[0], line: rest } : {};
}
