import { builtInControls } from '@fieldwork/core';
import type { CheckRun } from '@fieldwork/core';

/** A problem planted in a generated organization: the control, the rule that must fire, and on whom. */
export interface PlantedProblem {
  control: string;
  rule: string;
  subject: string;
  why: string;
}

/** A compliant situation that resembles a problem: no exception of this control may name the subject. */
export interface LookAlike {
  control: string;
  subject: string;
  why: string;
}

/** What a generated organization holds, for the precision test and the bench. */
export interface AnswerKey {
  planted: PlantedProblem[];
  lookAlikes: LookAlike[];
}

/** The built-in control that a check tests (the answer key speaks in control ids, like `check --json`). */
export function controlOf(check: string): string {
  const c = builtInControls.find((x) => x.check === check);
  if (!c) throw new Error(`no built-in control runs ${check}`);
  return c.id;
}

/** How a check run measured up to an answer key. */
export interface PrecisionScore {
  /** Every exception reported, as `control rule subject`. */
  reported: string[];
  found: PlantedProblem[];
  missed: PlantedProblem[];
  lookAlikesFlagged: { lookAlike: LookAlike; exception: string }[];
  /** Exceptions that are neither a planted problem nor on a look-alike: each a false positive until explained. */
  unexpected: string[];
}

const lower = (s: string) => s.trim().toLowerCase();

/** Scores a check run against an answer key: recall on planted problems, and every other exception. */
export function scoreRun(run: CheckRun, key: AnswerKey): PrecisionScore {
  const all = run.results.flatMap((r) => r.exceptions.map((e) => ({ control: r.control, rule: e.rule, subject: e.subject })));
  const reported = all.map((e) => `${e.control} ${e.rule} ${e.subject}`);
  const isPlanted = (e: { control: string; rule: string; subject: string }) =>
    key.planted.some((p) => p.control === e.control && p.rule === e.rule && lower(p.subject) === lower(e.subject));
  const found = key.planted.filter((p) => all.some((e) => e.control === p.control && e.rule === p.rule && lower(e.subject) === lower(p.subject)));
  const lookAlikesFlagged = key.lookAlikes.flatMap((l) => all
    .filter((e) => e.control === l.control && lower(e.subject) === lower(l.subject) && !isPlanted(e))
    .map((e) => ({ lookAlike: l, exception: `${e.control} ${e.rule} ${e.subject}` })));
  const flagged = new Set(lookAlikesFlagged.map((f) => f.exception));
  return {
    reported,
    found,
    missed: key.planted.filter((p) => !found.includes(p)),
    lookAlikesFlagged,
    unexpected: all.filter((e) => !isPlanted(e)).map((e) => `${e.control} ${e.rule} ${e.subject}`).filter((s) => !flagged.has(s)),
  };
}
