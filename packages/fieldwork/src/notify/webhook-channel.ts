import { FieldworkError } from '@fieldwork/core';
import type { WebhookChannelConfig } from './notifications-config.js';
import { DEFAULT_RETRY, TemporaryFailure, withRetries } from './retry.js';
import type { RetryPolicy } from './retry.js';

/**
 * Posts JSON to a Slack-compatible incoming webhook. The URL is a secret read from the
 * environment variable the config names, and is never printed (errors name the variable).
 * A 5xx, a 429 or a network failure is retried (bounded, honouring Retry-After); other
 * statuses fail at once.
 *
 * @example
 * await new WebhookChannel({ urlEnv: 'FIELDWORK_WEBHOOK_URL' }, process.env).post({ text: 'hello' });
 */
export class WebhookChannel {
  readonly #config: Readonly<WebhookChannelConfig>;
  readonly #env: NodeJS.ProcessEnv;
  readonly #retry: RetryPolicy;
  readonly #fetch: typeof fetch;

  constructor(config: WebhookChannelConfig, env: NodeJS.ProcessEnv, o: { retry?: RetryPolicy; fetch?: typeof fetch } = {}) {
    this.#config = Object.freeze({ ...config });
    this.#env = env;
    this.#retry = o.retry ?? DEFAULT_RETRY;
    this.#fetch = o.fetch ?? fetch;
  }

  /** Throws CONFIG_INVALID when the URL variable is not set or is not an http(s) URL. */
  url(): string {
    const name = this.#config.urlEnv;
    const value = this.#env[name];
    const where = { file: 'fieldwork.yaml', pointer: '/notifications/channels/webhook/urlEnv' };
    if (!value) {
      throw new FieldworkError('CONFIG_INVALID', `The webhook URL comes from the environment variable ${name}, which is not set.`, {
        where, hint: `Set ${name} to the incoming-webhook URL (Slack: Apps → Incoming Webhooks) in the environment of \`fieldwork serve\` / \`fieldwork notify send\`.`,
      });
    }
    if (!/^https?:\/\//i.test(value)) {
      throw new FieldworkError('CONFIG_INVALID', `The environment variable ${name} does not hold an http(s) URL.`, { where, hint: 'Set it to the full incoming-webhook URL, e.g. https://hooks.slack.com/services/….' });
    }
    return value;
  }

  async post(payload: unknown): Promise<{ attempts: number }> {
    const url = this.url();
    const name = this.#config.urlEnv;
    try {
      const { attempts } = await withRetries(async () => {
        let res: Response;
        try {
          res = await this.#fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(10_000) });
        } catch (e) {
          throw new TemporaryFailure(`the webhook ($${name}) could not be reached: ${(e as Error).message}`);
        }
        const body = (await res.text().catch(() => '')).slice(0, 200);
        if (res.ok) return;
        const message = `the webhook ($${name}) answered ${res.status}${body ? `: ${body}` : ''}`;
        if (res.status >= 500 || res.status === 429) throw new TemporaryFailure(message, retryAfterMs(res.headers.get('retry-after')));
        throw new FieldworkError('API_FAILED', message, {
          hint: res.status === 404 || res.status === 403 || res.status === 410
            ? `The webhook was removed or revoked: create a new one and put its URL in ${name}.`
            : 'The receiver refused the payload; the notices stay unsent and go out with the next digest.',
        });
      }, this.#retry);
      return { attempts };
    } catch (e) {
      if (e instanceof TemporaryFailure) throw new FieldworkError('API_FAILED', e.message, { hint: 'The receiver kept failing; the notices stay unsent and go out with the next digest.' });
      throw e;
    }
  }
}

function retryAfterMs(h: string | null): number | undefined {
  if (!h) return undefined;
  const s = Number(h);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}
