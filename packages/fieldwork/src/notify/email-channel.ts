import { FieldworkError } from '@fieldwork/core';
import nodemailer from 'nodemailer';
import type { EmailChannelConfig } from './notifications-config.js';
import { DEFAULT_RETRY, TemporaryFailure, withRetries } from './retry.js';
import type { RetryPolicy } from './retry.js';

/** An email to send: one recipient, a text part and an HTML part. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

// Connection-level failures worth another attempt (nodemailer's error codes).
const TEMPORARY_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNRESET']);

/**
 * Sends email over SMTP with nodemailer. The password is read from the environment variable
 * the config names, at send time; a missing variable is a CONFIG_INVALID error naming it.
 * A 4xx reply or a dropped connection is retried (bounded); a 5xx reply fails at once.
 *
 * @example
 * const email = new EmailChannel(config.notifications.channels.email, process.env);
 * await email.send({ to: 'ana@example.com', subject, text, html });
 */
export class EmailChannel {
  readonly #config: Readonly<EmailChannelConfig>;
  readonly #env: NodeJS.ProcessEnv;
  readonly #retry: RetryPolicy;

  constructor(config: EmailChannelConfig, env: NodeJS.ProcessEnv, retry: RetryPolicy = DEFAULT_RETRY) {
    this.#config = Object.freeze({ ...config });
    this.#env = env;
    this.#retry = retry;
  }

  /** Throws CONFIG_INVALID when the password variable is named but not set. */
  credentials(): { user: string; pass: string } | undefined {
    const c = this.#config;
    if (!c.user) return undefined;
    if (!c.passwordEnv) return { user: c.user, pass: '' };
    const pass = this.#env[c.passwordEnv];
    if (!pass) {
      throw new FieldworkError('CONFIG_INVALID', `The SMTP password for ${c.user}@${c.host} comes from the environment variable ${c.passwordEnv}, which is not set.`, {
        where: { file: 'fieldwork.yaml', pointer: '/notifications/channels/email/passwordEnv' },
        hint: `Set ${c.passwordEnv} in the environment of \`fieldwork serve\` / \`fieldwork notify send\` (a CI secret, a systemd EnvironmentFile), never in fieldwork.yaml.`,
      });
    }
    return { user: c.user, pass };
  }

  async send(m: EmailMessage): Promise<{ attempts: number; messageId: string }> {
    const c = this.#config;
    const auth = this.credentials();
    const transport = nodemailer.createTransport({
      host: c.host, port: c.port,
      secure: c.security === 'tls', requireTLS: c.security === 'starttls', ignoreTLS: c.security === 'none',
      ...(auth ? { auth } : {}),
      connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000,
    });
    try {
      const { value, attempts } = await withRetries(async () => {
        try {
          return await transport.sendMail({ from: c.from, to: m.to, subject: m.subject, text: m.text, html: m.html });
        } catch (e) {
          const err = e as { responseCode?: number; code?: string; message?: string };
          const text = `SMTP ${c.host}:${c.port}: ${err.message ?? String(e)}`;
          if ((err.responseCode !== undefined && err.responseCode >= 400 && err.responseCode < 500) || (err.code && TEMPORARY_CODES.has(err.code))) throw new TemporaryFailure(text);
          throw new FieldworkError('API_FAILED', text, { hint: smtpHint(err) });
        }
      }, this.#retry);
      return { attempts, messageId: String(value.messageId ?? '') };
    } catch (e) {
      if (e instanceof TemporaryFailure) throw new FieldworkError('API_FAILED', e.message, { hint: 'The mail server kept answering with a temporary failure; the notices stay unsent and go out with the next digest.' });
      throw e;
    } finally {
      transport.close();
    }
  }
}

function smtpHint(err: { responseCode?: number; code?: string }): string {
  if (err.code === 'EAUTH') return 'The server refused the login: check notifications.channels.email.user and the password variable.';
  if (err.code === 'EENVELOPE') return 'The server refused a sender or recipient address: check notifications.channels.email.from and the person\'s email under owners.';
  if (err.code === 'EDNS') return 'The SMTP host name does not resolve: check notifications.channels.email.host.';
  return 'Check notifications.channels.email (host, port, security) in fieldwork.yaml; the notices stay unsent and go out with the next digest.';
}
