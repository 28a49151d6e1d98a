// Launches Debian's Chromium through playwright-core (never a downloaded browser). Each launch gets
// a fresh temporary profile from Playwright, deleted on close. Playwright turns the pop-up
// blocker off by default; a test of pop-up sign-in wants the real blocker, so it can be kept on.
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that work headless as root on this kind of machine (see shared/notes/toolchain.md). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /** Keep Chromium's pop-up blocker on: a pop-up opens only during a user gesture. Default true. */
  readonly popupBlocker?: boolean;
}

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    ...(options.popupBlocker === false ? {} : { ignoreDefaultArgs: ['--disable-popup-blocking'] }),
  });
}
