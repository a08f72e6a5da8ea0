// Starts the real rapport server on a free loopback port with a fresh SQLite database (a small demo
// CRM in it and a known first admin), and headless Chromium (Debian's /usr/bin/chromium) to drive it.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const admin = { email: "admin@e2e.example", password: "E2e-admin-passw0rd!" };

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url, child, log) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`rapport serve exited with ${child.exitCode}:\n${log.join("")}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`rapport serve did not get ready:\n${log.join("")}`);
}

export async function startServer() {
  const bin = process.env.RAPPORT_BIN ?? new URL("../../build/release/rapport", import.meta.url).pathname;
  if (!existsSync(bin)) throw new Error(`no rapport binary at ${bin}: build it first (make release)`);
  const dir = mkdtempSync(join(tmpdir(), "rapport-e2e-"));
  const database = `sqlite:${join(dir, "e2e.db")}`;
  const demo = spawnSync(bin, ["demo", "--people", "300", "--organizations", "40", "--database", database, "--log-level", "warn"], { encoding: "utf8" });
  if (demo.status !== 0) throw new Error(`rapport demo failed: ${demo.stderr}`);
  const port = await freePort();
  const log = [];
  const child = spawn(bin, ["serve", "--host", "127.0.0.1", "--port", String(port), "--database", database, "--access-log", "false", "--log-level", "warn"], {
    env: { ...process.env, RAPPORT_ADMIN_EMAIL: admin.email, RAPPORT_ADMIN_PASSWORD: admin.password },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => log.push(String(d)));
  child.stderr.on("data", (d) => log.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, log);
  return {
    url,
    log,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (scripts/deps.sh test installs it)`);
  return chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
}

// A signed-in API session for setting up and checking data beside the browser.
export async function apiSession(url) {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(admin),
  });
  if (!r.ok) throw new Error(`sign-in for the API failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers.get("set-cookie").split(";")[0];
  const { csrf_token: csrf } = await r.json();
  async function call(method, path, body, headers = {}) {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, "X-CSRF-Token": csrf, ...(body ? { "Content-Type": "application/json" } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  return {
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body),
    patch: (path, body, headers) => call("PATCH", path, body, headers),
  };
}

export async function signIn(page, url) {
  await page.goto(url);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "My day" }).waitFor();
}

// Screenshots go to web/test-results/screenshots/ on every run (so the steps that take them are
// always tested); `scripts/web.sh screenshots` writes the README's into docs/screenshots/.
export const screenshots = `${process.env.RAPPORT_SCREENSHOTS ?? new URL("../test-results/screenshots", import.meta.url).pathname}/`;
