// Beacon itself (target/dist/web, the app crate built for wasm32 by scripts/web) in headless
// Chromium: its first frame draws the welcome screen with no console errors; a learner using the
// keyboard (and one click on "Quick quiz") gives a name, reads a lesson, answers a quiz question,
// and every step is in the page's IndexedDB under Beacon's keys (none in localStorage); after a
// reload the progress is still there and the app opens past the welcome screen. A teacher starts
// presenting (the page goes full screen; Esc leaves) and drops a results file on the class
// report, then picks another in the browser's file picker: both are read into the report.
// BEACON_WEB_DIR points the tests at another build folder (a quick debug build while working).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, dist } from "./paths.mjs";
import { serve } from "./server.mjs";
import { launch, open, firstFrame, screenshotContent } from "./browser.mjs";
import { stored, localKeys } from "./stored.mjs";

const DIR = process.env.BEACON_WEB_DIR ?? dist("web");
const SHOTS = join(ROOT, "target", "web-shots");
mkdirSync(SHOTS, { recursive: true });
const PROGRESS = "beacon/profiles/p1/progress.json";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the stored progress satisfies `ok`, pressing nothing; returns it. */
async function progressWhere(page, ok, what, timeout = 10_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const p = await stored(page, PROGRESS);
    if (p && ok(p)) return p;
    if (Date.now() > until) assert.fail(`stored progress never showed ${what}: ${JSON.stringify(p)?.slice(0, 400)}`);
    await sleep(100);
  }
}

/** Presses keys one by one, each followed by a frame's worth of waiting. */
async function keys(page, ...names) {
  for (const k of names) {
    await page.keyboard.press(k);
    await sleep(150);
  }
}

test("Beacon's first frame in the browser is the welcome screen", async () => {
  const server = await serve({ "/": DIR });
  const { browser, close } = await launch();
  try {
    const page = await open(browser, `${server.url}/`);
    const ms = await firstFrame(page);
    assert.ok(ms > 0 && ms < 30_000, `first frame at ${ms} ms`);
    await page.waitForFunction(() => !document.getElementById("loading"));
    await sleep(300);
    const shot = await screenshotContent(page, join(SHOTS, "welcome.png"));
    // Text on a plain background: many colours (anti-aliased glyphs), a small share of pixels.
    assert.ok(shot.colours > 50, `the canvas shows text: ${JSON.stringify(shot)}`);
    assert.ok(shot.drawn > 0.03 && shot.drawn < 0.5, `a page of text, not a blank or a flood: ${JSON.stringify(shot)}`);
    assert.equal(await stored(page, PROGRESS), null, "no profile before the learner starts");
    assert.deepEqual(page.problems, []);
  } finally {
    await close();
    await server.close();
  }
});

test("a learner reads a lesson and answers a quiz question, and after a reload it is all still there", async () => {
  const server = await serve({ "/": DIR });
  const { browser, close } = await launch();
  try {
    // A fixed seed, so the quiz draws the same questions on every run.
    const page = await open(browser, `${server.url}/?seed=7`);
    await firstFrame(page);
    await sleep(300);
    const welcome = await screenshotContent(page);

    // The welcome screen: Tab reaches the name field first; Enter in it starts.
    await keys(page, "Tab");
    await page.keyboard.type("Amina");
    await keys(page, "Enter");
    await progressWhere(page, (p) => p.learner?.name === "Amina", "the learner's name");
    const profiles = await stored(page, "beacon/profiles.json");
    assert.ok(JSON.stringify(profiles).includes("Amina"), `the profile list: ${JSON.stringify(profiles)}`);

    // The course map: Tab reaches "Start the first lesson", Enter opens it.
    await keys(page, "Tab", "Enter");
    await progressWhere(page, (p) => p.last_place?.type === "lesson", "a lesson open");
    // Each page: a click on the margin (so focus is on no term), 1 picks the first choice of a
    // check-yourself question, Enter checks it or turns the page.
    let lesson;
    for (let i = 0; i < 30; i++) {
      await page.mouse.click(60, 500);
      await keys(page, "1", "Enter");
      await sleep(250);
      lesson = (await stored(page, PROGRESS)).lessons?.definition;
      if (lesson?.finished) break;
    }
    assert.ok(lesson?.finished, `the first lesson is read: ${JSON.stringify(lesson)}`);
    await page.screenshot({ path: join(SHOTS, "lesson.png") });

    // Back to the course map and into a quick quiz (its button, clicked as a person would).
    await keys(page, "Escape");
    await sleep(300);
    await page.mouse.click(441, 285);
    const started = await progressWhere(page, (p) => p.unfinished, "a quiz under way");
    assert.equal(started.unfinished.current, 0);
    const before = JSON.stringify(started.answer_log);
    // A question opened from the keyboard starts at its first control (a choice, or the
    // answer field): 1 picks the first choice or is typed as the answer; Enter checks.
    await keys(page, "1", "Enter");
    await sleep(300);
    await page.screenshot({ path: join(SHOTS, "quiz-feedback.png") });
    const answered = await progressWhere(
      page,
      (p) => JSON.stringify(p.answer_log) !== before,
      "the answer saved",
    );
    await keys(page, "Enter");
    const moved = await progressWhere(page, (p) => p.unfinished?.current === 1, "the next question");

    // A reload keeps everything and opens past the welcome screen.
    await page.reload({ waitUntil: "load" });
    await firstFrame(page);
    await sleep(500);
    const after = await stored(page, PROGRESS);
    assert.deepEqual(await localKeys(page), [], "nothing of Beacon's in localStorage");
    assert.equal(after.learner.name, "Amina");
    assert.ok(after.lessons.definition.finished, "the lesson is still read");
    assert.deepEqual(after.answer_log, answered.answer_log, "the answer is still there");
    assert.deepEqual(after.unfinished.questions, moved.unfinished.questions, "the quiz can be resumed");
    const reloaded = await screenshotContent(page, join(SHOTS, "reloaded.png"));
    assert.notDeepEqual(reloaded, welcome, "not the welcome screen again");
    assert.deepEqual(page.problems, []);
  } finally {
    await close();
    await server.close();
  }
});

