import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii.js';
import { loadPresidio, type PresidioRecord } from './pii-fixture.js';
import type { PiiType } from './pii-type.js';

/**
 * Presidio entity types we detect, mapped to ours (LOCATION counts as address, every DATE_TIME as
 * date; our date_of_birth findings count as date). ORGANIZATION, DOMAIN_NAME (URLs), TITLE,
 * PREFIX and US_DRIVER_LICENSE are not detected.
 */
const PRESIDIO_TO_OURS: Readonly<Record<string, PiiType>> = {
  PERSON: 'person',
  ADDRESS: 'address',
  LOCATION: 'address',
  DATE_TIME: 'date',
  EMAIL_ADDRESS: 'email',
  PHONE_NUMBER: 'phone',
  CREDIT_CARD: 'credit_card',
  US_SSN: 'us_ssn',
  IBAN_CODE: 'iban',
  IP_ADDRESS: 'ip_address',
};

/**
 * Floors sit a little below the values measured when the detector was written (see
 * packages/agent/README.md); the test fails when a change makes detection worse.
 */
const FLOORS: ReadonlyArray<[PiiType, { recall: number; precision: number }]> = [
  ['email', { recall: 0.95, precision: 0.95 }],
  ['credit_card', { recall: 0.95, precision: 0.95 }],
  ['iban', { recall: 0.95, precision: 0.95 }],
  ['ip_address', { recall: 0.9, precision: 0.9 }],
  ['us_ssn', { recall: 0.95, precision: 0.9 }],
  ['phone', { recall: 0.95, precision: 0.95 }],
  ['person', { recall: 0.78, precision: 0.84 }],
  ['address', { recall: 0.5, precision: 0.95 }],
  ['date', { recall: 0.95, precision: 0.95 }],
];

interface Score {
  gold: number;
  found: number;
  predicted: number;
  correct: number;
}

/** Span-overlap scoring: a gold span counts as found when a prediction of the same type overlaps it. */
function score(records: readonly PresidioRecord[]): Map<PiiType, Score> {
  const scores = new Map<PiiType, Score>();
  const get = (t: PiiType) => scores.get(t) ?? scores.set(t, { gold: 0, found: 0, predicted: 0, correct: 0 }).get(t)!;
  for (const record of records) {
    const gold = record.spans.flatMap((s) => {
      const type = PRESIDIO_TO_OURS[s.entity_type];
      return type === undefined ? [] : [{ type, start: s.start_position, end: s.end_position }];
    });
    const predicted = detectPii(record.full_text).map((f) => (f.type === 'date_of_birth' ? { ...f, type: 'date' as const } : f));
    const overlaps = (a: { type: PiiType; start: number; end: number }, b: { type: PiiType; start: number; end: number }) =>
      a.type === b.type && a.start < b.end && b.start < a.end;
    for (const g of gold) {
      const s = get(g.type);
      s.gold += 1;
      if (predicted.some((p) => overlaps(p, g))) s.found += 1;
    }
    for (const p of predicted) {
      const s = get(p.type);
      s.predicted += 1;
      if (gold.some((g) => overlaps(p, g))) s.correct += 1;
    }
  }
  return scores;
}

const records = loadPresidio();

describe('detectPii quality on the Presidio research dataset', () => {
  const scores = score(records);

  it.each(FLOORS)('%s meets its recall and precision floors', (type, floor) => {
    const s = scores.get(type);
    expect(s?.gold ?? 0).toBeGreaterThan(0);
    const recall = s!.found / s!.gold;
    const precision = s!.predicted === 0 ? 0 : s!.correct / s!.predicted;
    expect(recall).toBeGreaterThanOrEqual(floor.recall);
    expect(precision).toBeGreaterThanOrEqual(floor.precision);
  });

  it('raises no API-key findings on text that has none', () => {
    expect(scores.get('api_key')?.predicted ?? 0).toBe(0);
  });
});
