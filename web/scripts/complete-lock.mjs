// Run after `npm install` changes package-lock.json. The registry reachable from our machines does
// not serve the native packages of other platforms (rollup's android, darwin, win32, musl … builds
// answer 404), so npm leaves them out of the lock, and npm 11's `npm ci` then refuses the lock
// ("Missing: @rollup/rollup-android-arm-eabi from lock file"). This adds a bare optional entry for
// each such package: npm ci accepts the lock and skips them on this platform as before.
import { readFileSync, writeFileSync } from "node:fs";
const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const pk = lock.packages;
let added = [];
for (const [path, entry] of Object.entries(pk)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
    if (pk[base] || pk[`node_modules/${name}`]) continue;
    pk[`node_modules/${name}`] = { version: range, optional: true };
    added.push(name);
  }
}
writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log(`complete-lock: added ${added.length} optional entries${added.length ? ` (${added.slice(0, 3).join(", ")}, …)` : ""}`);
