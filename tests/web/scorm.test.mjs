// Beacon inside an LMS, for SCORM 1.2 and 2004: `beacon export scorm` packages the web build
// (target/dist/web) with a small test course (tests/fixtures/scorm-course: one short lesson, a
// two-question final assessment); the package, unpacked, is launched in a frame of
// tests/web/lms/host.html, where scorm-again (npm, an LMS-side runtime no one here wrote) offers
// window.API or window.API_1484_11. A learner reads the lesson and takes the final assessment
// with the keyboard; then scorm-again's CMI holds the status, the score, the session time, the
// progress in suspend_data and an interaction per answer. A relaunch with that CMI resumes:
// the first values Beacon reports come from the restored progress.
// BEACON_BIN names the beacon program (default target/debug/beacon, built by scripts/test or scripts/test-web).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { ROOT, dist } from "./paths.mjs";
import { serve } from "./server.mjs";
import { launch, open, firstFrame, screenshotContent } from "./browser.mjs";
import { unzip } from "./unzip.mjs";

const WEB = process.env.BEACON_WEB_DIR ?? dist("web");
const BEACON = process.env.BEACON_BIN ?? join(ROOT, "target", "debug", "beacon");
const COURSE = join(ROOT, "tests", "fixtures", "scorm-course");
const SHOTS = join(ROOT, "target", "web-shots");
mkdirSync(SHOTS, { recursive: true });

/** The learner's name as Beacon keeps it, from host.html's "Okafor, Amina". */
const NAME = { "1.2": "Amina Okafor", "2004": "Okafor, Amina" };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function keys(page, ...names) {
  for (const k of names) {
    await page.keyboard.press(k);
    await sleep(200);
  }
}

/** The values Beacon set in this session, element -> last value. */
async function setValues(page) {
  const calls = await page.evaluate(() => window.lmsCalls);
  const values = new Map();
  for (const [event, element, value] of calls) {
    if (event === "SetValue" || event === "LMSSetValue") values.set(element, value);
  }
  return { calls, values };
}

/** Waits until Beacon has set `element` to a value `ok` accepts; returns the value. */
async function valueWhere(page, element, ok, what, timeout = 15_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const { values } = await setValues(page);
    const v = values.get(element);
    if (v !== undefined && ok(v)) return v;
    if (Date.now() > until) assert.fail(`${element} never showed ${what}: ${JSON.stringify(v)}`);
    await sleep(150);
  }
}

/** The progress in a suspend_data text, inflated (Beacon's "B1" + base64url of deflate). */
function inflated(suspend) {
  assert.ok(suspend.startsWith("B1"), `Beacon's format: ${suspend.slice(0, 20)}`);
  return inflateRawSync(Buffer.from(suspend.slice(2), "base64url"));
}

/** The CMI as the LMS would store it between sessions. */
const cmiOf = (page) => page.evaluate(() => JSON.parse(JSON.stringify(window.lmsApi.cmi)));

/** Opens the package in host.html (with `earlier` CMI, if given); returns the page and frame. */
async function launchInLms(browser, url, version, earlier) {
  const page = await open(browser);
  if (earlier) await page.evaluateOnNewDocument((cmi) => { window.earlierCmi = cmi; }, earlier);
  const launchUrl = encodeURIComponent("/pkg/index.html?seed=3");
  await page.goto(`${url}/lms/host.html?version=${version}&launch=${launchUrl}`, { waitUntil: "load" });
  let frame;
  for (let i = 0; i < 100 && !frame; i++) {
    frame = page.frames().find((f) => f.url().includes("/pkg/index.html"));
    if (!frame) await sleep(100);
  }
  assert.ok(frame, "the package's page is framed");
  await firstFrame(page, frame);
  await sleep(400);
  return { page, frame };
}

