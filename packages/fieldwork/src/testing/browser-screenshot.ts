import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); `.ci/run` installs it. Nothing is downloaded. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet headless Chromium that calls nobody (no updates, sync or background fetches). */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A Chromium with its own fresh profile folder, removed on close. */
export interface ChromiumSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Launches Chromium through playwright-core with a fresh `--user-data-dir` and one page. */
export async function openChromium(o: { width?: number; height?: number } = {}): Promise<ChromiumSession> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (never \`npx playwright install\`).`);
  const profile = mkdtempSync(join(tmpdir(), 'fieldwork-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: o.width ?? 1280, height: o.height ?? 900 }, colorScheme: 'light',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context, page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A PNG's width and height, read from its IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG file');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A screenshot as written: where, how many bytes, how large. */
export interface Screenshot {
  path: string;
  bytes: number;
  width: number;
  height: number;
}

/** Saves a full-page PNG of what the page shows now into `dir` as `name.png`. */
export async function screenshot(page: Page, dir: string, name: string): Promise<Screenshot> {
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  const buf = readFileSync(path);
  return { path, bytes: buf.length, ...pngSize(buf) };
}
