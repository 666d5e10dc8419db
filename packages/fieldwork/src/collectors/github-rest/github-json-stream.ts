import StreamChain from 'stream-chain';
import StreamJson from 'stream-json';
import { FieldworkError } from '@fieldwork/core/errors';
import type { ArtifactInput } from '../collector.js';
import { pointer } from '../input/index.js';

/** What the reader reports: an object (a page element or a whole document) or the end of a page. */
export type GithubJsonEvent =
  | { type: 'item'; value: unknown; locator: string }
  | { type: 'pageEnd'; locator: string; empty: boolean };

interface Token {
  name: string;
  value?: string;
}

type Container = unknown[] | Record<string, unknown>;

/**
 * Streams the objects of a GitHub JSON file in every form people save it: one response (an
 * object or an array page), `gh api --paginate` output (pages concatenated: `[…][…]`),
 * `gh api --paginate --slurp` (an array of pages) and JSON Lines. Array pages are read element
 * by element, so memory stays flat however many pages a file holds.
 *
 * Locators are JSON pointers into the first document (`/3`, `/1/3` for a slurped page); later
 * documents are numbered: `doc 2#/3`.
 */
export async function* readGithubJson(input: ArtifactInput): AsyncGenerator<GithubJsonEvent> {
  await refuseNonJson(input);
  const parser = StreamJson.parser({ jsonStreaming: true, packValues: true, streamValues: false });
  const pipeline = StreamChain.chain([input.open(), parser]);
  let doc = 0;
  // Path of array indexes / keys from the top of the current document to the token being read.
  const path: (string | number)[] = [];
  // Depth of the array pages we stream through (1 = top array, 2 = page inside a slurped array).
  const pages: { depth: number; count: number }[] = [];
  // The object being assembled, and its containers from the outside in.
  let stack: { c: Container; key?: string }[] = [];
  let itemLocator = '';
  let depth = 0;
  const loc = (segments: (string | number)[]) => {
    const ptr = pointer('', ...segments) || '/';
    return doc <= 1 ? ptr : `doc ${doc}#${ptr}`;
  };
  let where = '/';

  const startItem = (c: Container): void => {
    itemLocator = loc(path);
    stack = [{ c }];
  };
  const addValue = (v: unknown): unknown => {
    const top = stack[stack.length - 1];
    if (Array.isArray(top.c)) top.c.push(v);
    else top.c[top.key as string] = v;
    return v;
  };

  try {
    for await (const t of pipeline as AsyncIterable<Token>) {
      if (stack.length > 0) {
        // Inside an object (or nested array) being assembled.
        switch (t.name) {
          case 'keyValue': stack[stack.length - 1].key = t.value; break;
          case 'startObject': stack.push({ c: addValue({}) as Container }); break;
          case 'startArray': stack.push({ c: addValue([]) as Container }); break;
          case 'endObject':
          case 'endArray': {
            const done = stack.pop()!;
            depth--;
            if (stack.length === 0) {
              const page = pages[pages.length - 1];
              if (page) page.count++;
              yield { type: 'item', value: done.c, locator: itemLocator };
              if (page) path[path.length - 1] = page.count;
              where = itemLocator;
            }
            continue;
          }
          default: addValue(scalar(t));
        }
        if (t.name === 'startObject' || t.name === 'startArray') depth++;
        continue;
      }
      // Between items: at the top of a document, or inside an array page.
      if (t.name === 'startArray' && pages.length < 2 && (pages.length === 0 || pages[0].depth === depth)) {
        if (depth === 0) doc++;
        depth++;
        pages.push({ depth, count: 0 });
        path.push(0);
        where = loc(path.slice(0, -1));
        continue;
      }
      if (t.name === 'endArray' && pages.length > 0) {
        const page = pages.pop()!;
        path.pop();
        depth--;
        yield { type: 'pageEnd', locator: loc(path), empty: page.count === 0 };
        const outer = pages[pages.length - 1];
        if (outer) path[path.length - 1] = ++outer.count;
        continue;
      }
      if (t.name === 'startObject' || t.name === 'startArray') {
        if (depth === 0) doc++;
        depth++;
        startItem(t.name === 'startObject' ? {} : []);
        continue;
      }
      // A scalar where an object was expected (`5`, `"text"` at the top or in a page).
      if (depth === 0) doc++;
      const at = loc(path);
      const page = pages[pages.length - 1];
      if (page) path[path.length - 1] = ++page.count;
      yield { type: 'item', value: scalar(t), locator: at };
    }
  } catch (e) {
    if (e instanceof FieldworkError) throw e;
    pipeline.destroy();
    const msg = e instanceof Error ? e.message : String(e);
    const at = stack.length > 0 ? itemLocator : where;
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is not valid JSON near ${at || '/'}: ${msg}`, {
      where: { file: input.displayName, pointer: at || '/' },
      hint: /expected|end/i.test(msg) ? 'The file ends early or a value is broken; it looks truncated or edited. Save the response again.' : 'Fix the JSON at that place, or save the response again.',
    });
  }
  if (doc === 0) {
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is empty.`, { where: { file: input.displayName }, hint: 'Save the response again; an empty file is not evidence.' });
  }
}

function scalar(t: Token): unknown {
  switch (t.name) {
    case 'stringValue': return t.value;
    case 'numberValue': return Number(t.value);
    case 'trueValue': return true;
    case 'falseValue': return false;
    default: return null;
  }
}

/** Refuses a file that does not start like JSON (a CSV, a YAML file) as the wrong format. */
async function refuseNonJson(input: ArtifactInput): Promise<void> {
  const stream = input.open();
  try {
    for await (const chunk of stream) {
      const s = (chunk as Buffer).toString('utf8').replace(/^\uFEFF/, '');
      const m = /\S/.exec(s);
      if (!m) continue;
      if (m[0] === '{' || m[0] === '[') return;
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} is not JSON (it starts with "${s.slice(m.index, m.index + 20).split('\n')[0]}").`, {
        where: { file: input.displayName, line: 1 },
        hint: 'github-rest reads GitHub REST responses and webhook payloads saved as JSON (see the docs for the gh api commands).',
      });
    }
  } finally {
    stream.destroy();
  }
  throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is empty.`, { where: { file: input.displayName }, hint: 'Save the response again; an empty file is not evidence.' });
}
