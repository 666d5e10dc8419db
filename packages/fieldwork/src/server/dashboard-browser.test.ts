import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredCheckRun } from '../pipeline/check-workspace.js';
import { generateDemo, submitDemoEvidence } from '../demo/index.js';
import { listRequests } from '../manual-evidence/index.js';
import { checkWorkspace } from '../pipeline/check-workspace.js';
import { collectWorkspace } from '../pipeline/collect-workspace.js';
import { FieldworkStore } from '../store/index.js';
import { openChromium, screenshot } from '../testing/browser-screenshot.js';
import type { ChromiumSession, Screenshot } from '../testing/browser-screenshot.js';
import { loadWorkspace } from '../workspace/index.js';
import { createToken } from './server-tokens.js';
import { startServer } from './start-server.js';
import type { RunningServer } from './start-server.js';

// The demo's Type II window, checked at five month ends: five stored runs to draw.
const AS_OF = ['2026-05-31', '2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30'];
const NOW = () => new Date('2026-10-15T17:00:00Z');

/** A screenshot worth looking at: a real PNG, the viewport's width, taller than a blank page, not a few bytes of one colour. */
function expectNonTrivial(s: Screenshot, minHeight: number) {
  expect(s.width).toBe(1280);
  expect(s.height).toBeGreaterThanOrEqual(minHeight);
  expect(s.bytes).toBeGreaterThan(40_000);
}

