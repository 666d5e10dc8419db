import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { FieldMapping, readMappedCsv } from '../input/index.js';
import { POLICY_ACK_FIELDS, POLICY_ACK_REQUIRED, policyAcksCsvOptionsSchema } from './policy-acks-config.js';
import type { PolicyAcksCsvOptions } from './policy-acks-config.js';
import { mapPolicyAckRow } from './policy-acks-mapper.js';

/** Policy acknowledgements exported from an HR or e-signature system as CSV, through a column mapping. */
export const policyAcksCsvCollector: Collector<PolicyAcksCsvOptions> = {
  kind: 'policy-acks-csv',
  // An export lists acknowledgements as they were given: a log, each one a fact that stays.
  snapshotKinds: [],
  description: 'Policy acknowledgements as CSV (email, policy, version or sha256, acknowledged at, optional status) from an HR or e-signature export',
  options: policyAcksCsvOptionsSchema,
  mappingOption: 'columns',
  mediaType: 'text/csv',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const mapping = new FieldMapping(POLICY_ACK_FIELDS, options.columns);
    for await (const row of readMappedCsv(input, ctx, mapping, POLICY_ACK_REQUIRED, 'acknowledgements')) {
      const ack = mapPolicyAckRow(row, options, ctx.cite(`line ${row.line}`), input.displayName, ctx.timezone);
      if (ack) yield ack;
    }
  },
};
