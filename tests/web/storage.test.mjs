// Beacon's progress in the browser (src/storage/browser.rs, src/storage/indexed_db.rs): kept in
// IndexedDB, never written by a second tab (Web Locks; that tab says so), downloaded by "Export
// my progress" and taken back by "Import progress", and moved once from the localStorage an
// earlier version used. One browser for all of it, to keep the suite short.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, dist } from "./paths.mjs";
import { serve } from "./server.mjs";
import { launch, open, firstFrame } from "./browser.mjs";
import { entries, stored, localKeys } from "./stored.mjs";

const DIR = process.env.BEACON_WEB_DIR ?? dist("web");
const PROGRESS = "beacon/profiles/p1/progress.json";
const OTHER_TAB = "Beacon is open in another tab; this tab does not save";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function keys(page, ...names) {
  for (const k of names) {
    await page.keyboard.press(k);
    await sleep(150);
  }
}

/** What the app's notice banner says (mirrored in the page's status line), "" for none. */
const notice = (page) => page.evaluate(() => document.getElementById("beacon_notice")?.textContent ?? "");

async function until(what, ok, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await ok();
    if (value) return value;
    if (Date.now() > end) assert.fail(`never: ${what}`);
    await sleep(100);
  }
}

/** Clicks a point of the canvas (egui has no DOM to click) and waits a few frames. */
async function click(page, [x, y]) {
  await page.mouse.click(x, y);
  await sleep(300);
}

// Where the buttons are at 1280x800 with the default text size (from screenshots).
const SETTINGS = [506, 25];
const EXPORT = [495, 698];
const IMPORT = [661, 698];
const DISMISS = [968, 94];

