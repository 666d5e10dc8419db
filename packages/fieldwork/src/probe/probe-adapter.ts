/** What a store answered: refused (the request was denied, or found nothing it may show), or a value. */
export type ProbeAnswer<T> = { denied: true; detail: string } | { denied: false; value: T };

/**
 * The seam between the probe and a platform's tenant store. Each method acts as the given
 * tenant (or with no tenant context for `query(undefined, …)`); a thrown error means the
 * attempt could not be made, which leaves isolation unproven.
 *
 * @example
 * const adapter: ProbeAdapter = memoryAdapter();
 * await adapter.write('tenant-a', 'doc-1', 'hello');
 */
export interface ProbeAdapter {
  /** `http`, `postgres`, `memory`. */
  readonly name: string;
  /** Checks the set-up before anything is written; returns facts worth recording in the run. */
  prepare?(): Promise<string[]>;
  write(tenant: string, id: string, text: string): Promise<void>;
  /** Texts of what a similarity/text query returned. */
  query(tenant: string | undefined, text: string): Promise<ProbeAnswer<string[]>>;
  get(tenant: string, id: string): Promise<ProbeAnswer<string | undefined>>;
  update(tenant: string, id: string, text: string): Promise<ProbeAnswer<unknown>>;
  delete(tenant: string, id: string): Promise<ProbeAnswer<unknown>>;
  close?(): Promise<void>;
}

/** A refusal. */
export const denied = (detail: string): ProbeAnswer<never> => ({ denied: true, detail });
/** An answer. */
export const answered = <T>(value: T): ProbeAnswer<T> => ({ denied: false, value });
