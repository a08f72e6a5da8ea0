// Fails the build when the JavaScript of the first load (the scripts and module preloads that
// dist/index.html names) passes the budget once gzip-compressed. Lazy chunks are not counted.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const budget = 300 * 1024;
const dist = new URL("../dist/", import.meta.url).pathname;
const html = readFileSync(join(dist, "index.html"), "utf8");
const files = new Set();
for (const m of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/?([^"]+\.js)"/g)) files.add(m[1]);
if (files.size === 0) {
  console.error("check-bundle-size: dist/index.html names no JavaScript");
  process.exit(1);
}
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`  ${file}: ${(size / 1024).toFixed(1)} KB gzip`);
}
const verdict = total <= budget ? "within" : "OVER";
console.log(`first-load JavaScript: ${(total / 1024).toFixed(1)} KB gzip, ${verdict} the ${budget / 1024} KB budget`);
if (total > budget) process.exit(1);
