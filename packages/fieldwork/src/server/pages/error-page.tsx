import { Layout } from './layout.js';
import type { Frame } from './layout.js';

/** An error as a page, for browsers (the API answers JSON). */
export function ErrorPage(d: { frame: Frame; status: number; message: string; hint?: string }) {
  return (
    <Layout frame={d.frame} title={`Error ${d.status}`}>
      <h1>{d.status === 404 ? 'Not found' : d.status === 403 ? 'Not allowed' : 'Something went wrong'}</h1>
      <p>{d.message}</p>
      {d.hint ? <p class="muted">{d.hint}</p> : null}
      <p><a href="/">Back to the overview</a></p>
    </Layout>
  );
}