for (const version of ["1.2", "2004"]) {
  test(`SCORM ${version}: a learner completes the course and its assessment inside an LMS, and a relaunch resumes`, async () => {
    const work = mkdtempSync(join(tmpdir(), `beacon-scorm-${version}-`));
    const zip = join(work, "package.zip");
    execFileSync(BEACON, ["export", "scorm", "--version", version, "--course", COURSE, "--web", WEB, "-o", zip]);
    const pkg = join(work, "pkg");
    const names = unzip(zip, pkg);
    assert.equal(names[0], "imsmanifest.xml");
    assert.ok(names.includes("beacon_bg.wasm") && names.includes("course/course.toml"), names.join(" "));
    const size = statSync(zip).size;
    assert.ok(size < 6e6, `the package is within 6 MB: ${size} bytes`);

    const server = await serve({ "/pkg/": pkg, "/lms/": join(ROOT, "tests", "web", "lms"), "/node_modules/": join(ROOT, "node_modules") });
    const { browser, close } = await launch();
    try {
      const { page, frame } = await launchInLms(browser, server.url, version, null);
      const welcome = await screenshotContent(page, join(SHOTS, `scorm-${version}-welcome.png`));
      const start = await setValues(page);
      const init = version === "1.2" ? "LMSInitialize" : "Initialize";
      assert.equal(start.calls[0]?.[0], init, `Beacon initialises first: ${JSON.stringify(start.calls.slice(0, 3))}`);
      const status12 = "cmi.core.lesson_status";
      if (version === "1.2") assert.equal(start.values.get(status12), "incomplete");
      else assert.equal(start.values.get("cmi.completion_status"), "incomplete");

      // The welcome screen has the LMS's name prefilled (host.html gives "Okafor, Amina"; SCORM
      // 1.2's student_name is "Last, First", shown first name first; 2004's learner_name is
      // taken as it is): the learner only presses Enter.
      await page.mouse.click(60, 500);
      await keys(page, "Tab", "Enter");
      const named = await valueWhere(page, "cmi.suspend_data", (s) => inflated(s).includes(NAME[version]), "the learner's name");
      assert.ok(named.length > 10);

      // The course map: Tab, Enter starts the lesson; each page: 1 picks the first choice of a
      // check-yourself question, Enter checks it or turns the page, until it is read.
      await keys(page, "Tab", "Enter");
      await valueWhere(page, version === "1.2" ? "cmi.core.lesson_location" : "cmi.location", (l) => l.startsWith("basics:"), "the lesson open");
      const completed = version === "1.2" ? [status12, (s) => s === "completed"] : ["cmi.completion_status", (s) => s === "completed"];
      for (let i = 0; i < 30; i++) {
        const { values } = await setValues(page);
        if (completed[1](values.get(completed[0]) ?? "")) break;
        await page.mouse.click(60, 500);
        await keys(page, "1", "Enter");
        await sleep(200);
      }
      await valueWhere(page, completed[0], completed[1], "the course completed");
      await page.screenshot({ path: join(SHOTS, `scorm-${version}-lesson.png`) });

      // Back on the course map, "Take the final assessment" is the first button; its
      // introduction starts it; each question: 1 picks the first choice, Enter goes on.
      await keys(page, "Escape");
      await sleep(300);
      await page.mouse.click(60, 500);
      await keys(page, "Tab", "Enter");
      await sleep(300);
      await page.screenshot({ path: join(SHOTS, `scorm-${version}-intro.png`) });
      await page.mouse.click(60, 500);
      await keys(page, "Tab", "Enter");
      await sleep(300);
      for (let i = 0; i < 12; i++) {
        const { values } = await setValues(page);
        const success = version === "1.2" ? values.get(status12) : values.get("cmi.success_status");
        if (success === "passed" || success === "failed") break;
        await keys(page, "1", "Enter");
        await sleep(300);
        await page.screenshot({ path: join(SHOTS, `scorm-${version}-assessment-${i}.png`) });
      }
      const { values } = await setValues(page);
      const cmi = await cmiOf(page);

      // What the LMS holds: status, score, session time, progress, interactions.
      const interactions = version === "1.2" ? cmi.interactions.childArray ?? cmi.interactions : cmi.interactions.childArray ?? cmi.interactions;
      const list = Array.isArray(interactions) ? interactions : Object.values(interactions).filter((x) => x && typeof x === "object" && "id" in x);
      const finals = list.filter((x) => String(x.id).startsWith("basics.q-"));
      assert.ok(finals.length >= 2, `an interaction per answer: ${JSON.stringify(list)}`);
      for (const x of finals) {
        assert.ok(x.type === "choice", `choice questions: ${JSON.stringify(x)}`);
        assert.ok(["correct", "wrong", "incorrect"].includes(x.result), JSON.stringify(x));
      }
      const right = finals.slice(-2).filter((x) => x.result === "correct").length;
      if (version === "1.2") {
        const core = cmi.core;
        assert.ok(["passed", "failed"].includes(core.lesson_status), `lesson_status ${core.lesson_status}`);
        assert.equal(Number(core.score.min), 0);
        assert.equal(Number(core.score.max), 100);
        assert.equal(Number(core.score.raw), right * 50, `the score is the share right: ${JSON.stringify(core.score)}`);
        assert.equal(core.lesson_status, right >= 1 ? "passed" : "failed", "the pass mark is 50%");
        assert.match(values.get("cmi.core.session_time"), /^\d{4}:\d\d:\d\d\.\d\d$/);
        assert.ok(cmi.suspend_data.length > 0 && cmi.suspend_data.length <= 4096, `suspend_data of ${cmi.suspend_data.length}`);
      } else {
        assert.equal(cmi.completion_status, "completed");
        assert.ok(["passed", "failed"].includes(cmi.success_status), `success_status ${cmi.success_status}`);
        assert.equal(Number(cmi.score.min), 0);
        assert.equal(Number(cmi.score.max), 2);
        assert.equal(Number(cmi.score.raw), right, `the score is the questions right: ${JSON.stringify(cmi.score)}`);
        assert.equal(Number(cmi.score.scaled), right / 2);
        assert.equal(cmi.success_status, right >= 1 ? "passed" : "failed", "the pass mark is 50%");
        assert.match(values.get("cmi.session_time"), /^P(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)$/);
        assert.ok(cmi.suspend_data.length > 0 && cmi.suspend_data.length <= 64000, `suspend_data of ${cmi.suspend_data.length}`);
      }
      assert.ok(inflated(cmi.suspend_data).includes(NAME[version]));
      const stored = await frame.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("beacon/")));
      assert.deepEqual(stored, [], "inside an LMS the progress is the LMS's, not the browser's");
      // Nor is IndexedDB opened or the tab lock taken: the LMS keeps the progress.
      const databases = await frame.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
      assert.ok(!databases.includes("beacon"), `no IndexedDB database inside an LMS: ${databases}`);
      const locks = await frame.evaluate(async () => (await navigator.locks.query()).held.map((l) => l.name));
      assert.ok(!locks.includes("beacon-data"), `no tab lock inside an LMS: ${locks}`);
      assert.deepEqual(page.problems, []);

      // Leaving terminates the session.
      await page.evaluate(() => document.querySelector("iframe").remove());
      await sleep(300);
      const after = await page.evaluate(() => window.lmsCalls.map((c) => c[0]));
      assert.ok(after.includes(version === "1.2" ? "LMSFinish" : "Terminate"), `terminated: ${after.slice(-3)}`);
      const earlier = await cmiOf(page);
      await page.close();

      // A relaunch with that CMI: the progress comes back from suspend_data, so Beacon's first
      // report already says completed and passed or failed, and the app opens past the welcome.
      const again = await launchInLms(browser, server.url, version, earlier);
      const first = await setValues(again.page);
      if (version === "1.2") {
        assert.equal(first.values.get(status12), cmi.core.lesson_status, "restored status");
        assert.equal(first.values.get("cmi.core.score.raw"), cmi.core.score.raw, "restored score");
      } else {
        assert.equal(first.values.get("cmi.completion_status"), "completed", "restored completion");
        assert.equal(first.values.get("cmi.success_status"), cmi.success_status, "restored success");
        assert.equal(first.values.get("cmi.score.raw"), String(cmi.score.raw), "restored score");
      }
      assert.ok(inflated(first.values.get("cmi.suspend_data")).includes(NAME[version]), "restored name");
      const resumed = await screenshotContent(again.page, join(SHOTS, `scorm-${version}-resumed.png`));
      assert.notDeepEqual(resumed, welcome, "not the welcome screen again");
      assert.deepEqual(again.page.problems, []);
    } finally {
      await close();
      await server.close();
      rmSync(work, { recursive: true, force: true });
    }
  });
}

