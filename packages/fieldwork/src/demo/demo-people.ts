import { addDays } from '@fieldwork/core';
import type { DemoPerson } from './demo-context.js';
import type { Random } from './random.js';

const FIRST = ['Ada', 'Ben', 'Chen', 'Dara', 'Eli', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jia', 'Kofi', 'Lena', 'Mateo', 'Nia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tariq', 'Uma', 'Vik', 'Wen', 'Xavi', 'Yara', 'Zane', 'Aiko', 'Bruno', 'Cleo', 'Dev'];
const LAST = ['Okafor', 'Lindqvist', 'Nakamura', 'Haddad', 'Moreau', 'Kowalski', 'Reyes', 'Osei', 'Petrov', 'Singh', 'Walsh', 'Achebe', 'Novak', 'Tanaka', 'Duarte', 'Fischer', 'Ibrahim', 'Larsen', 'Mendes', 'Qureshi'];
const DEPTS = ['Engineering', 'Engineering', 'Engineering', 'Applied AI', 'Applied AI', 'Customer Success', 'Sales', 'Operations', 'Security', 'People'];

/** Leavers whose dates the identity part plants problems around (index into the leaver list). */
export const PLANTED_LEAVERS = {
  late: { end: '2026-05-08' },
  missing: { end: '2026-07-31' },
  revived: { end: '2026-08-14' },
  utcTrap: { end: '2026-06-12' },
} as const;

/**
 * The demo company's HR roster: about 100 people, a dozen leavers in the window (four of them
 * planted), contractors, and a rehire.
 */
export function generatePeople(rng: Random, domain: string, period: { from: string; to: string }, count = 100): DemoPerson[] {
  const people: DemoPerson[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    let first: string;
    let last: string;
    do {
      first = rng.pick(FIRST);
      last = rng.pick(LAST);
    } while (used.has(`${first}.${last}`));
    used.add(`${first}.${last}`);
    const dept = rng.pick(DEPTS);
    const contractor = i % 11 === 5;
    const hireDate = addDays('2023-02-01', rng.int(0, 1100));
    const p: DemoPerson = {
      employeeNumber: String(1001 + i),
      firstName: first,
      lastName: last,
      email: `${first}.${last}@${domain}`.toLowerCase(),
      department: dept,
      workerType: contractor ? 'contractor' : 'employee',
      hireDate: hireDate > addDays(period.to, -60) ? addDays(period.from, -200) : hireDate,
      oktaId: `00u${rng.hex(17)}`,
      ...(dept === 'Engineering' || dept === 'Applied AI' ? { github: `${first}${last.slice(0, 3)}`.toLowerCase() } : {}),
    };
    people.push(p);
  }
  // Ordinary leavers spread over the window; the first four carry the planted dates.
  const planted = [PLANTED_LEAVERS.late.end, PLANTED_LEAVERS.missing.end, PLANTED_LEAVERS.revived.end, PLANTED_LEAVERS.utcTrap.end];
  const leaverIdx = [7, 19, 31, 43, 55, 62, 70, 77, 84, 91, 95, 98];
  leaverIdx.forEach((idx, k) => {
    const p = people[idx];
    p.endDate = k < planted.length ? planted[k] : addDays(period.from, 10 + k * 14);
    if (p.hireDate >= p.endDate) p.hireDate = addDays(p.endDate, -400);
  });
  // One leaver before the window (outside the population) and one rehire.
  people[3].endDate = addDays(period.from, -40);
  if (people[3].hireDate >= people[3].endDate) people[3].hireDate = addDays(people[3].endDate, -300);
  people[12].originalHireDate = '2024-02-01';
  people[12].hireDate = addDays(period.from, -30);
  people.push(...newStarters(people, domain, period.from));
  return people;
}

/**
 * Starters who join during the window (onboarding training, policy acknowledgements and
 * background checks are tested on them), appended last with no draw from the random stream,
 * so every index above keeps its person.
 */
export const NEW_STARTERS = [
  { days: 12, department: 'Engineering', workerType: 'employee' },
  { days: 47, department: 'Applied AI', workerType: 'employee' },
  { days: 82, department: 'Customer Success', workerType: 'employee' },
  { days: 96, department: 'Engineering', workerType: 'contractor' },
  { days: 124, department: 'Security', workerType: 'employee' },
] as const;

function newStarters(people: DemoPerson[], domain: string, from: string): DemoPerson[] {
  const used = new Set(people.map((p) => `${p.firstName}.${p.lastName}`));
  const names = FIRST.flatMap((f) => LAST.map((l) => [f, l] as const)).filter(([f, l]) => !used.has(`${f}.${l}`));
  return NEW_STARTERS.map((s, i) => {
    const [first, last] = names[i * 37 % names.length];
    return {
      employeeNumber: String(1001 + people.length + i), firstName: first, lastName: last, email: `${first}.${last}@${domain}`.toLowerCase(),
      department: s.department, workerType: s.workerType, hireDate: addDays(from, s.days), oktaId: `00unew${String(i).padStart(14, '0')}`,
    };
  });
}
