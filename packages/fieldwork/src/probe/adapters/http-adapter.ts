import { FieldworkError } from '@fieldwork/core';
import { answered, denied } from '../probe-adapter.js';
import type { ProbeAdapter, ProbeAnswer } from '../probe-adapter.js';
import type { HttpProbeConfig, HttpRequestTemplate } from '../probe-config.js';

/** Status codes that mean "not for you": a refusal, which is what isolation looks like. */
const REFUSALS = new Set([400, 401, 403, 404, 410, 422]);

interface Vars {
  tenant: string;
  id: string;
  text: string;
}

function fill(template: string, v: Vars, encode: (s: string) => string): string {
  return template.replace(/\{\{\s*(tenant|id|text)\s*\}\}/g, (_, k: keyof Vars) => encode(v[k]));
}

function fillBody(body: unknown, v: Vars): unknown {
  if (typeof body === 'string') return fill(body, v, (s) => s);
  if (Array.isArray(body)) return body.map((b) => fillBody(b, v));
  if (body && typeof body === 'object') return Object.fromEntries(Object.entries(body).map(([k, b]) => [k, fillBody(b, v)]));
  return body;
}

/** `${NAME}` in a header value is read from the environment (tokens stay out of fieldwork.yaml). */
function expandEnv(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{([A-Z0-9_]+)\}/gi, (_, name: string) => {
    const v = env[name];
    if (v === undefined) throw new FieldworkError('CONFIG_INVALID', `probe.headers uses \${${name}}, which is not set in the environment.`, { hint: `export ${name}=… before running the probe.` });
    return v;
  });
}

/**
 * The probe against a platform's own HTTP API, described by request templates in the
 * workspace (`probe.write`, `query`, `get`, `update`, `delete` with `{{tenant}}`, `{{id}}`,
 * `{{text}}`). The tenant travels in `tenantHeader` (and wherever a template puts
 * `{{tenant}}`); the no-tenant request sends neither. 2xx is an answer (its body is searched
 * for canaries); 400/401/403/404/410/422 a refusal; anything else a failed attempt.
 *
 * @example
 * const adapter = httpAdapter({ baseUrl: 'http://127.0.0.1:8080', tenantHeader: 'X-Tenant-Id', write: { method: 'POST', path: '/memories', body: { id: '{{id}}', text: '{{text}}' } }, … })
 */
export function httpAdapter(config: HttpProbeConfig, opts: { fetch?: typeof fetch; env?: NodeJS.ProcessEnv } = {}): ProbeAdapter {
  const doFetch = opts.fetch ?? fetch;
  const env = opts.env ?? process.env;
  const headers = Object.fromEntries(Object.entries(config.headers).map(([k, v]) => [k, expandEnv(v, env)]));

  async function call(t: HttpRequestTemplate, tenant: string | undefined, id: string, text: string): Promise<{ status: number; body: string }> {
    const v = { tenant: tenant ?? '', id, text };
    const url = new URL(fill(t.path, v, encodeURIComponent), config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`);
    const h: Record<string, string> = { accept: 'application/json', ...headers };
    if (tenant !== undefined) h[config.tenantHeader] = tenant;
    let body: string | undefined;
    if (t.body !== undefined) {
      const b = fillBody(t.body, v);
      body = typeof b === 'string' ? b : JSON.stringify(b);
      h['content-type'] ??= 'application/json';
    }
    const res = await doFetch(url, { method: t.method, headers: h, ...(body !== undefined ? { body } : {}), signal: AbortSignal.timeout(config.timeoutMs) });
    return { status: res.status, body: await res.text() };
  }

  async function answer<T>(t: HttpRequestTemplate, tenant: string | undefined, id: string, text: string, map: (body: string) => T): Promise<ProbeAnswer<T>> {
    const r = await call(t, tenant, id, text);
    if (r.status >= 200 && r.status < 300) return answered(map(r.body));
    if (REFUSALS.has(r.status)) return denied(`HTTP ${r.status}`);
    throw new Error(`${t.method} ${t.path} answered HTTP ${r.status}${r.body ? `: ${r.body.slice(0, 200)}` : ''}`);
  }

  return {
    name: 'http',
    async write(tenant, id, text) {
      const r = await call(config.write, tenant, id, text);
      if (r.status < 200 || r.status >= 300) throw new Error(`${config.write.method} ${config.write.path} answered HTTP ${r.status}`);
    },
    query: (tenant, text) => answer(config.query, tenant, '', text, (body) => [body]),
    async get(tenant, id) {
      const r = await answer(config.get, tenant, id, '', (body) => body);
      return r.denied && r.detail === 'HTTP 404' ? answered(undefined) : r;
    },
    update: (tenant, id, text) => answer(config.update, tenant, id, text, () => true),
    delete: (tenant, id) => answer(config.delete, tenant, id, '', () => true),
  };
}
