import { citationOf, recordsOf } from '../../records/index.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';

/**
 * Each complementary user entity control (CUEC) a vendor's report expects of us is mapped to
 * one of our controls (`cuec.unmapped`), and that control's own result is not an exception
 * (`cuec.control_failing`). Runs after the other checks to read their results; a mapped
 * control that was not tested, or is not in scope, is noted rather than failed.
 */
export const cuecMappingCheck: Check = {
  id: 'vendor.cuec-mapping',
  title: 'Vendor CUECs mapped to our controls that operate',
  requires: ['cuec'],
  reads: ['cuec'],
  after: true,
  run(ctx) {
    const results = ctx.results;
    const status = (id: string) => results?.get(id) ?? results?.get(id.toUpperCase());
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    const notes: string[] = [];
    for (const c of recordsOf(ctx.records, 'cuec')) {
      // The vendor is what a person looks up; the CUEC id stays in the item id and the detail.
      const subject = c.vendor;
      const itemId = `${c.vendor} ${c.id}`;
      const trace: TraceStep[] = [{ label: 'CUEC', detail: `${c.vendor} ${c.id}: ${c.text}`, citation: citationOf(c) }];
      const mapped = c.mappedControl?.trim();
      if (!mapped) {
        exceptions.push({ rule: 'cuec.unmapped', subject, itemId, citations: [citationOf(c)], detail: `${c.vendor}'s CUEC ${c.id} ("${c.text}") is mapped to none of our controls.` });
      } else {
        const s = status(mapped);
        trace.push({ label: 'mapped control', detail: `${mapped}: ${s ?? 'no result'}` });
        if (s === 'exception') {
          exceptions.push({ rule: 'cuec.control_failing', subject, itemId, citations: [citationOf(c)], detail: `${c.vendor}'s CUEC ${c.id} relies on our control ${mapped}, whose own check found exceptions this period.` });
        } else if (s === undefined) {
          notes.push(`${itemId} maps to ${mapped}, which has no result in this run (unknown id or out of scope).`);
        } else if (s !== 'pass') {
          notes.push(`${itemId} maps to ${mapped}, whose result is ${s.replace('_', ' ')}.`);
        }
      }
      // The audit's unit is the CUEC itself: a vendor has several.
      items.push({ id: itemId, subject: itemId, trace });
    }
    if (!results) notes.push('Control results were not available; only the mapping itself was tested.');
    return {
      populationQuery: 'cuec records of every vendor; the mapped control\'s result in the same run',
      items,
      exceptions,
      notes,
    };
  },
};
