import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The dashboard's stylesheet, served from /assets/fieldwork.css so pages need no inline style. */
export const DASHBOARD_CSS = `
:root { color-scheme: light dark; --fg: #1d1d1f; --muted: #6b6b70; --line: #d9d9de; --bg: #fff; --accent: #2a5bd7;
  --bad: #b3261e; --warn: #8a5a00; --ok: #1e6b34; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --muted: #a0a0a8; --line: #3a3a40; --bg: #17171a; --accent: #8ab0ff;
  --bad: #ff8a80; --warn: #ffcc66; --ok: #7fd99a; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .6rem 1.5rem; border-bottom: 1px solid var(--line); }
header .org { font-weight: 600; }
header nav { display: flex; gap: 1rem; flex: 1; }
header form { margin: 0; }
main { padding: 1rem 1.5rem 3rem; max-width: 1200px; }
a { color: var(--accent); }
h1 { font-size: 1.4rem; margin: .5rem 0; } h2 { font-size: 1.1rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
code, .mono { font-family: ui-monospace, monospace; font-size: .9em; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.status-exception, .status-not_effective, .bad { color: var(--bad); font-weight: 600; }
.status-insufficient_evidence, .status-effective_with_exceptions, .warn { color: var(--warn); font-weight: 600; }
.status-pass, .status-effective, .ok { color: var(--ok); }
.status-missing, .status-overdue { color: var(--bad); font-weight: 600; }
.status-due_soon { color: var(--warn); font-weight: 600; }
.status-current { color: var(--ok); }
.status-not_applicable, .status-upcoming { color: var(--muted, #666); }
form.evidence label { display: block; margin: .4rem 0; }
form.evidence textarea, form.evidence input[type=text] { font: inherit; width: 32rem; max-width: 100%; }
.cards { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; min-width: 8rem; }
.card b { display: block; font-size: 1.4rem; }
.notice { border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: .5rem .9rem; margin: 1rem 0; }
.actions { display: flex; gap: .75rem; margin: 1rem 0; }
.actions form { margin: 0; }
button { font: inherit; padding: .35rem .9rem; border: 1px solid var(--line); border-radius: 5px; background: var(--bg); color: var(--fg); cursor: pointer; }
button.primary { background: var(--accent); color: var(--bg); border-color: var(--accent); }
input[type=password] { font: inherit; padding: .35rem; width: 28rem; max-width: 100%; }
ol.trace { margin: .2rem 0 .8rem; }
.heatmap { margin: 1rem 0; } .heatmap svg { max-width: 100%; height: auto; }
.hm-low { fill: #cfe8d5; } .hm-medium { fill: #f6e3b4; } .hm-high { fill: #f3c0bb; }
.hm-filled { stroke: var(--fg); stroke-width: 1.5; }
.hm-count { font: 600 16px system-ui, sans-serif; fill: #1d1d1f; } .hm-axis { font: 12px system-ui, sans-serif; fill: var(--muted); }
.hm-text-high { color: var(--bad); } .hm-text-medium { color: var(--warn); }
form.risk label { display: block; margin: .5rem 0 .1rem; font-weight: 600; }
form.risk input, form.risk select, form.risk textarea { font: inherit; padding: .3rem; max-width: 100%; }
form.risk fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 1rem 0; }
`;

const htmxFile = (workspaceDir: string) => join(workspaceDir, '.fieldwork', 'assets', 'htmx.min.js');

/** True when the user placed htmx in `<workspace>/.fieldwork/assets/htmx.min.js` (we ship none). */
export function hasHtmx(workspaceDir: string): boolean {
  return existsSync(htmxFile(workspaceDir));
}

/** The htmx script's bytes, or undefined when not placed there. */
export function readHtmx(workspaceDir: string): Buffer | undefined {
  return hasHtmx(workspaceDir) ? readFileSync(htmxFile(workspaceDir)) : undefined;
}
