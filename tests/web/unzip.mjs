// Unpacks a zip as an LMS's importer would, with a reader Beacon did not write: Python's
// `zipfile` (every entry's CRC checked with `testzip` first, then extracted).
import { execFileSync } from "node:child_process";

const PYTHON = `
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    if bad is not None:
        sys.exit(f"{sys.argv[1]}: {bad} is damaged (CRC)")
    z.extractall(sys.argv[2])
    print("\\n".join(z.namelist()))
`;

/** Unpacks the zip at `file` into `dir`; returns the entries' names in the archive's order. */
export function unzip(file, dir) {
  const out = execFileSync("python3", ["-c", PYTHON, file, dir], { encoding: "utf8" });
  return out.split("\n").filter((n) => n.length > 0);
}