describe('the dashboard in Chromium: trends and filters over stored check runs', () => {
  const token = createToken();
  let root: string;
  let shots: string;
  let store: FieldworkStore;
  let server: RunningServer;
  let browser: ChromiumSession;
  let ws: ReturnType<typeof loadWorkspace>;
  const runs: StoredCheckRun[] = [];
  const requested: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fw-browser-'));
    // Kept when FIELDWORK_SCREENSHOT_DIR names a folder (to look at them, or keep them as CI artifacts).
    shots = process.env.FIELDWORK_SCREENSHOT_DIR ?? join(root, 'screenshots');
    mkdirSync(shots, { recursive: true });
    const dir = join(root, 'demo');
    const demo = generateDemo(dir, 1);
    const file = join(dir, 'fieldwork.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nserver:\n  tokens:\n    - { name: maya, role: owner, sha256: ${token.sha256} }\n`);
    ws = loadWorkspace(dir);
    store = await FieldworkStore.open(FieldworkStore.locationFor(dir, {}));
    await collectWorkspace(ws, store);
    // The demo's manual evidence (accepted, with a late, a missing and a rejected request planted), as `fieldwork demo` submits it.
    await submitDemoEvidence(ws, store, demo.evidence);
    for (const to of AS_OF) runs.push(await checkWorkspace(ws, store, { from: ws.config.scope.report.type === 2 ? ws.config.scope.report.from : undefined, to }, NOW()));
    server = await startServer({ workspaceDir: dir, store, auth: { mode: 'tokens', tokens: [] }, now: NOW }, { port: 0, host: '127.0.0.1' });
    browser = await openChromium();
    browser.page.on('request', (r) => requested.push(r.url()));
    browser.page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    // Signed in as a person would: the login form sets the session cookie.
    await browser.page.goto(`${server.url}/trends`);
    await browser.page.fill('input[name=token]', token.token);
    await Promise.all([browser.page.waitForURL(`${server.url}/trends`), browser.page.click('button[type=submit].primary')]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const latest = () => runs.at(-1) as StoredCheckRun;
  const count = (run: StoredCheckRun, status: string) => run.results.filter((r) => r.status === status).length;

  it('draws the history of every run as SVG charts with titles, descriptions and the numbers as tables', async () => {
    const page = browser.page;
    expect(await page.title()).toMatch(/^Trends · Relay Labs/);
    const status = page.locator('figure[data-chart=status]');
    expect(await status.locator('svg[role=img] > title').textContent()).toBe('Controls by status, run by run');
    expect(await status.locator('svg > desc').textContent()).toMatch(/5 check runs/);
    expect(await status.locator('g.series').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-series')))).toEqual(['pass', 'exception', 'insufficient_evidence', 'not_tested']);
    // One point per run in every series, and the stacked bands reach the number of controls.
    expect(await status.locator('g.series-pass circle').count()).toBe(AS_OF.length);
    const table = await status.locator('table.chart-data tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(table.map((r) => r[0])).toEqual(runs.map((r) => `${r.asOf} (run #${r.runId})`));
    expect(table.map((r) => r.slice(1).map(Number))).toEqual(runs.map((r) => [count(r, 'pass'), count(r, 'exception'), count(r, 'insufficient_evidence'), count(r, 'not_tested')]));
    const exceptions = page.locator('figure[data-chart=exceptions]');
    expect(await exceptions.locator('g.series').count()).toBe(3);
    const open = await exceptions.locator('table.chart-data tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.children[1].textContent)));
    expect(open.at(-1)).toBe(new Set(latest().results.flatMap((r) => r.exceptions.map((e) => `${r.control}|${e.rule}|${e.subject}|${e.itemId ?? ''}`))).size);
    // Overdue evidence requests: the latest run's count is what the requests page counts past due at that date.
    const requests = page.locator('figure[data-chart=requests]');
    expect(await requests.locator('g.series').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-series')))).toEqual(['overdue']);
    const overdue = await requests.locator('table.chart-data tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.children[1].textContent)));
    const pastDue = (await listRequests(ws, store, { asOf: latest().asOf }, NOW())).requests.filter((r) => r.status === 'overdue' || r.status === 'missing');
    expect(overdue).toHaveLength(AS_OF.length);
    expect(overdue.at(-1)).toBe(pastDue.length);
    expect(pastDue.length).toBeGreaterThan(0);
    const categories = new Set(latest().controls.filter((c) => latest().results.some((r) => r.control === c.id)).map((c) => c.category));
    expect(await page.locator('.multiple svg[role=img]').count()).toBe(categories.size);
    expect(await page.locator('table.criteria tbody tr').count()).toBeGreaterThan(20);
    expect(await page.locator('table.controls tbody tr').count()).toBe(latest().results.length);
    expectNonTrivial(await screenshot(page, shots, 'trends'), 2000);
  });

  it('narrows every chart with the category filter, keeping the choice in the URL', async () => {
    const page = browser.page;
    await page.selectOption('form.filters select[name=category]', 'access');
    await Promise.all([page.waitForURL(/category=access/), page.click('form.filters button[type=submit]')]);
    const access = latest().controls.filter((c) => c.category === 'access').map((c) => c.id).filter((id) => latest().results.some((r) => r.control === id));
    expect(await page.locator('table.controls tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-control')))).toEqual([...access].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    expect(await page.locator('.multiple').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-category')))).toEqual(['access']);
    const passing = await page.locator('figure[data-chart=status] table.chart-data tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.children[1].textContent)));
    expect(passing).toEqual(runs.map((r) => r.results.filter((x) => access.includes(x.control) && x.status === 'pass').length));
    expect(await page.locator('select[name=category] option[selected]').textContent()).toBe('access');
    expectNonTrivial(await screenshot(page, shots, 'trends-access'), 900);
  });

  it('finds controls with the search box, and shows the history of what fails today with the status filter', async () => {
    const page = browser.page;
    const target = latest().results.find((r) => r.status === 'exception') ?? latest().results[0];
    await page.goto(`${server.url}/trends`);
    await page.fill('form.filters input[name=q]', target.control.toLowerCase());
    await Promise.all([page.waitForURL(/q=/), page.press('form.filters input[name=q]', 'Enter')]);
    expect(await page.locator('table.controls tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-control')))).toEqual([target.control]);
    expect(await page.locator('[data-summary]').textContent()).toContain(`matching “${target.control.toLowerCase()}”`);
    await page.goto(`${server.url}/trends?status=exception`);
    expect(await page.locator('table.controls tbody tr').count()).toBe(count(latest(), 'exception'));
    await page.goto(`${server.url}/trends?q=${encodeURIComponent('no control is called this')}`);
    expect(await page.locator('table.controls tbody tr').count()).toBe(0);
    expect(await page.locator('p.notice[role=status]').textContent()).toMatch(/No control matches/);
  });

  it('filters the overview’s control list the same way', async () => {
    const page = browser.page;
    await page.goto(`${server.url}/?status=exception`);
    expect(await page.locator('table.controls tbody tr').count()).toBe(count(latest(), 'exception'));
    expect(await page.locator('[data-shown]').textContent()).toMatch(new RegExp(`^${count(latest(), 'exception')} of ${latest().results.length} controls match`));
    await page.goto(`${server.url}/`);
    expect(await page.locator('table.controls tbody tr').count()).toBe(latest().results.length);
    expectNonTrivial(await screenshot(page, shots, 'overview'), 1500);
  });

  it('shows a control’s status in every run on its page, linking to its trend', async () => {
    const page = browser.page;
    const changed = latest().results.find((r) => runs.some((run) => run.results.find((x) => x.control === r.control)?.status !== r.status)) ?? latest().results[0];
    await page.goto(`${server.url}/controls/${changed.control}`);
    const cells = await page.locator('[data-history] svg.strip rect').evaluateAll((rs) => rs.map((r) => r.getAttribute('class')));
    expect(cells).toEqual(runs.map((run) => `cell cell-${run.results.find((x) => x.control === changed.control)?.status ?? 'none'}`));
    await Promise.all([page.waitForURL(/\/trends\?q=/), page.click('[data-history] a')]);
    expect(await page.locator('table.controls tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-control')))).toContain(changed.control);
  });

  it('lists the evidence requests with their owners, due dates and statuses', async () => {
    const page = browser.page;
    await page.goto(`${server.url}/evidence`);
    const all = (await listRequests(ws, store, {}, NOW())).requests;
    expect(await page.locator('h1').textContent()).toBe('Evidence requests');
    expect(await page.locator('main table tbody tr').count()).toBe(all.length);
    const statuses = await page.locator('main table tbody tr td:nth-child(5)').allTextContents();
    for (const s of ['current', 'missing']) expect(statuses).toContain(s);
    expectNonTrivial(await screenshot(page, shots, 'evidence-requests'), 1500);
    await page.selectOption('form[action="/evidence"] select[name=status]', 'missing');
    await Promise.all([page.waitForURL(/status=missing/), page.click('form[action="/evidence"] button[type=submit]')]);
    expect(await page.locator('main table tbody tr').count()).toBe(all.filter((r) => r.status === 'missing').length);
    expectNonTrivial(await screenshot(page, shots, 'evidence-requests-missing'), 700);
  });

  it('loads nothing from anywhere else and breaks no content-security rule', () => {
    expect(requested.length).toBeGreaterThan(5);
    expect(requested.filter((u) => !u.startsWith(server.url))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
