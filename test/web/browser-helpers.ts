import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A phone and a laptop. */
export const WIDTHS = [390, 1280] as const;

/**
 * The page as it stands, at each width: nothing wider than the window (no sideways
 * scrolling), and a full-page screenshot `<name>-<width>.png` in `shots`. Leaves the
 * window at the laptop's width.
 */
export async function fitsEveryWidth(page: Page, shots: string, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    const scrollWidth = await page.locator("html").evaluate((html) => html.scrollWidth);
    // What sticks out, to say why when it fails.
    const wide = await page
      .locator("body *")
      .evaluateAll((all, w) => all.filter((e) => e.getBoundingClientRect().right > w + 0.5).slice(0, 5).map((e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute("class") ?? ""}">`), width);
    expect(scrollWidth, `${name} at ${width} px: ${wide.join(" ")}`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
  }
}
