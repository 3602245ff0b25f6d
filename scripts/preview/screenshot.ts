import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

/** Debian's Chromium, quiet: no first-run, sync, component updates or background requests. */
const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

/** A full-page PNG of a local HTML file, 1400 CSS pixels wide. */
export async function screenshotPage(htmlFile: string, pngFile: string): Promise<void> {
  // The sample digests are half Chinese: without a font for it they come out as rows of boxes.
  if (!hasChineseFont()) throw new Error("no Chinese font for Chromium: install one first (Debian: apt-get install fonts-wqy-microhei)");
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: "load" });
    writeFileSync(pngFile, await page.screenshot({ fullPage: true }));
  } finally {
    await browser.close();
  }
}

function hasChineseFont(): boolean {
  try {
    return execFileSync("fc-list", [":lang=zh"], { encoding: "utf8" }).trim() !== "";
  } catch {
    return false;
  }
}
