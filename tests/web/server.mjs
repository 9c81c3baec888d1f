// A static file server on 127.0.0.1 for the browser tests: serves folders under URL prefixes
// with the right MIME types (WebAssembly must be application/wasm), no caching, and, like a
// real static host, gzip when the browser asks for it. It counts the bytes it sends.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".xml": "application/xml",
  ".css": "text/css",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".zip": "application/zip",
  ".toml": "text/plain; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".wasm", ".json", ".xml", ".css", ".toml", ".svg"]);

/**
 * Starts a server. `mounts` maps URL prefixes ("/", "/lms/") to folders.
 * Returns { url, sent(), close() }.
 */
export async function serve(mounts) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const gzipped = new Map();
  let bytes = 0;
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      const prefix = prefixes.find((p) => path.startsWith(p));
      if (!prefix) throw new Error("no mount");
      let rel = normalize(path.slice(prefix.length)).replace(/^(\.\.(\/|$))+/, "");
      if (rel === "" || rel === "." || rel.endsWith("/")) rel = join(rel, "index.html");
      const file = join(mounts[prefix], rel);
      if ((await stat(file)).isDirectory()) throw new Error("a folder");
      const ext = extname(file);
      let body = await readFile(file);
      const headers = { "content-type": TYPES[ext] ?? "application/octet-stream", "cache-control": "no-store" };
      if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        const key = `${file}:${body.length}`;
        if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: 9 }));
        body = gzipped.get(key);
        headers["content-encoding"] = "gzip";
      }
      headers["content-length"] = body.length;
      bytes += body.length;
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    sent: () => bytes,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
