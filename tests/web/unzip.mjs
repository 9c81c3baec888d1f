// Unpacks a zip (stored or deflated entries, as `beacon export scorm` writes) with node's own
// zlib, reading the central directory as an LMS's importer does: a reader Beacon did not write.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { inflateRawSync } from "node:zlib";

/** The entries of the zip at `file`: [{ name, bytes }], in the central directory's order. */
export function readZip(file) {
  const zip = readFileSync(file);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${file} is not a zip: no end of central directory`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: damaged central directory`);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    const bytes = method === 0 ? data : method === 8 ? inflateRawSync(data) : null;
    if (!bytes) throw new Error(`${file}: ${name} uses compression method ${method}`);
    if (bytes.length !== size) throw new Error(`${file}: ${name} is ${bytes.length} bytes, not ${size}`);
    entries.push({ name, bytes });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Unpacks the zip at `file` into `dir`; returns the entries' names. */
export function unzip(file, dir) {
  const names = [];
  for (const { name, bytes } of readZip(file)) {
    const path = join(dir, normalize(name).replace(/^(\.\.(\/|$))+/, ""));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    names.push(name);
  }
  return names;
}