test("a teacher presents full screen, and the class report reads results files dropped on the page or picked", async () => {
  const server = await serve({ "/": DIR });
  const { browser, close } = await launch();
  try {
    const page = await open(browser, `${server.url}/?seed=7`);
    await firstFrame(page);
    await sleep(300);
    await keys(page, "Tab");
    await page.keyboard.type("Amina");
    await keys(page, "Enter");
    await progressWhere(page, (p) => p.learner?.name === "Amina", "the learner's name");

    // Classroom (top bar), down to "Start presenting": the page fills the screen; Esc leaves.
    await page.mouse.click(408, 25);
    await sleep(500);
    await page.mouse.move(640, 400);
    await page.mouse.wheel({ deltaY: 700 });
    await sleep(500);
    assert.equal(await page.evaluate(() => document.fullscreenElement), null);
    await page.mouse.click(344, 171);
    await page.waitForFunction(() => document.fullscreenElement !== null, { timeout: 5_000 });
    await page.screenshot({ path: join(SHOTS, "presenter.png") });
    await keys(page, "Escape");
    await page.waitForFunction(() => document.fullscreenElement === null, { timeout: 5_000 });

    // Back on the Classroom screen: down to "Open the class report".
    await page.mouse.move(640, 400);
    await page.mouse.wheel({ deltaY: 1400 });
    await sleep(500);
    await page.mouse.click(363, 722);
    await sleep(700);
    const empty = await screenshotContent(page);
    assert.ok(empty.drawn < 0.1, `an empty report: ${JSON.stringify(empty)}`);

    // A results file dropped on the page: the report fills with tests, a plot and questions.
    const csv = readFileSync(join(ROOT, "tests", "fixtures", "stats", "results-a.csv"), "utf8");
    await page.evaluate((text) => {
      const files = new DataTransfer();
      files.items.add(new File([text], "class-results.csv", { type: "text/csv" }));
      document.getElementById("beacon_canvas").dispatchEvent(
        new DragEvent("drop", { dataTransfer: files, bubbles: true, cancelable: true }),
      );
    }, csv);
    await sleep(1500);
    const dropped = await screenshotContent(page, join(SHOTS, "class-report.png"));
    assert.ok(dropped.drawn > 0.2 && dropped.drawn > 5 * empty.drawn, `the report shows the file: ${JSON.stringify(dropped)}`);

    // "Open result files…" shows the browser's file picker; the file picked joins the report.
    // A click the page takes while it is still busy with the dropped file can miss the picker
    // (one CI run in five): click again, up to three times.
    let chooser;
    for (let attempt = 1; !chooser; attempt++) {
      try {
        [chooser] = await Promise.all([page.waitForFileChooser({ timeout: 5_000 }), page.mouse.click(338, 196)]);
      } catch (e) {
        if (attempt === 3) throw e;
        await sleep(1000);
      }
    }
    assert.ok(chooser.isMultiple(), "several files at once");
    await chooser.accept([join(ROOT, "tests", "fixtures", "stats", "results-b.xapi.json")]);
    await sleep(1500);
    const picked = await screenshotContent(page, join(SHOTS, "class-report-2.png"));
    assert.notDeepEqual(picked, dropped, "the picked file changed the report");
    assert.deepEqual(page.problems, []);
  } finally {
    await close();
    await server.close();
  }
});
