import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import { parsePolicy } from '../../policies/index.js';
import type { Collector } from '../collector.js';
import { readJsonDocument } from '../input/index.js';
import { approvalFileSchema, policiesOptionsSchema } from './policies-config.js';
import type { PoliciesOptions } from './policies-config.js';
import { mapApproval, mapPolicy } from './policies-mapper.js';

async function text(input: { open(): NodeJS.ReadableStream }): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of input.open()) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The workspace's policies: Markdown files with front matter, and approval records (JSON). */
export const policiesCollector: Collector<PoliciesOptions> = {
  kind: 'policies-md',
  snapshotKinds: ['policy', 'policy_approval'],
  description: 'Policy documents (policies/*.md with front matter) and approvals written by `fieldwork policy approve`',
  options: policiesOptionsSchema,
  mediaType: 'text/markdown',
  fileTypes: ['.md', '.json'],
  async *parse(input, _options, ctx): AsyncGenerator<FieldworkRecord> {
    if (input.displayName.endsWith('.json')) {
      const doc = await readJsonDocument(input);
      const parsed = approvalFileSchema.safeParse(doc);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} is not a policy approval record (${issue.path.join('.')}: ${issue.message}).`, {
          where: { file: input.displayName, pointer: `/${issue.path.join('/')}` }, hint: 'Approvals are written by `fieldwork policy approve ID --by NAME`; do not edit them by hand.',
        });
      }
      yield mapApproval(parsed.data, ctx.cite('/'));
      return;
    }
    if (!input.displayName.endsWith('.md')) return;
    const p = parsePolicy(await text(input), input.displayName);
    yield mapPolicy(p, ctx.cite('line 1'));
  },
};
