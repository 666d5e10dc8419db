import { Layout } from './layout.js';
import type { Frame } from './layout.js';

/** The sign-in form: paste an API token; the server keeps it in an HttpOnly cookie. */
export function LoginPage(d: { frame: Frame; next: string; failed?: boolean }) {
  return (
    <Layout frame={d.frame} title="Sign in">
      <h1>Sign in</h1>
      {d.failed ? <p class="notice bad" role="alert">That token is not valid.</p> : null}
      <form method="post" action="/login">
        <input type="hidden" name="next" value={d.next} />
        <p><label>API token<br /><input type="password" name="token" autocomplete="current-password" required /></label></p>
        <p><button type="submit" class="primary">Sign in</button></p>
      </form>
      <p class="muted">Tokens come from <code>fieldwork serve token create</code>; ask the workspace admin for one.</p>
    </Layout>
  );
}
