// The web floor (eframe's bare window built like Beacon, target/dist/web-floor) in headless
// Chromium: it starts with no console errors and draws. This keeps the harness itself honest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dist } from "./paths.mjs";
import { serve } from "./server.mjs";
import { launch, open, firstFrame, screenshotContent, idleCpu } from "./browser.mjs";

test("the bare eframe window starts and draws in headless Chromium", async () => {
  const server = await serve({ "/": dist("web-floor") });
  const { browser, close } = await launch();
  try {
    const page = await open(browser, `${server.url}/`);
    const ms = await firstFrame(page);
    assert.ok(ms > 0 && ms < 30_000, `first frame at ${ms} ms`);
    await page.waitForFunction(() => !document.getElementById("loading"));
    const shot = await screenshotContent(page);
    assert.ok(shot.colours > 2, `the canvas shows something: ${JSON.stringify(shot)}`);
    const cpu = await idleCpu(page, 2000);
    assert.ok(cpu < 0.2, `idle CPU ${cpu} s in 2 s`);
    assert.deepEqual(page.problems, []);
  } finally {
    await close();
    await server.close();
  }
});
