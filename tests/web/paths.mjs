// Where the tests find the builds: target/dist/<name>, built by scripts/web.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The folder of a build, which must exist (run scripts/web first). */
export function dist(name) {
  const dir = join(ROOT, "target", "dist", name);
  if (!existsSync(join(dir, "index.html"))) throw new Error(`${dir} is missing: run scripts/web first`);
  return dir;
}