// Where the SCORM card's controls are at 1280x800 with the default text size, on the Classroom
// screen scrolled to its end (from a screenshot): the 1.2 radio and "Save as…".
const CLASSROOM = [408, 25];
const SCORM_12 = [498, 535];
const SCORM_SAVE = [320, 572];

/** Opens the Classroom screen of a fresh page at `url`, scrolls to its end, picks `version`
 * and "Save as…"; returns the downloaded package's path. */
async function packageFromClassroom(browser, url, version, downloads, shot) {
  const page = await open(browser, url);
  await firstFrame(page);
  await sleep(300);
  await keys(page, "Tab");
  await page.keyboard.type("Amina");
  await keys(page, "Enter");
  await sleep(500);
  await page.mouse.click(...CLASSROOM);
  await sleep(700);
  await page.mouse.move(640, 400);
  await page.mouse.wheel({ deltaY: 3000 });
  await sleep(700);
  if (version === "1.2") await page.mouse.click(...SCORM_12);
  await sleep(300);
  await page.screenshot({ path: join(SHOTS, shot) });
  await page.mouse.click(...SCORM_SAVE);
  const notice = () => page.evaluate(() => document.getElementById("beacon_notice")?.textContent ?? "");
  const end = Date.now() + 20_000;
  let file;
  while (!file) {
    const said = await notice();
    file = said.includes("Downloaded") && readdirSync(downloads).find((f) => f.endsWith(`-scorm-${version}.zip`));
    if (Date.now() > end) assert.fail(`no package downloaded; the notice says: ${said}`);
    await sleep(200);
  }
  await sleep(300);
  assert.deepEqual(page.problems, []);
  await page.close();
  return join(downloads, file);
}

