// Helpers for the layout and focus checks of the accessibility specs: viewports that stand for
// zoom (a 1280 px laptop at 200 % is a 640 CSS px viewport at device scale 2, at 400 % 320 px at
// scale 4), WCAG 1.4.12's text spacing, sideways overflow, clipped text, where focus is, and a
// table's rows as Chromium's accessibility tree exposes them (what a screen reader is given).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { E2E } from './start-e2e.ts';

export interface View {
  readonly name: string;
  readonly width: number;
  readonly scale: number;
}

export const VIEWS: readonly View[] = [
  { name: '1280 px', width: 1280, scale: 1 },
  { name: '320 px', width: 320, scale: 1 },
  { name: '200 % zoom (640 px at scale 2)', width: 640, scale: 2 },
];

const sessions = new WeakMap<Page, CDPSession>();

async function cdpOf(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (session === undefined) {
    session = await page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

/** Sets the viewport's CSS width and device scale factor (Playwright's own call resets the scale). */
export async function setView(page: Page, view: View, height = 900): Promise<void> {
  await page.setViewportSize({ width: view.width, height });
  await (await cdpOf(page)).send('Emulation.setDeviceMetricsOverride', {
    width: view.width,
    height,
    deviceScaleFactor: view.scale,
    mobile: false,
  });
  const ratio = await page.evaluate(() => [window.innerWidth, window.devicePixelRatio]);
  if (ratio[0] !== view.width || ratio[1] !== view.scale)
    throw new Error(`viewport is ${ratio.join(' @ ')}, not ${view.width} @ ${view.scale}`);
}

/** WCAG 1.4.12's spacing, as the common bookmarklets apply it. */
export async function applyTextSpacing(page: Page): Promise<void> {
  await page.addStyleTag({
    content: `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
      word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`,
  });
}

/** How far the page scrolls sideways (0 when it fits). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Visible elements under `root` that cut their own text (overflow hidden or an ellipsis, with
 * more content than room), described as "tag.class: text".
 */
export function clippedTexts(page: Page, root: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const found: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(`${selector} *`)) {
      if (el.childElementCount > 0 && el.textContent === '') continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      if (el.closest('.visually-hidden') !== null) continue;
      const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      if (!clips || el.scrollWidth <= el.clientWidth + 1) continue;
      // A box that scrolls sideways shows its content by scrolling: not clipped.
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') continue;
      const hasOwnText = [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim());
      if (!hasOwnText && el.childElementCount > 0) continue;
      found.push(`${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').trim()}`);
    }
    return found;
  }, root);
}

/** The focused element: tag, its accessible-ish name and id/class, for messages and checks. */
export function focused(page: Page): Promise<{ tag: string; text: string; id: string; className: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? 'none',
      text: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim().slice(0, 80),
      id: el?.id ?? '',
      className: typeof el?.className === 'string' ? el.className : '',
    };
  });
}

/**
 * Records, from now on, whether focus ever rests on <body> in a frame (checked every animation
 * frame) until `stop` is called; returns how many frames it did.
 */
export async function watchFocusLoss(page: Page): Promise<() => Promise<number>> {
  // A string, not a function: the test runner's compiler would wrap a named inner function in a
  // helper the page does not have.
  await page.evaluate(`(() => {
    window.__lostFrames = 0;
    window.__watching = true;
    const tick = () => {
      const active = document.activeElement;
      if (active === null || active === document.body) window.__lostFrames++;
      if (window.__watching) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  return () => page.evaluate('(() => { window.__watching = false; return window.__lostFrames; })()');
}

export interface AxRow {
  /** 'columnheader' or 'cell' names, in order, of one row. */
  readonly roles: string[];
  readonly names: string[];
}

/** The rows of the first table matching `selector`, from Chromium's accessibility tree. */
export async function accessibleRows(page: Page, selector: string): Promise<AxRow[]> {
  const cdp = await cdpOf(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as {
    nodes: Array<{
      nodeId: string;
      ignored: boolean;
      role?: { value: string };
      name?: { value: string };
      childIds?: string[];
      backendDOMNodeId?: number;
    }>;
  };
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  if (nodeId === 0) throw new Error(`no ${selector}`);
  const { node } = await cdp.send('DOM.describeNode', { nodeId });
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const table = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId);
  if (table === undefined) throw new Error(`${selector} is not in the accessibility tree`);
  const rows: AxRow[] = [];
  const walk = (id: string) => {
    const n = byId.get(id);
    if (n === undefined) return;
    if (n.role?.value === 'row') {
      const cells = (n.childIds ?? [])
        .map((child) => byId.get(child))
        .filter((c) => c !== undefined && !c.ignored);
      rows.push({
        roles: cells.map((c) => c?.role?.value ?? ''),
        names: cells.map((c) => (c?.name?.value ?? '').trim()),
      });
      return;
    }
    for (const child of n.childIds ?? []) walk(child);
  };
  walk(table.nodeId);
  return rows;
}

/**
 * A PNG of what is in view (not the full page: at 320 px the recipients scroll with the page, which
 * is then taller than a screenshot may be).
 */
export async function viewShot(e2e: E2E, name: string): Promise<void> {
  await mkdir(e2e.artifacts, { recursive: true });
  await e2e.page.screenshot({ path: join(e2e.artifacts, `${name.replace(/[^\w.-]+/g, '-')}.png`) });
}
