// Headless Chromium (Debian's package) driven by puppeteer-core, started as this machine needs
// it: no sandbox (root), no GPU (WebGL through SwiftShader), and no background networking, with
// a fresh profile each time. Collects console errors and page errors, reads the first-frame mark
// the pages set, and checks that a screenshot has content.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import { PNG } from "pngjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Starts Chromium with a fresh profile; `downloads` is where downloads go, if given. */
export async function launch({ downloads } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "beacon-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--enable-unsafe-swiftshader", "--window-size=1280,800",
    ],
    defaultViewport: { width: 1280, height: 800 },
  });
  if (downloads) {
    const session = await browser.target().createCDPSession();
    await session.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads, eventsEnabled: true });
  }
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a page that records console errors and uncaught errors in `page.problems`. */
export async function open(browser, url) {
  const page = await browser.newPage();
  page.problems = [];
  page.on("console", (m) => { if (m.type() === "error") page.problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => page.problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => page.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  if (url) await page.goto(url, { waitUntil: "load" });
  return page;
}

/** Waits for the performance mark `first-frame` the app sets after its first frame; returns
 * its time in milliseconds from the start of navigation. */
export async function firstFrame(page, frame = page, timeout = 30_000) {
  await frame.waitForFunction(() => performance.getEntriesByName("first-frame").length > 0, { timeout });
  return frame.evaluate(() => performance.getEntriesByName("first-frame")[0].startTime);
}

/** What a screenshot shows: how many distinct colours, and the share of pixels that differ
 * from the most common one (the background). */
export async function screenshotContent(page, path) {
  const png = PNG.sync.read(Buffer.from(await page.screenshot(path ? { path } : {})));
  const counts = new Map();
  for (let i = 0; i < png.data.length; i += 4) {
    const key = (png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const pixels = png.width * png.height;
  const background = Math.max(...counts.values());
  return { colours: counts.size, drawn: (pixels - background) / pixels, width: png.width, height: png.height };
}

/** The CPU time the page's main thread used, in seconds, over `ms` milliseconds of idling. */
export async function idleCpu(page, ms) {
  const session = await page.createCDPSession();
  await session.send("Performance.enable");
  const task = async () => (await session.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value;
  const before = await task();
  await new Promise((r) => setTimeout(r, ms));
  const after = await task();
  await session.detach();
  return after - before;
}
