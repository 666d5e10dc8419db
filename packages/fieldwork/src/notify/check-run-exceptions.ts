import type { ControlResult } from '@fieldwork/core';
import { readStoredRun } from '../store/index.js';
import type { FieldworkStore } from '../store/index.js';
import type { CheckRunExceptions } from './exception-notices.js';

type Stored = { results?: Pick<ControlResult, 'control' | 'title' | 'exceptions'>[] };

function toExceptions(id: number, parsed: Stored): CheckRunExceptions {
  return { runId: id, results: (parsed.results ?? []).map((r) => ({ control: r.control, title: r.title, exceptions: r.exceptions ?? [] })) };
}

/** The latest stored check run and the one before it (ids only, newest first). */
export async function latestCheckRunIds(store: FieldworkStore): Promise<number[]> {
  const rows = await store.db.selectFrom('runs').select('id').where('type', '=', 'check').orderBy('id', 'desc').limit(2).execute();
  return rows.map((r) => Number(r.id));
}

/** Reads the exceptions of stored check runs by id, each once (a digest run compares a few). */
export function checkRunReader(store: FieldworkStore): (id: number) => Promise<CheckRunExceptions | undefined> {
  const cache = new Map<number, Promise<CheckRunExceptions | undefined>>();
  return (id) => {
    let hit = cache.get(id);
    if (!hit) {
      hit = store.db.selectFrom('runs').select(['id', 'type', 'data', 'pruned_at']).where('id', '=', id).where('type', '=', 'check').executeTakeFirst()
        .then(async (row) => (row ? toExceptions(Number(row.id), await readStoredRun<Stored>(store.db, row)) : undefined));
      cache.set(id, hit);
    }
    return hit;
  };
}
