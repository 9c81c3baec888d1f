// Beacon's data folder as the page keeps it: IndexedDB's database `beacon`, object store
// `files`, one entry per file (`beacon/profiles/p1/progress.json`), text files as `t:` and the
// text (src/storage/browser.rs, src/storage/indexed_db.rs).
import assert from "node:assert/strict";

/** Every entry of Beacon's IndexedDB store, as an object (empty when there is none yet). Never
 * creates the database: opening one that is not there is aborted. */
export async function entries(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open("beacon");
    open.onupgradeneeded = () => open.transaction.abort();
    open.onerror = () => resolve({});
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains("files")) { db.close(); resolve({}); return; }
      const store = db.transaction("files").objectStore("files");
      const keys = store.getAllKeys();
      const values = store.getAll();
      values.onsuccess = () => {
        db.close();
        resolve(Object.fromEntries(keys.result.map((k, i) => [k, values.result[i]])));
      };
      values.onerror = () => reject(values.error);
    };
  }));
}

/** A file Beacon keeps, parsed as JSON, or null when there is none. */
export async function stored(page, key) {
  const value = (await entries(page))[key];
  if (value === undefined) return null;
  assert.ok(value.startsWith("t:"), `${key} is kept as text: ${value.slice(0, 40)}`);
  return JSON.parse(value.slice(2));
}

/** Beacon's keys in the page's localStorage (an earlier version kept its files there). */
export async function localKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("beacon/")));
}
