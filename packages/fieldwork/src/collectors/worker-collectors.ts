import type { Collector } from './collector.js';

/**
 * Kinds whose large artifacts are parsed in a worker thread while the main thread writes the
 * records (see ParseWorker), and how the worker loads each one: its own module only, not the
 * registry of every collector, so the thread starts in a fraction of the time.
 */
const loaders: Record<string, () => Promise<Collector<any>>> = {
  'otlp-json': async () => (await import('./otlp/otlp-collector.js')).otlpCollector,
};

/** True when artifacts of `kind` may be parsed in a worker thread. */
export function parsesInWorker(kind: string): boolean {
  return Object.hasOwn(loaders, kind);
}

/** The collector of `kind`, loaded in the worker thread. */
export function workerCollector(kind: string): Promise<Collector<any>> {
  const load = loaders[kind];
  if (!load) throw new Error(`No worker parser for kind "${kind}".`);
  return load();
}