test("the Classroom screen in the browser packages the page itself for an LMS, as `beacon export scorm` does", async () => {
  const work = mkdtempSync(join(tmpdir(), "beacon-scorm-classroom-"));
  const downloads = join(work, "downloads");
  mkdirSync(downloads);
  // The page as a static host serves it, and a package's page (with its own course) unpacked.
  const cli = join(work, "cli-2004.zip");
  execFileSync(BEACON, ["export", "scorm", "--version", "2004", "--course", COURSE, "--web", WEB, "-o", cli]);
  const pkg = join(work, "pkg");
  unzip(cli, pkg);
  const server = await serve({ "/": WEB, "/pkg/": pkg });
  const { browser, close } = await launch({ downloads });
  try {
    // The built-in course: the same bytes as the command line's package of it.
    const fromPage = await packageFromClassroom(browser, `${server.url}/?seed=7`, "1.2", downloads, "classroom-scorm.png");
    const expected = join(work, "cli-1.2.zip");
    execFileSync(BEACON, ["export", "scorm", "--version", "1.2", "--web", WEB, "-o", expected]);
    assert.ok(readFileSync(fromPage).equals(readFileSync(expected)), "the page's package is the command line's");
    const names = unzip(fromPage, join(work, "page-1.2"));
    assert.equal(names[0], "imsmanifest.xml");
    assert.ok(readFileSync(join(work, "page-1.2", "beacon_bg.wasm")).equals(readFileSync(join(WEB, "beacon_bg.wasm"))));

    // A page that runs from a package packages its own course again, marked afresh.
    const again = await packageFromClassroom(browser, `${server.url}/pkg/index.html?seed=7`, "2004", downloads, "classroom-scorm-pkg.png");
    assert.ok(readFileSync(again).equals(readFileSync(cli)), "a package's page makes the same package again");
  } finally {
    await close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
});
