// End-to-end: record ownership as a user meets it. In the demo CRM two sales teams own the
// accounts; an agent of the Berlin team signs in and sees only what Berlin owns, in the list, in
// search and on record pages (docs/security.md). Nothing is mocked.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { apiSession, launchBrowser, startServer } from "./harness.mjs";

let server;
let browser;
let api;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = await apiSession(server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const filter = (text) => `filter=${encodeURIComponent(text)}`;

describe("ownership in the web app", () => {
  test("an agent does not see another team's people", async () => {
    const users = (await api.get(`/users?${filter("role in ('agent', 'manager')")}&limit=50`)).data;
    const anna = users.find((u) => u.email === "anna.berger@rapport.example");
    const paul = users.find((u) => u.email === "paul.petit@rapport.example");
    assert.ok(anna && paul, "the demo has its two sales teams");
    const berlinTeam = anna.teams[0];
    const berlin = new Set(users.filter((u) => u.teams.includes(berlinTeam)).map((u) => u.id));
    assert.ok(!berlin.has(paul.id));
    await api.post(`/users/${anna.id}/password`, { password: "Anna-e2e-passw0rd" });
    const [ours] = (await api.get(`/people?${filter(`owner = ${anna.id}`)}&limit=1`)).data;
    const [theirs] = (await api.get(`/people?${filter(`owner = ${paul.id}`)}&limit=1`)).data;
    assert.ok(ours && theirs, "both agents own people in the demo");

    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await page.getByLabel("Email").fill(anna.email);
    await page.getByLabel("Password").fill("Anna-e2e-passw0rd");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "My day" }).waitFor();

    // The list holds Berlin's people only: what the page shows, and what her session may read.
    await page.goto(`${server.url}/people`);
    await page.locator('[role="row"][aria-rowindex]').first().waitFor();
    const rows = await page.evaluate(async () => (await (await fetch("/api/v1/people?limit=200")).json()).data);
    assert.ok(rows.length > 0);
    for (const person of rows) assert.ok(berlin.has(person.owner), `person ${person.id} is owned by ${person.owner}`);
    const shown = await page.locator('[role="row"][aria-rowindex] a').first().getAttribute("href");
    assert.ok(rows.some((p) => shown.endsWith(`/people/${p.id}`)), `the first row (${shown}) is one of hers`);

    // Search finds her team's person and not the other team's.
    await page.keyboard.press("Control+k");
    const box = page.getByRole("combobox", { name: "Search people, organizations and more" });
    let searched = page.waitForResponse((r) => r.url().includes("/api/v1/search?"));
    await box.fill(theirs.email);
    assert.deepEqual((await (await searched).json()).data, []);
    assert.equal(await page.getByRole("option").count(), 0);
    searched = page.waitForResponse((r) => r.url().includes("/api/v1/search?"));
    await box.fill(ours.email);
    await searched;
    await page.getByRole("option", { name: new RegExp(`${ours.first_name} ${ours.last_name}`) }).first().waitFor();
    await page.keyboard.press("Escape");

    // A record page of the other team's person says there is none; her own opens.
    await page.goto(`${server.url}/people/${theirs.id}`);
    await page.getByText(`There is no person #${theirs.id}.`).waitFor();
    await page.goto(`${server.url}/people/${ours.id}`);
    await page.getByRole("heading", { name: `${ours.first_name} ${ours.last_name}` }).waitFor();
    await context.close();
  });
});
