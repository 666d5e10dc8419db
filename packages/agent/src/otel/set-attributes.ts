/**
 * The one method of an OpenTelemetry `Span` these helpers need, so the SDK works with any
 * OpenTelemetry version without depending on `@opentelemetry/api`.
 *
 * @example
 * ```ts
 * import type { AttributeSink } from '@fieldwork/agent/otel';
 * const seen: Record<string, unknown> = {};
 * const sink: AttributeSink = { setAttribute: (k, v) => (seen[k] = v) };
 * ```
 */
export interface AttributeSink {
  setAttribute(key: string, value: string | number | boolean): unknown;
}

/**
 * Sets every attribute on a span (or anything with `setAttribute`), skipping `undefined` values,
 * and returns the span.
 *
 * @example
 * ```ts
 * import { setAttributes, tenantAttributes } from '@fieldwork/agent/otel';
 * const seen: Record<string, unknown> = {};
 * const span = { setAttribute: (k: string, v: unknown) => (seen[k] = v) };
 * setAttributes(span, { ...tenantAttributes({ tenantId: 'acme' }), 'app.retries': 2 });
 * console.log(seen); // { 'tenant.id': 'acme', 'app.retries': 2 }
 * ```
 */
export function setAttributes<S extends AttributeSink>(
  span: S,
  attrs: Readonly<Record<string, string | number | boolean | undefined>>,
): S {
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) span.setAttribute(key, value);
  }
  return span;
}
