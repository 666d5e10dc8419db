import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { addDays, startOfDay } from '@fieldwork/core';
import { stringify } from 'yaml';
import { Random } from '../../demo/random.js';
import type { AnswerKey } from './org-answer-key.js';
import { controlOf } from './org-answer-key.js';

export { Random };

/** Minutes after local midnight of a calendar date in `tz` → a UTC instant (DST-correct). */
export function localTime(date: string, minutes: number, tz: string): string {
  return new Date(Date.parse(startOfDay(date, tz)) + minutes * 60_000).toISOString();
}

/** An instant written with the zone's offset as many exports do (`2025-11-02T23:30:00.000-05:00`). */
export function offsetTime(instant: string, tz: string): string {
  const t = Date.parse(instant);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const wall = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offset = Math.round((Date.parse(`${wall}Z`) - Math.floor(t / 1000) * 1000) / 60_000);
  const abs = Math.abs(offset);
  return `${wall}.${String(t % 1000).padStart(3, '0')}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elif', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kemi', 'Liam', 'Mara', 'Nico', 'Olu', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Umar', 'Vera', 'Wen', 'Xavi', 'Yara', 'Zeno'];
const LAST = ['Okafor', 'Walsh', 'Nakamura', 'Lindqvist', 'Mendes', 'Haddad', 'Novak', 'Brennan', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Gallo', 'Horvath', 'Ivanova', 'Jensen', 'Kowalski', 'Larsen', 'Moreau', 'Nielsen', 'Osei', 'Petrov'];

/** A person of a generated organization, before any export format. */
export interface OrgPerson {
  id: string;
  first: string;
  last: string;
  email: string;
  department: string;
  type: 'employee' | 'contractor';
  start: string;
  end?: string;
  /** The earlier tenure of a rehire (start, end), shown on the same row. */
  prior?: { start: string; end: string };
  /** IdP user id (stable across renames). */
  idpId: string;
}

/** `count` people with unique names and emails at `domain`, hired before `before`. */
export function makePeople(rng: Random, count: number, domain: string, before: string, emailOf: (f: string, l: string) => string, idPrefix: string): OrgPerson[] {
  const out: OrgPerson[] = [];
  const seen = new Set<string>();
  const depts = ['Engineering', 'Engineering', 'Engineering', 'Applied AI', 'Sales', 'Customer Success', 'Finance', 'Security', 'People'];
  for (let i = 0; out.length < count; i++) {
    const first = FIRST[(i * 7 + 3) % FIRST.length];
    const last = LAST[(i * 5 + Math.floor(i / FIRST.length)) % LAST.length];
    const email = `${emailOf(first, last)}@${domain}`;
    if (seen.has(email)) continue;
    seen.add(email);
    out.push({
      id: `${idPrefix}${1000 + out.length}`, first, last, email, department: depts[rng.int(0, depts.length - 1)], type: 'employee',
      start: addDays(before, -rng.int(60, 1500)), idpId: `00u${rng.hex(17)}`,
    });
  }
  return out;
}

/** Collects the answer key as a generator plants problems and look-alikes. */
export class KeyBuilder {
  readonly key: AnswerKey = { planted: [], lookAlikes: [] };
  plant(check: string, rule: string, subject: string, why: string): void {
    this.key.planted.push({ control: controlOf(check), rule, subject, why });
  }
  lookAlike(check: string, subject: string, why: string): void {
    this.key.lookAlikes.push({ control: controlOf(check), subject, why });
  }
}

/** Writes files (relative paths) and fieldwork.yaml into a workspace folder. */
export function writeWorkspace(dir: string, config: Record<string, unknown>, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  writeFileSync(join(dir, 'fieldwork.yaml'), stringify(config, { lineWidth: 160 }));
}

/** A policy file in the organization's own naming, with `type:` when it maps to a required policy that way. */
export function policyFile(f: { id: string; title: string; version: string; owner: string; approvedBy: string; approvedAt: string; type?: string }): string {
  return `---\nid: ${f.id}\ntitle: ${f.title}\nversion: "${f.version}"\nowner: ${f.owner}\napproved_by: ${f.approvedBy}\napproved_at: ${f.approvedAt}\nnext_review: ${addDays(f.approvedAt, 365)}\n${f.type ? `type: ${f.type}\n` : ''}---\n\n# ${f.title}\n\nThis standard sets out how ${f.title.toLowerCase()} works at our company.\n`;
}