test("progress lives in IndexedDB, a second tab does not save, and it is exported, imported and migrated", async () => {
  const blank = mkdtempSync(join(tmpdir(), "beacon-blank-"));
  writeFileSync(join(blank, "blank.html"), "<!DOCTYPE html><title>blank</title>");
  const downloads = mkdtempSync(join(tmpdir(), "beacon-downloads-"));
  const server = await serve({ "/": DIR, "/blank/": blank });
  const { browser, close } = await launch({ downloads });
  try {
    const first = await open(browser, `${server.url}/?seed=7`);
    await firstFrame(first);
    await sleep(300);
    await keys(first, "Tab");
    await first.keyboard.type("Amina");
    await keys(first, "Enter");
    await until("the name saved", async () => (await stored(first, PROGRESS))?.learner?.name === "Amina");
    assert.deepEqual(await localKeys(first), [], "nothing of Beacon's in localStorage");

    // A second tab reads the same progress, says it does not save, and changes nothing.
    const second = await open(browser, `${server.url}/?seed=7`);
    await firstFrame(second);
    await until("the other tab's notice", async () => (await notice(second)).includes(OTHER_TAB));
    const before = await entries(second);
    // Tab, Enter on the course map starts the first lesson: a first tab saves that at once.
    await keys(second, "Tab", "Enter", "Enter");
    await second.mouse.click(60, 500);
    await keys(second, "1", "Enter");
    await sleep(1000);
    assert.deepEqual(await entries(second), before, "the second tab wrote nothing");
    assert.deepEqual(second.problems, []);
    await second.close();
    assert.ok(!(await notice(first)).includes(OTHER_TAB), "the first tab saves");

    // Export my progress: a download that parses and is the learner's progress.
    await first.bringToFront();
    await click(first, SETTINGS);
    await first.screenshot({ path: join(ROOT, "target", "web-shots", "settings.png") });
    await click(first, EXPORT);
    await until("the download's notice", async () => (await notice(first)).includes("Downloaded"));
    const file = await until("the download", async () =>
      readdirSync(downloads).find((f) => f.startsWith("beacon-progress-") && f.endsWith(".json")));
    await sleep(200);
    const exported = JSON.parse(readFileSync(join(downloads, file), "utf8"));
    assert.deepEqual(exported, await stored(first, PROGRESS), "the download is the stored progress");
    assert.equal(exported.learner.name, "Amina");

    // Import progress: the same file through the file picker, checked and put in place.
    exported.learner.name = "Amina K.";
    const changed = join(downloads, "changed.json");
    writeFileSync(changed, JSON.stringify(exported));
    await click(first, DISMISS);
    await until("the notice dismissed", async () => (await notice(first)) === "");
    await sleep(300);
    // Puppeteer intercepts the picker only once its request has reached the browser.
    const chooser = first.waitForFileChooser({ timeout: 5000 });
    await sleep(300);
    await click(first, IMPORT);
    await (await chooser).accept([changed]);
    await until("the import's notice", async () => (await notice(first)).includes("imported from changed.json"));
    await until("the imported progress saved", async () => (await stored(first, PROGRESS))?.learner?.name === "Amina K.");
    const kept = Object.keys(await entries(first)).filter((k) => k.startsWith("beacon/profiles/p1/progress-before-import-"));
    assert.equal(kept.length, 1, "the progress it replaced is kept");
    assert.deepEqual(first.problems, []);
    const saved = await entries(first);
    await first.close();

    // An earlier version's localStorage is copied into IndexedDB once and left as it was.
    const seed = await open(browser, `${server.url}/blank/blank.html`);
    await seed.evaluate(async (files) => {
      for (const [k, v] of Object.entries(files)) if (k.startsWith("beacon/")) localStorage.setItem(k, v);
      await new Promise((resolve, reject) => {
        const del = indexedDB.deleteDatabase("beacon");
        del.onsuccess = resolve;
        del.onerror = () => reject(del.error);
        del.onblocked = () => reject(new Error("blocked"));
      });
    }, saved);
    assert.deepEqual(await entries(seed), {}, "IndexedDB is empty");
    await seed.close();
    const migrated = await open(browser, `${server.url}/?seed=7`);
    await firstFrame(migrated);
    await until("the migrated progress", async () => (await stored(migrated, PROGRESS))?.learner?.name === "Amina K.");
    const now = await entries(migrated);
    assert.ok(now["migrated-from-localStorage"], "the migration is recorded");
    for (const [k, v] of Object.entries(saved)) if (k.startsWith("beacon/")) assert.equal(now[k], v, k);
    assert.equal((await localKeys(migrated)).length, Object.keys(saved).filter((k) => k.startsWith("beacon/")).length,
      "localStorage is left as it was");

    // A year of daily use (100,000 answers, as in the desktop's save benchmark) is imported,
    // stored, and read back after a reload: more than localStorage's 5 MB with its copies.
    const year = join(downloads, "year.json");
    writeFileSync(year, JSON.stringify({
      ...exported,
      answer_log: {
        questions: Array.from({ length: 200 }, (_, i) => `definition.q-${i}`),
        modules: ["definition"],
        rows: Array.from({ length: 100_000 }, (_, i) => [i % 200, 0, 1_790_000_000 + i * 300, 0, 1000, 125, Math.floor(i / 10), null]),
      },
    }));
    // Twice: the second import keeps the first as the backup and the replaced progress, so
    // three copies of the year are stored, as the file, its .bak and a daily copy would be.
    const rows = async () => (await stored(migrated, PROGRESS))?.answer_log?.rows?.length;
    for (const time of [1, 2]) {
      await click(migrated, SETTINGS);
      const picker = migrated.waitForFileChooser({ timeout: 5000 });
      await sleep(300);
      await click(migrated, IMPORT);
      const started = Date.now();
      await (await picker).accept([year]);
      await until("the year imported", async () => (await notice(migrated)).includes("imported from year.json"), 30_000);
      await until("the year stored", async () => (await rows()) === 100_000, 30_000);
      const took = Date.now() - started;
      const total = Object.values(await entries(migrated)).reduce((n, v) => n + v.length, 0);
      console.log(`a year of answers, import ${time}: picked, checked and stored in ${took} ms; IndexedDB holds ${(total / 1048576).toFixed(1)} MiB of Beacon's files`);
      if (time === 2) assert.ok(total > 10 * 1048576, `more than localStorage holds (5 M characters): ${total}`);
      await click(migrated, DISMISS);
      await until("the notice dismissed", async () => (await notice(migrated)) === "");
    }
    await migrated.reload({ waitUntil: "load" });
    await firstFrame(migrated);
    assert.equal(await rows(), 100_000, "still there after a reload");
    assert.ok(!(await notice(migrated)).includes(OTHER_TAB), "a reload keeps the lock");
    assert.deepEqual(migrated.problems, []);
  } finally {
    await close();
    await server.close();
    rmSync(blank, { recursive: true, force: true });
    rmSync(downloads, { recursive: true, force: true });
  }
});
