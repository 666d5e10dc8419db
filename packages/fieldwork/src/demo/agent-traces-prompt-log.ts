import { addDays } from '@fieldwork/core';
import type { Random } from './random.js';

const ASK = [
  'Where is my order? It was supposed to arrive on Monday.',
  'Can you check the status of my last invoice?',
  'I was charged twice for the same subscription this month.',
  'Please cancel the add-on we bought last week.',
  'How do I export my workspace data to CSV?',
  // A place and a weekday but nobody's name: personal data of the weakest kind, below AGT-18's threshold.
  'Our office in Berlin is closed on Friday, can the delivery come on Thursday instead?',
  'The dashboard shows the wrong plan for our team.',
  'Can I get a refund for the unused seats?',
];
const ANSWER = [
  'I found your account. The order shipped yesterday and should arrive within two days.',
  'Your last invoice is paid in full; no balance is due.',
  'I see the duplicate charge and have opened a refund for it.',
  'The add-on is cancelled; it will not renew at the next billing date.',
  'Go to Settings, then Data, then Export, and pick CSV.',
  'Sure, I moved the delivery to Thursday morning.',
  'I corrected the plan on your workspace; it now shows Team.',
  'I requested a refund for the unused seats; it needs a few days to appear.',
];

export interface PromptLogPlan {
  from: string;
  to: string;
  tenants: readonly string[];
  users: (tenant: string) => string[];
  /** Stale conversations the purge job missed (day → count). */
  stale: { day: string; conversations: number };
  /** Messages with a (test) card number pasted in: day → card. */
  cards: { day: string; card: string }[];
  /** Messages where a customer writes who and where they are: day → text (synthetic person). */
  personal?: { day: string; text: string }[];
}

/**
 * A prompt-log store export (one message per line, as the store's export API writes it):
 * conversations of the last month, a few stale ones the purge job missed, users who pasted a
 * card number, and users who wrote their name, home address and date of birth. All values are
 * synthetic; the cards are public test numbers.
 */
export function promptLogExport(rng: Random, plan: PromptLogPlan): { text: string; stale: string[]; pii: string[] } {
  const lines: string[] = [];
  const stale: string[] = [];
  const pii: string[] = [];
  let n = 0;
  const conversation = (day: string, tenant: string, card?: string, personal?: string) => {
    const user = rng.pick(plan.users(tenant));
    const conv = `conv-${rng.hex(10)}`;
    let t = Date.parse(`${day}T15:00:00Z`) + rng.int(0, 9 * 60) * 60_000;
    const turns = rng.int(1, 3);
    const ids: string[] = [];
    for (let i = 0; i < turns; i++) {
      const k = rng.int(0, ASK.length - 1);
      const planted = i === 0 && (card !== undefined || personal !== undefined);
      const ask = planted ? (personal ?? `Please refund my last payment, the card was ${card} and it expired.`) : ASK[k];
      for (const [role, content] of [['user', ask], ['assistant', ANSWER[k]]] as const) {
        const id = `msg-${String(++n).padStart(6, '0')}`;
        ids.push(id);
        if (planted && role === 'user') pii.push(id);
        lines.push(JSON.stringify({ id, timestamp: new Date(t).toISOString(), tenant, conversation_id: conv, role, content, user }));
        t += rng.int(5, 90) * 1000;
      }
    }
    return ids;
  };
  for (let c = 0; c < plan.stale.conversations; c++) stale.push(...conversation(plan.stale.day, rng.pick(plan.tenants)));
  for (let day = plan.from; day <= plan.to; day = addDays(day, 1)) {
    const cards = plan.cards.filter((x) => x.day === day);
    for (const c of cards) conversation(day, rng.pick(plan.tenants), c.card);
    for (const p of (plan.personal ?? []).filter((x) => x.day === day)) conversation(day, rng.pick(plan.tenants), undefined, p.text);
    for (let c = rng.int(3, 5); c > 0; c--) conversation(day, rng.pick(plan.tenants));
  }
  return { text: lines.join('\n') + '\n', stale, pii };
}
