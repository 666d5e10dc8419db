import { FieldworkError } from '@fieldwork/core/errors';
import type { Where } from '@fieldwork/core/errors';
import type { ArtifactInput } from '../collector.js';
import { iterateJsonItems, pointer } from '../input/index.js';
import { unwrapAwsResponse } from './aws-envelope.js';

/** One entry found in an AWS export, with where it sits. */
export interface AwsEntry<T extends string> {
  type: T;
  value: Record<string, unknown>;
  /** Record locator: `/BackupJobs/3`, `/data/RecoveryPoints/0`, or `line 2#/BackupJobs/0` for JSON Lines. */
  locator: string;
  where: Where;
}

/**
 * How a response object is read: the arrays of entries it holds (`BackupJobs` → `job`), a test
 * for an object that is itself an entry (DescribeBackupJob), and the error for anything else.
 */
export interface AwsShape<T extends string> {
  lists: Record<string, T>;
  single(body: Record<string, unknown>): T | undefined;
  wrong(body: Record<string, unknown>, where: Where): Error;
}

/** Arrays nest this deep at most; real exports nest two or three levels (pages of responses). */
export const MAX_AWS_NESTING = 64;

/**
 * Walks every entry of an AWS CLI/API export: one response, a JSON array of responses or
 * entries (`--query BackupJobs`), JSON Lines of pages, or a placebo recording.
 */
export async function* awsEntries<T extends string>(input: ArtifactInput, shape: AwsShape<T>): AsyncGenerator<AwsEntry<T>> {
  for await (const item of iterateJsonItems(input)) {
    const prefix = item.line !== undefined ? `${item.locator}#` : '';
    const base = item.line !== undefined ? '' : item.locator;
    // An element of a streamed top-level array (`/3`) already sits one level down.
    yield* walk(item.value, base, base ? base.split('/').length - 1 : 0);

    function* walk(value: unknown, ptr: string, depth: number): Generator<AwsEntry<T>> {
      const where: Where = { file: input.displayName, ...(item.line !== undefined ? { line: item.line } : {}), pointer: ptr || '/' };
      if (Array.isArray(value)) {
        // Bounded so a pathological file is refused as bad input instead of overflowing the stack.
        if (depth >= MAX_AWS_NESTING) {
          throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} nests arrays more than ${MAX_AWS_NESTING} levels deep; no AWS export does.`, {
            where, hint: 'Export the responses again with the AWS CLI (one response per file, a JSON array of them, or one per line).',
          });
        }
        for (const [i, v] of value.entries()) yield* walk(v, pointer(ptr, i), depth + 1);
        return;
      }
      if (!value || typeof value !== 'object') throw shape.wrong({}, where);
      const { body, pointer: bodyPtr } = unwrapAwsResponse(value as Record<string, unknown>, ptr);
      const list = Object.keys(shape.lists).find((k) => Array.isArray(body[k]));
      if (list) {
        for (const [i, v] of (body[list] as unknown[]).entries()) {
          const p = pointer(bodyPtr, list, i);
          if (!v || typeof v !== 'object' || Array.isArray(v)) throw shape.wrong({}, { ...where, pointer: p });
          yield { type: shape.lists[list], value: v as Record<string, unknown>, locator: prefix + p, where: { ...where, pointer: p } };
        }
        return;
      }
      const single = shape.single(body);
      if (single) {
        yield { type: single, value: body, locator: bodyPtr ? prefix + bodyPtr : item.line !== undefined ? item.locator : '/', where: { ...where, pointer: bodyPtr || '/' } };
        return;
      }
      throw shape.wrong(body, { ...where, pointer: bodyPtr || '/' });
    }
  }
}
