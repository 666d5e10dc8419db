import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The version of the installed `fieldwork` package (from its package.json, beside src/ and dist/). */
export function fieldworkVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
