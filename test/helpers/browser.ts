import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium (scripts/install-chromium.sh installs it; .ci/run calls it). */
export const CHROMIUM = "/usr/bin/chromium";
export const haveChromium = existsSync(CHROMIUM);

/** Says why a browser test file is skipped, naming the script that would let it run. */
export function warnIfNoChromium(file: string): void {
  if (!haveChromium) console.warn(`${file} skipped: no Chromium at ${CHROMIUM} (bash scripts/install-chromium.sh installs it; .ci/run does)`);
}

/** Headless Chromium driven by playwright-core (no browser download: the system's). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    timeout: 120_000,
  });
}

/** Generous waits: a busy two-core machine may take seconds to train a round. */
export const WAIT = { timeout: 90_000 } as const;

/** Waits until the page shows round `round` (and, unless told otherwise, an item to label). */
export async function waitForRound(page: Page, round: number, { item = true } = {}): Promise<void> {
  await page.locator(`[data-testid=status][data-round="${round}"]`).waitFor(WAIT);
  if (item) await page.getByTestId("item-text").waitFor(WAIT);
}

/** The id of the item shown, and the labels on its keys. */
export async function shownItem(page: Page): Promise<{ id: string; labels: string[] }> {
  const id = (await page.getByTestId("item-id").textContent())!.trim();
  const labels = await page.locator(".labels button").evaluateAll((buttons) => buttons.map((b) => b.getAttribute("data-label")!));
  return { id, labels };
}
