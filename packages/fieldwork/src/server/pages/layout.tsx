import type { Child } from 'hono/jsx';
import type { Citation } from '@fieldwork/core';
import type { Principal } from '../server-tokens.js';

/** What every page's frame shows: the organization, who is signed in and whether htmx is served. */
export interface Frame {
  organization: string;
  principal?: Principal;
  /** True when `<workspace>/.fieldwork/assets/htmx.min.js` exists; pages work without it. */
  htmx: boolean;
  /** False on an --insecure-local server, where there is no session to end. */
  signOut: boolean;
}

/**
 * The page frame: header with navigation and the signed-in role, then the page. Every value is
 * interpolated through JSX, which escapes it; no page uses raw HTML.
 */
export function Layout(props: { frame: Frame; title: string; children?: Child }) {
  const { frame } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${frame.organization} · Fieldwork`}</title>
        <link rel="stylesheet" href="/assets/fieldwork.css" />
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml" />
        {frame.htmx ? <script src="/assets/htmx.min.js" defer></script> : null}
      </head>
      <body hx-boost={frame.htmx ? 'true' : undefined}>
        <header>
          <span class="org">{frame.organization}</span>
          {frame.principal ? (
            <nav>
              <a href="/">Overview</a>
              <a href="/trends">Trends</a>
              <a href="/ledger">Ledger</a>
              <a href="/plan">90-day plan</a>
              <a href="/evidence">Evidence requests</a>
              <a href="/ai-register">AI register</a>
              <a href="/frameworks">Frameworks</a>
              <a href="/risks">Risks</a>
              <a href="/jobs">Scheduled runs</a>
              <a href="/api/evidence-map">Evidence map (JSON)</a>
            </nav>
          ) : <nav />}
          {frame.principal ? (
            <>
              <span class="muted" data-role={frame.principal.role}>{frame.principal.name} · <b>{frame.principal.role}</b>{frame.principal.role === 'auditor' ? ' (read-only)' : frame.principal.role === 'approver' ? ' (reads, decides on evidence)' : ''}</span>
              {frame.signOut ? <form method="post" action="/logout"><button type="submit">Sign out</button></form> : null}
            </>
          ) : null}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

const LABELS: Record<string, string> = {
  pass: 'pass', exception: 'exception', insufficient_evidence: 'insufficient evidence', not_tested: 'not tested',
  effective: 'effective', effective_with_exceptions: 'effective with exceptions', not_effective: 'not effective',
  did_not_occur: 'did not occur', 'not run': 'not run',
  current: 'current', due_soon: 'due soon', overdue: 'overdue', missing: 'missing', not_applicable: 'not applicable', upcoming: 'upcoming',
};

/** A result or conclusion, coloured by class (readable without colour: the words carry it). */
export function Status(props: { status: string }) {
  return <span class={`status-${props.status}`}>{LABELS[props.status] ?? props.status.replace(/_/g, ' ')}</span>;
}

/** A citation as a link to the artifact's bytes, with the place inside it. */
export function Cite(props: { citation: Citation }) {
  const c = props.citation;
  return <a href={`/api/artifacts/${c.artifact}`} title={`artifact ${c.artifact}`}>{c.source} · {c.locator}</a>;
}

/** An ISO instant as `2026-09-30 14:05 UTC`; dates pass through. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.length > 10 ? `${iso.replace('T', ' ').slice(0, 16)} UTC` : iso;
}
