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
.filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: center; margin: 1rem 0; }
.filters input[type=search], .filters select { font: inherit; padding: .25rem .4rem; background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 4px; }
.filters input[type=search] { width: 16rem; }
.chart { margin: .5rem 0 1rem; }
.chart svg { max-width: 100%; height: auto; overflow: visible; }
.chart .grid line { stroke: var(--line); stroke-width: 1; }
.chart .grid text { fill: var(--muted); font-size: 11px; }
.chart-small .grid text { font-size: 9px; }
.chart-spark .series path { stroke-width: 1.5; }
.series path { fill: none; stroke-width: 2; }
.series.stacked polygon { fill-opacity: .55; stroke-width: 1; }
.series circle { stroke: none; }
.series-pass, .series-closed { stroke: var(--ok); fill: var(--ok); color: var(--ok); }
.series-exception, .series-open, .series-overdue { stroke: var(--bad); fill: var(--bad); color: var(--bad); }
.series-insufficient_evidence, .series-opened { stroke: var(--warn); fill: var(--warn); color: var(--warn); }
.series-not_tested { stroke: var(--muted); fill: var(--muted); color: var(--muted); }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; margin: .2rem 0; }
.legend .swatch { display: inline-block; width: .9rem; height: .9rem; margin-right: .35rem; vertical-align: -.1rem; border-radius: 2px; }
.legend li { color: var(--fg); }
.legend li.series-pass .swatch { background: var(--ok); } .legend li.series-closed .swatch { background: var(--ok); }
.legend li.series-exception .swatch, .legend li.series-open .swatch, .legend li.series-overdue .swatch { background: var(--bad); }
.legend li.series-insufficient_evidence .swatch, .legend li.series-opened .swatch { background: var(--warn); }
.legend li.series-not_tested .swatch { background: var(--muted); }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: .75rem; }
.multiple { border: 1px solid var(--line); border-radius: 6px; padding: .3rem .5rem; }
.multiple h3 { font-size: .95rem; margin: .1rem 0; }
.multiple .chart { margin: 0; }
table.criteria .chart, table.controls .chart { margin: 0; }
.strip .cell-pass { fill: var(--ok); } .strip .cell-exception { fill: var(--bad); }
.strip .cell-insufficient_evidence { fill: var(--warn); } .strip .cell-not_tested { fill: var(--muted); }
.strip .cell-none { fill: none; stroke: var(--line); }
`;

/** The dashboard's icon (a browser asks for one; without it every page load logs a 404). */
export const DASHBOARD_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#2a5bd7"/><path d="M3 12l3-4 3 2 4-6" fill="none" stroke="#fff" stroke-width="2"/></svg>';

const htmxFile = (workspaceDir: string) => join(workspaceDir, '.fieldwork', 'assets', 'htmx.min.js');

/** True when the user placed htmx in `<workspace>/.fieldwork/assets/htmx.min.js` (we ship none). */
export function hasHtmx(workspaceDir: string): boolean {
  return existsSync(htmxFile(workspaceDir));
}

/** The htmx script's bytes, or undefined when not placed there. */
export function readHtmx(workspaceDir: string): Buffer | undefined {
  return hasHtmx(workspaceDir) ? readFileSync(htmxFile(workspaceDir)) : undefined;
}
