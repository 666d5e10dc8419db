import type { AckLinkState, RecordedAck } from '../../policies/index.js';
import { Layout } from './layout.js';
import type { Frame } from './layout.js';

/**
 * A person's one-time acknowledgement page: the policy version, its text and the SHA-256 of the
 * text, and one button that records the acknowledgement. No sign-in; the link is the credential.
 */
export function AckPage(d: { frame: Frame; token: string; link: AckLinkState; body?: string; textChanged: boolean }) {
  const { link } = d;
  return (
    <Layout frame={d.frame} title={`Acknowledge ${link.title}`}>
      <h1>{link.title} <span class="muted">v{link.version}</span></h1>
      <p>For <strong>{link.email}</strong>. This link works once, until {link.expiresAt}.</p>
      <p class="muted">Text SHA-256: <code>{link.bodySha256 ?? 'not recorded'}</code></p>
      {d.textChanged ? (
        <p class="notice bad" role="alert">The policy text has changed since this link was issued; this version can no longer be acknowledged. Ask for a new link.</p>
      ) : (
        <>
          {d.body ? <pre class="policy-text">{d.body}</pre> : null}
          <form method="post" action={`/ack/${d.token}`}>
            <p><button type="submit" class="primary">I have read and acknowledge {link.title} v{link.version}</button></p>
          </form>
        </>
      )}
    </Layout>
  );
}

/** What the person sees once the acknowledgement is recorded. */
export function AckRecordedPage(d: { frame: Frame; title: string; ack: RecordedAck }) {
  return (
    <Layout frame={d.frame} title="Acknowledged">
      <h1>Thank you</h1>
      <p>{d.ack.email} acknowledged {d.title} v{d.ack.version} at {d.ack.at}.</p>
      <p class="muted">Recorded as evidence: ledger entry #{d.ack.seq}, artifact <code>{d.ack.artifact}</code>.</p>
    </Layout>
  );
}
