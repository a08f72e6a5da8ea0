// End-to-end: headless Chromium drives the web app served by the real rapport binary, on a fresh
// SQLite database with a small demo CRM. Nothing is mocked. Screenshots go to docs/screenshots/.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { admin, apiSession, launchBrowser, screenshots, signIn, startServer } from "./harness.mjs";

let server;
let browser;
let api;
const pageErrors = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = await apiSession(server.url);
  mkdirSync(screenshots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(viewport = { width: 1280, height: 860 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(10_000);
  return page;
}

// The texts of one column of the list's loaded rows, by its header.
async function columnTexts(page, header) {
  return page.evaluate((name) => {
    const headers = [...document.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent.replace(/[▲▼]/g, "").trim());
    const index = headers.indexOf(name);
    if (index < 0) throw new Error(`no column ${name} among ${headers.join(", ")}`);
    return [...document.querySelectorAll('[role="row"][aria-rowindex]')].map((r) => r.querySelectorAll('[role="cell"]')[index].textContent.trim());
  }, header);
}

// The WCAG 2 A and AA problems that axe-core finds on the page as it is, one line each.
async function accessibilityProblems(page) {
  // Once per document: the app's own navigation keeps it, and parsing axe again costs seconds.
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ path: new URL("../node_modules/axe-core/axe.min.js", import.meta.url).pathname });
  }
  const violations = await page.evaluate(async () =>
    (await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })).violations);
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}x, e.g. ${v.nodes[0].target.join(" ")})`);
}

async function waitForRows(page) {
  await page.locator('[role="row"][aria-rowindex]').first().waitFor();
  await page.waitForFunction(() => !document.querySelector(".table-foot")?.textContent?.includes("loading"));
}

describe("the web app", () => {
  test("sign in: a wrong password is refused with a message, the right one opens the app, sign out ends it", async () => {
    const page = await newPage();
    await page.goto(`${server.url}/people`);
    await page.getByRole("heading", { name: "Sign in to Rapport" }).waitFor();
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    assert.equal(await page.getByRole("alert").textContent(), "The email or the password is wrong.");
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "People", exact: true }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Rapport" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Sign in to Rapport" }).waitFor();
    await page.context().close();
  });

  test("create a person, log an interaction and a follow-up task, and see both on the timeline", async () => {
    const page = await newPage({ width: 1280, height: 1100 });
    await signIn(page, server.url);
    await page.getByRole("link", { name: "People", exact: true }).click();
    await page.getByRole("link", { name: "New person" }).click();
    await page.getByLabel("First name").fill("Ada");
    await page.getByLabel("Last name").fill("Lovelace-E2E");
    await page.getByLabel("Email", { exact: true }).fill("not-an-email");
    await page.getByRole("button", { name: "Create person" }).click();
    await page.getByText("Email must be an email address").waitFor();
    await page.getByLabel("Email", { exact: true }).fill("ada.e2e@example.com");
    const [org] = (await api.get("/organizations?limit=1&sort=name")).data;
    const orgField = page.getByRole("combobox", { name: "Organization" });
    await orgField.fill(org.name);
    await page.getByRole("option", { name: new RegExp(`#${org.id}$`) }).waitFor();
    await orgField.press("ArrowDown");
    await orgField.press("ArrowUp");
    await orgField.press("Enter");
    assert.equal(await orgField.inputValue(), org.name);
    await page.getByRole("button", { name: "Create person" }).click();
    await page.getByRole("heading", { name: "Ada Lovelace-E2E" }).waitFor();
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    assert.ok(id > 0);

    const quick = page.getByRole("form", { name: "Quick add" });
    await quick.getByLabel("Channel").selectOption("meeting");
    await quick.getByLabel("Subject").fill("Kick-off meeting");
    await quick.getByLabel("Summary").fill("Talked about the roll-out");
    await quick.getByRole("button", { name: "Add interaction" }).click();
    const timeline = page.getByRole("list", { name: "Timeline entries" });
    await timeline.getByText("Meeting (outbound): Kick-off meeting").waitFor();

    await quick.getByText("Follow-up task").click();
    await quick.getByRole("textbox", { name: "Task" }).fill("Send the proposal");
    await quick.getByRole("button", { name: "Add task" }).click();
    await timeline.getByText("Task: Send the proposal").waitFor();
    await page.screenshot({ path: `${screenshots}record.png` });

    assert.equal((await api.get(`/people/${id}`)).organization, org.id);
    const entries = (await api.get(`/people/${id}/timeline`)).data;
    assert.ok(entries.some((e) => e.kind === "interaction" && e.record.subject === "Kick-off meeting"));
    assert.ok(entries.some((e) => e.kind === "task" && e.record.title === "Send the proposal" && e.record.person === id));
    await page.context().close();
  });

  test("an organization's page has its form, relationship panel and timeline, and logs an interaction", async () => {
    const [org] = (await api.get("/organizations?limit=1&sort=-name")).data;
    const page = await newPage({ width: 1280, height: 1000 });
    await signIn(page, server.url);
    await page.getByRole("link", { name: "Organizations" }).click();
    await waitForRows(page);
    await page.getByRole("columnheader", { name: "Name" }).getByRole("button").click();
    await page.getByRole("columnheader", { name: "Name" }).getByRole("button").click();
    assert.equal(await page.getByRole("columnheader", { name: "Name" }).getAttribute("aria-sort"), "descending");
    await page.waitForFunction((name) => document.querySelector('[role="row"][aria-rowindex] [role="cell"]:nth-child(2)')?.textContent === name, org.name);
    await page.getByRole("link", { name: org.name, exact: true }).first().click();
    await page.getByRole("heading", { name: org.name }).waitFor();
    await page.getByRole("heading", { name: "Relationship", exact: true }).waitFor();
    const quick = page.getByRole("form", { name: "Quick add" });
    await quick.getByLabel("Channel").selectOption("phone");
    await quick.getByLabel("Subject").fill("Quarterly check-in");
    await quick.getByRole("button", { name: "Add interaction" }).click();
    await page.getByRole("list", { name: "Timeline entries" }).getByText("Phone (outbound): Quarterly check-in").waitFor();
    await page.context().close();
  });

  test("a custom field added in settings shows in the list's column chooser and on the form", async () => {
    const page = await newPage();
    await signIn(page, server.url);
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Bad Name");
    await page.getByRole("button", { name: "Add field" }).click();
    await page.getByText("Name must start with a lowercase letter").waitFor();
    await page.getByLabel("Name", { exact: true }).fill("region");
    await page.getByLabel("Label").fill("Sales region");
    await page.getByLabel("Type").selectOption("enum");
    await page.getByLabel("Options").fill("emea, amer, apac");
    await page.getByRole("button", { name: "Add field" }).click();
    await page.getByText("Added Sales region to people.").waitFor();

    await page.getByRole("link", { name: "People", exact: true }).click();
    await waitForRows(page);
    await page.getByText("Columns", { exact: true }).click();
    await page.getByRole("checkbox", { name: /Sales region/ }).check();
    await page.getByRole("columnheader", { name: "Sales region" }).waitFor();

    const [person] = (await api.get(`/people?filter=${encodeURIComponent("last_name = 'Lovelace-E2E'")}`)).data;
    await page.goto(`${server.url}/people/${person.id}`);
    await page.getByLabel("Sales region").selectOption("emea");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    assert.equal((await api.get(`/people/${person.id}`)).region, "emea");
    await page.context().close();
  });

  test("settings: a custom field is relabelled, deactivated (off the form, its data kept), activated, then deleted for good", async () => {
    await api.post("/meta/objects/organization/fields", { name: "e2e_tier", type: "text", label: "Tier" });
    const org = await api.post("/organizations", { name: "E2E Tiered Org", kind: "customer", e2e_tier: "gold" });
    const page = await newPage();
    await signIn(page, server.url);
    const settings = async () => {
      await page.goto(`${server.url}/settings`);
      await page.getByLabel("Object").selectOption("organization");
      await page.getByRole("cell", { name: "e2e_tier", exact: true }).waitFor();
    };
    const field = async () => (await api.get("/meta")).objects.find((o) => o.name === "organization").fields.find((f) => f.name === "e2e_tier");
    await settings();
    await page.getByRole("button", { name: "Edit e2e_tier" }).click();
    await page.getByLabel("Label of e2e_tier").fill("Account tier");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved Account tier." }).waitFor();
    assert.equal((await field()).label, "Account tier");

    await page.getByRole("button", { name: "Deactivate e2e_tier" }).click();
    await page.getByRole("status").filter({ hasText: "Account tier is inactive" }).waitFor();
    assert.equal((await field()).active, false);
    await page.goto(`${server.url}/organizations/${org.id}`);
    await page.getByRole("heading", { name: "E2E Tiered Org" }).waitFor();
    await page.getByRole("button", { name: "Save" }).waitFor();
    assert.equal(await page.getByLabel("Account tier").count(), 0, "an inactive field is off the form");

    await settings();
    await page.getByRole("button", { name: "Activate e2e_tier" }).click();
    await page.getByRole("status").filter({ hasText: "Account tier is active again." }).waitFor();
    await page.goto(`${server.url}/organizations/${org.id}`);
    assert.equal(await page.getByLabel("Account tier").inputValue(), "gold", "the data was kept");

    await settings();
    assert.equal(await page.getByRole("button", { name: "Delete e2e_tier" }).count(), 0, "an active field cannot be deleted");
    await page.getByRole("button", { name: "Deactivate e2e_tier" }).click();
    await page.getByRole("button", { name: "Delete e2e_tier", exact: true }).click();
    await page.getByRole("button", { name: "Delete e2e_tier and its data for good" }).click();
    await page.getByRole("status").filter({ hasText: "Account tier and its data are deleted." }).waitFor();
    await page.getByRole("cell", { name: "e2e_tier", exact: true }).waitFor({ state: "detached" });
    assert.equal(await field(), undefined);
    await page.context().close();
  });

  test("an admin resets a user's password in settings; the user changes their own in My account", async () => {
    const user = await api.post("/users", { name: "Reset E2E", email: "reset.e2e@example.com", role: "agent" });
    await api.post(`/users/${user.id}/password`, { password: "First-passw0rd-e2e" });
    const page = await newPage();
    await signIn(page, server.url);
    await page.goto(`${server.url}/settings/users`);
    const form = page.getByRole("form", { name: "Reset a password" });
    await form.getByLabel("User").selectOption({ label: "Reset E2E" });
    await form.getByLabel("New password").fill("Reset-passw0rd-e2e");
    await form.getByRole("button", { name: "Set password" }).click();
    await page.getByRole("status").filter({ hasText: "New password set for Reset E2E" }).waitFor();
    await page.context().close();

    const signInAs = async (p, password) => {
      await p.goto(server.url);
      await p.getByLabel("Email").fill("reset.e2e@example.com");
      await p.getByLabel("Password").fill(password);
      await p.getByRole("button", { name: "Sign in" }).click();
      await p.getByRole("heading", { name: "My day" }).waitFor();
    };
    const agent = await newPage();
    await signInAs(agent, "Reset-passw0rd-e2e");
    await agent.getByRole("link", { name: "Settings" }).click();
    await agent.getByRole("link", { name: "My account" }).click();
    await agent.getByText("reset.e2e@example.com").waitFor();
    await agent.getByLabel("Current password").fill("not-my-passw0rd");
    await agent.getByLabel("New password", { exact: true }).fill("Own-new-passw0rd-e2e");
    await agent.getByLabel("New password again").fill("Own-new-passw0rd-e2x");
    await agent.getByRole("button", { name: "Change password" }).click();
    await agent.getByText("Repeat does not match the new password").waitFor();
    await agent.getByLabel("New password again").fill("Own-new-passw0rd-e2e");
    await agent.getByRole("button", { name: "Change password" }).click();
    await agent.getByText("Current password is wrong").waitFor();
    await agent.getByLabel("Current password").fill("Reset-passw0rd-e2e");
    await agent.getByRole("button", { name: "Change password" }).click();
    await agent.getByRole("status").filter({ hasText: "Your password is changed." }).waitFor();
    await agent.getByRole("button", { name: "Sign out" }).click();
    await signInAs(agent, "Own-new-passw0rd-e2e");
    await agent.context().close();
  });

  test("a person's addresses and personal dates: added (a field error first), listed, deleted; the anniversary comes up on My day", async () => {
    const person = await api.post("/people", { first_name: "E2E", last_name: "Dates" });
    const page = await newPage({ width: 1280, height: 1000 });
    await signIn(page, server.url);
    await page.goto(`${server.url}/people/${person.id}`);
    const addresses = page.getByRole("region", { name: "Addresses" });
    await addresses.getByText("None yet.").waitFor();
    await addresses.getByRole("button", { name: "Add address" }).click();
    const form = addresses.getByRole("form", { name: "New address" });
    await form.getByLabel("Street").fill("Ring 1");
    await form.getByLabel("City").fill("Vienna");
    await form.getByLabel("Country").fill("AUT");
    await form.getByRole("button", { name: "Save address" }).click();
    await form.getByText("Country must be at most 2 characters").waitFor();
    await form.getByLabel("Country").fill("AT");
    await form.getByRole("button", { name: "Save address" }).click();
    await addresses.getByRole("listitem").filter({ hasText: "Ring 1, Vienna, AT" }).waitFor();
    const [address] = (await api.get(`/addresses?filter=${encodeURIComponent(`person = ${person.id}`)}`)).data;
    assert.deepEqual([address.street, address.city, address.country], ["Ring 1", "Vienna", "AT"]);

    const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const dates = page.getByRole("region", { name: "Personal dates" });
    await dates.getByRole("button", { name: "Add personal date" }).click();
    const dateForm = dates.getByRole("form", { name: "New personal date" });
    await dateForm.getByLabel("Kind").selectOption("wedding");
    await dateForm.getByLabel("Label").fill("Wedding day");
    await dateForm.getByLabel("Date").fill(`2015${inThreeDays.slice(4)}`);
    await dateForm.getByRole("button", { name: "Save personal date" }).click();
    await dates.getByRole("listitem").filter({ hasText: "Wedding: Wedding day" }).waitFor();

    await page.getByRole("button", { name: "Delete address Ring 1, Vienna, AT" }).click();
    await addresses.getByText("None yet.").waitFor();
    assert.equal((await api.get(`/addresses?filter=${encodeURIComponent(`person = ${person.id}`)}`)).data.length, 0);

    await page.getByRole("link", { name: "My day" }).click();
    const upcoming = page.getByRole("region", { name: /Birthdays and anniversaries/ }).getByRole("listitem").filter({ hasText: "E2E Dates" });
    await upcoming.getByText(/Wedding day \(\d+\) · in 3 days/).waitFor();
    await page.context().close();
  });

  test("a likely duplicate shows on the record page and is merged into it, its interaction with it; the vCard; delete and restore", async () => {
    const keep = await api.post("/people", { first_name: "E2E", last_name: "Twin", email: "twin@e2e.example" });
    const twin = await api.post("/people", { first_name: "E2E", last_name: "Twin", email: "TWIN@e2e.example", job_title: "Twin analyst" });
    await api.post("/interactions", { channel: "chat", subject: "Twin talk", participants: [twin.id] });
    const page = await newPage({ width: 1280, height: 1000 });
    await signIn(page, server.url);
    await page.goto(`${server.url}/people/${keep.id}`);
    const panel = page.getByRole("region", { name: "Likely duplicates" });
    await panel.getByRole("listitem").filter({ hasText: /E2E Twin · .*same email/ }).waitFor();
    await panel.getByRole("button", { name: "Merge E2E Twin into this person" }).click();
    await panel.getByRole("button", { name: "Merge E2E Twin into this one" }).click();
    await panel.getByRole("status").filter({ hasText: /Merged E2E Twin into this person: moved .*1 interaction/ }).waitFor();
    assert.equal(await page.getByLabel("Job title").inputValue(), "Twin analyst", "the form shows the merged record");
    await page.getByRole("list", { name: "Timeline entries" }).getByText("Twin talk").waitFor();
    await assert.rejects(api.get(`/people/${twin.id}`), /404/);

    const [vcard] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download vCard" }).click()]);
    const card = readFileSync(await vcard.path(), "utf8");
    assert.match(card, /^BEGIN:VCARD/);
    assert.match(card, /FN:E2E Twin/);
    assert.equal(card.match(/BEGIN:VCARD/g).length, 1, "only this person");

    await page.getByRole("button", { name: "Delete person" }).click();
    await page.getByRole("button", { name: "Delete E2E Twin" }).click();
    await page.getByText("E2E Twin is deleted.").waitFor();
    await assert.rejects(api.get(`/people/${keep.id}`), /404/);
    await page.getByRole("button", { name: "Restore E2E Twin" }).click();
    assert.equal(await page.getByLabel("Job title").inputValue(), "Twin analyst");
    assert.equal((await api.get(`/people/${keep.id}`)).deleted_at, null);
    await page.context().close();
  });

  test("API keys in settings: one made and shown once works until revoked; an admin makes one for another user and sees everyone's", async () => {
    await api.post("/users", { name: "Keys E2E", email: "keys.e2e@example.com", role: "agent" });
    const page = await newPage();
    await signIn(page, server.url);
    await page.goto(`${server.url}/settings/api-keys`);
    const form = page.getByRole("form", { name: "Create a key" });
    await form.getByLabel("Name").fill("E2E script");
    await form.getByRole("button", { name: "Create key" }).click();
    const secret = await page.locator(".secret").textContent();
    const withKey = () => fetch(`${server.url}/api/v1/people?limit=1`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal((await withKey()).status, 200);
    await page.getByRole("button", { name: "Revoke E2E script" }).click();
    await page.getByRole("row", { name: /E2E script.*revoked/ }).waitFor();
    assert.equal((await withKey()).status, 401);

    await form.getByLabel("Name").fill("E2E agent key");
    await form.getByLabel("For").selectOption({ label: "Keys E2E" });
    await form.getByRole("button", { name: "Create key" }).click();
    await page.getByRole("status").filter({ hasText: "E2E agent key for Keys E2E" }).waitFor();
    assert.equal(await page.getByRole("cell", { name: "E2E agent key" }).count(), 0, "not among my own keys");
    await page.getByLabel("Everyone's keys").check();
    await page.getByRole("row", { name: /^Keys E2E E2E agent key/ }).waitFor();
    await page.context().close();
  });

  test("filter a list with the builder and with typed text, and see a parse error at its position", async () => {
    const page = await newPage();
    await signIn(page, server.url);
    await page.getByRole("link", { name: "People", exact: true }).click();
    await waitForRows(page);
    // scrolling to the end of the first page (100 rows) reads the next one by its cursor
    const footer = page.locator(".table-foot");
    assert.equal(await footer.textContent(), "100+ people (scroll for more)");
    await page.locator(".table-scroll").evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForFunction(() => /^200\+ people/.test(document.querySelector(".table-foot").textContent));
    const rendered = await page.locator('[role="row"][aria-rowindex]').count();
    assert.ok(rendered < 60, `only the rows in view are rendered, not ${rendered}`);

    await page.getByText("Filter builder").click();
    await page.getByRole("button", { name: "Add condition" }).click();
    await page.getByLabel("Condition 1 field").selectOption("lifecycle_stage");
    await page.getByLabel("Condition 1 operator").selectOption("=");
    await page.getByLabel("Condition 1 value").selectOption("customer");
    await page.getByRole("button", { name: "Apply filter" }).click();
    assert.equal(await page.getByLabel("Filter", { exact: true }).inputValue(), "lifecycle_stage = 'customer'");
    await page.getByText("Filter builder").click();
    await page.waitForFunction(() => document.querySelectorAll('[role="row"][aria-rowindex]').length > 0);
    await waitForRows(page);
    const stages = await columnTexts(page, "Lifecycle stage");
    assert.ok(stages.length > 0);
    assert.deepEqual([...new Set(stages)], ["Customer"]);
    await page.screenshot({ path: `${screenshots}list.png` });
    const [exported] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    const lines = readFileSync(await exported.path(), "utf8").trim().split(/\r?\n/);
    const header = lines[0].split(",");
    assert.deepEqual(header.slice(0, 4), ["id", "first_name", "last_name", "email"]);
    const stageAt = header.indexOf("lifecycle_stage");
    assert.ok(stageAt > 0 && lines.length > 1);
    // demo names and emails have no commas, so a plain split finds the column
    assert.deepEqual([...new Set(lines.slice(1).map((l) => l.split(",")[stageAt]))], ["customer"]);

    // the view is saved under a name and brought back after the filter is cleared
    await page.getByText("Views", { exact: true }).click();
    await page.getByLabel("Name of the view").fill("Customers");
    await page.getByRole("button", { name: "Save view" }).click();
    await page.getByText("Views", { exact: true }).click();
    const filter = page.getByLabel("Filter", { exact: true });
    await page.getByRole("button", { name: "Clear" }).click();
    assert.equal(await filter.inputValue(), "");
    await page.getByText("Views", { exact: true }).click();
    await page.getByRole("button", { name: "Customers", exact: true }).click();
    assert.equal(await filter.inputValue(), "lifecycle_stage = 'customer'");
    await page.getByText("Views", { exact: true }).click();

    await filter.fill("lifecycle_stage = 'custmer'");
    await filter.press("Enter");
    const error = page.locator("#filter-error");
    await error.waitFor();
    assert.match(await error.textContent(), /At position 18: 'custmer' is not an option of 'lifecycle_stage'/);
    assert.equal((await error.locator("pre").textContent()).split("\n")[1], `${" ".repeat(18)}^`);
    assert.equal(await filter.evaluate((el) => el.selectionStart), 18);

    await filter.fill("last_name = 'Lovelace-E2E'");
    await filter.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll('[role="row"][aria-rowindex]').length === 1);
    assert.deepEqual(await columnTexts(page, "First name"), ["Ada"]);
    assert.equal(await error.count(), 0);

    // edit in place: a bad email is refused with the reason, a stage is saved
    const row = page.locator('[role="row"][aria-rowindex]').first();
    const [ada] = (await api.get(`/people?filter=${encodeURIComponent("last_name = 'Lovelace-E2E'")}`)).data;
    await row.getByText("ada.e2e@example.com").dblclick();
    const email = page.getByLabel(`Email of ${ada.id}`);
    await email.fill("not-an-email");
    await email.press("Enter");
    await page.getByRole("alert").filter({ hasText: "Email must be an email address" }).waitFor();
    await email.press("Escape");
    await row.getByText("Prospect").dblclick();
    await page.getByLabel(`Lifecycle stage of ${ada.id}`).selectOption("loyal");
    await page.getByLabel(`Lifecycle stage of ${ada.id}`).press("Enter");
    await row.getByText("Loyal").waitFor();
    const after = await api.get(`/people/${ada.id}`);
    assert.equal(after.lifecycle_stage, "loyal");
    assert.equal(after.email, "ada.e2e@example.com");
    await page.context().close();
  });

  test("bulk actions on selected rows: set a stage, add a tag, delete", async () => {
    for (const first of ["Uma", "Vic", "Wes"]) {
      await api.post("/people", { first_name: first, last_name: "Bulk-E2E", lifecycle_stage: "lead" });
    }
    const page = await newPage();
    await signIn(page, server.url);
    await page.getByRole("link", { name: "People", exact: true }).click();
    const filter = page.getByLabel("Filter", { exact: true });
    await filter.fill("last_name = 'Bulk-E2E'");
    await filter.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll('[role="row"][aria-rowindex]').length === 3);
    const bulkFilter = encodeURIComponent("last_name = 'Bulk-E2E'");

    await page.getByLabel("Select all loaded rows").check();
    const bar = page.getByRole("region", { name: "Bulk actions" });
    await bar.getByText("3 selected").waitFor();
    await bar.getByLabel("Action").selectOption("set:lifecycle_stage");
    await bar.getByLabel("Value").selectOption("customer");
    await bar.getByRole("button", { name: "Apply" }).click();
    await page.getByRole("status").filter({ hasText: "Updated 3 of 3." }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[role="row"][aria-rowindex]').length === 3);
    assert.deepEqual([...new Set(await columnTexts(page, "Lifecycle stage"))], ["Customer"]);

    await page.getByLabel("Select row 1").check();
    await page.getByLabel("Select row 2").check();
    await bar.getByLabel("Action").selectOption("tag");
    await bar.getByLabel("Tag").fill("bulk-e2e");
    await bar.getByRole("button", { name: "Apply" }).click();
    await page.getByRole("status").filter({ hasText: "Updated 2 of 2." }).waitFor();
    const tagged = (await api.get(`/people?filter=${bulkFilter}`)).data;
    assert.deepEqual(tagged.map((p) => p.lifecycle_stage), ["customer", "customer", "customer"]);
    assert.equal(tagged.filter((p) => p.tags.includes("bulk-e2e")).length, 2);

    await page.waitForFunction(() => document.querySelectorAll('[role="row"][aria-rowindex]').length === 3);
    await page.getByLabel("Select all loaded rows").check();
    await bar.getByLabel("Action").selectOption("delete");
    await bar.getByRole("button", { name: "Apply" }).click();
    await bar.getByRole("button", { name: "Delete 3? Confirm" }).click();
    await page.getByRole("status").filter({ hasText: "Deleted 3 of 3." }).waitFor();
    await page.waitForFunction(() => document.querySelector(".table-foot").textContent === "0 people");
    assert.equal((await api.get(`/people?filter=${bulkFilter}`)).data.length, 0);
    await page.context().close();
  });

  test("import a CSV with one bad row: the dry run reports it, the import skips it, the report downloads", async () => {
    const page = await newPage();
    await signIn(page, server.url);
    await page.getByRole("link", { name: "Import" }).click();
    const csv = "first_name,last_name,email\nImp,One,imp.one@example.com\nImp,Two,not-an-email\nImp,Three,imp.three@example.com\n";
    await page.getByLabel("CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Check the file" }).click();
    await page.getByText("3 rows: 2 would be created").waitFor();
    const problems = page.getByRole("table", { name: "Rows with problems" });
    assert.deepEqual(await problems.locator("tbody tr").allTextContents(), ["3emailmust be an email address"]);
    assert.equal((await api.get(`/people?filter=${encodeURIComponent("email = 'imp.one@example.com'")}`)).data.length, 0);

    await page.getByRole("button", { name: "Import 2 rows, skip 1 with problems" }).click();
    await page.getByText("3 rows: 2 created").waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the error report" }).click()]);
    const report = readFileSync(await download.path(), "utf8");
    assert.equal(report, "row,field,message\r\n3,email,must be an email address\r\n");
    assert.equal((await api.get(`/people?filter=${encodeURIComponent("email = 'imp.one@example.com'")}`)).data.length, 1);
    await page.context().close();
  });

  test("complete a task from My day with one click", async () => {
    const task = await api.post("/tasks", { title: "E2E call back", kind: "call", due_at: "2001-01-01T09:00:00Z" });
    const page = await newPage();
    await signIn(page, server.url);
    const item = page.getByRole("listitem").filter({ hasText: "E2E call back" });
    await item.waitFor();
    await page.getByRole("button", { name: "Complete E2E call back" }).click();
    await page.getByRole("status").filter({ hasText: "Completed: E2E call back" }).waitFor();
    assert.equal(await item.count(), 0);
    assert.equal((await api.get(`/tasks/${task.id}`)).status, "done");

    const later = await api.post("/tasks", { title: "E2E move me", kind: "todo", due_at: "2001-01-01T08:00:00Z" });
    await page.reload();
    await page.getByRole("button", { name: "Move E2E move me to tomorrow" }).click();
    await page.getByRole("listitem").filter({ hasText: "E2E move me" }).waitFor({ state: "detached" });
    const moved = await api.get(`/tasks/${later.id}`);
    assert.ok(Date.parse(moved.due_at) > Date.now(), `due ${moved.due_at} is in the future`);
    assert.equal(moved.status, "open");
    await page.screenshot({ path: `${screenshots}my-day.png` });
    await page.context().close();
  });

  test("My day: log a touch with a person overdue for contact, plan a call with an organization, log birthday wishes", async () => {
    // Last touched in 2001 with a 30-day cadence: overdue, and first in the list.
    const person = await api.post("/people", { first_name: "E2E", last_name: "Touchme", touch_cadence_days: 30 });
    const org = await api.post("/organizations", { name: "E2E Touch Org", kind: "customer", touch_cadence_days: 30 });
    await api.post("/interactions", { channel: "letter", occurred_at: "2001-01-01T09:00:00Z", participants: [person.id], organization: org.id });
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const birthday = await api.post("/people", { first_name: "E2E", last_name: "Birthday", birthday: `1980${inTwoDays.slice(4)}` });

    const page = await newPage();
    await signIn(page, server.url);
    const overdue = page.getByRole("region", { name: /Overdue for contact/ });
    const personRow = overdue.getByRole("listitem").filter({ hasText: "E2E Touchme" });
    await personRow.waitFor();
    assert.match(await personRow.textContent(), /\d+ days overdue.*every 30 days/);
    await page.getByLabel("Log touches as").selectOption("email");
    await page.getByRole("button", { name: "Log touch with E2E Touchme" }).click();
    await page.getByRole("status").filter({ hasText: "Touch logged with E2E Touchme (email); next due" }).waitFor();
    await personRow.waitFor({ state: "detached" });
    const touched = await api.get(`/people/${person.id}`);
    assert.ok(Date.parse(touched.next_touch_due) > Date.now() + 29 * 86_400_000, `next due ${touched.next_touch_due}`);
    const logged = await api.get(`/interactions?filter=${encodeURIComponent(`participants has ${person.id}`)}&sort=-occurred_at&limit=1`);
    assert.equal(logged.data[0].channel, "email");

    const orgRow = overdue.getByRole("listitem").filter({ hasText: "E2E Touch Org" });
    await page.getByRole("button", { name: "Call next week with E2E Touch Org" }).click();
    await orgRow.getByText(/call planned/).waitFor();
    const tasks = await api.get(`/tasks?filter=${encodeURIComponent(`organization = ${org.id} and status = 'open'`)}`);
    assert.equal(tasks.data.length, 1);
    assert.equal(tasks.data[0].title, "Get in touch with E2E Touch Org");
    assert.ok(Date.parse(tasks.data[0].due_at) > Date.now());
    await page.reload();
    await orgRow.getByText(/call planned/).waitFor();
    assert.equal(await page.getByRole("button", { name: "Call tomorrow with E2E Touch Org" }).count(), 0, "no second plan offered");

    const dates = page.getByRole("region", { name: /Birthdays and anniversaries/ });
    await dates.getByRole("listitem").filter({ hasText: "E2E Birthday" }).getByText("in 2 days").waitFor();
    await page.getByRole("button", { name: "Log wishes to E2E Birthday for the birthday" }).click();
    await dates.getByRole("listitem").filter({ hasText: "E2E Birthday" }).getByText("wishes logged").waitFor();
    const wishes = await api.get(`/interactions?filter=${encodeURIComponent(`participants has ${birthday.id}`)}`);
    assert.equal(wishes.data.length, 1);
    assert.equal(wishes.data[0].subject, "Wishes: birthday");
    await page.context().close();
  });

  test("My day lists the contracts renewing in the next 60 days, soonest first", async () => {
    const filter = "status = 'active' and renewal_date >= today() and renewal_date <= today() + 60d";
    const due = (await api.get(`/contracts?filter=${encodeURIComponent(filter)}&sort=renewal_date&limit=20`)).data;
    assert.ok(due.length > 0, "the demo has renewals coming up");
    const page = await newPage();
    await signIn(page, server.url);
    const panel = page.getByRole("region", { name: "Renewals, next 60 days" });
    await panel.getByRole("listitem").first().waitFor();
    assert.equal(await panel.getByRole("listitem").count(), due.length);
    assert.match(await panel.getByRole("listitem").first().textContent(), new RegExp(`${due[0].title}.*renews (today|tomorrow|in \\d+ days)`));
    await panel.getByRole("listitem").first().getByRole("link").click();
    await page.waitForURL(`**/organizations/${due[0].organization}`);
    await page.context().close();
  });

  test("Ctrl-K search finds a person and opens the record with the keyboard", async () => {
    const page = await newPage();
    await signIn(page, server.url);
    await page.keyboard.press("Control+k");
    const box = page.getByRole("combobox", { name: "Search people, organizations and more" });
    await box.fill("Lovelace-E2E");
    await page.getByRole("option", { name: /Ada Lovelace-E2E/ }).waitFor();
    await box.press("Enter");
    await page.getByRole("heading", { name: "Ada Lovelace-E2E" }).waitFor();
    await page.context().close();
  });

  test("an edit that crosses another (412) shows what changed and reapplies the user's change", async () => {
    const [person] = (await api.get(`/people?filter=${encodeURIComponent("last_name = 'Lovelace-E2E'")}`)).data;
    const page = await newPage({ width: 1280, height: 1000 });
    await signIn(page, server.url);
    await page.goto(`${server.url}/people/${person.id}`);
    await page.getByLabel("Job title").fill("Mathematician");
    await api.patch(`/people/${person.id}`, { job_title: "Analyst", language: "en" });
    await page.getByRole("button", { name: "Save" }).click();
    const conflict = page.locator(".conflict");
    await conflict.getByText("Someone else changed this person").waitFor();
    assert.deepEqual(await conflict.locator("tr.clash").allTextContents(), ["Job title(empty)AnalystMathematician"]);
    await page.getByRole("button", { name: "Reapply my changes" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const saved = await api.get(`/people/${person.id}`);
    assert.equal(saved.job_title, "Mathematician");
    assert.equal(saved.language, "en");
    await page.context().close();
  });

  test("on a phone-sized screen the navigation folds into a menu", async () => {
    const page = await newPage({ width: 390, height: 800 });
    await signIn(page, server.url);
    const link = page.getByRole("link", { name: "Organizations" });
    assert.equal(await link.isVisible(), false);
    await page.getByRole("button", { name: "Menu" }).click();
    await link.click();
    await page.getByRole("heading", { name: "Organizations", exact: true }).waitFor();
    await waitForRows(page);
    await page.context().close();
  });

  test("an admin adds a user in settings who can then sign in; repeated wrong passwords lock the account with a wait", async () => {
    const page = await newPage();
    await signIn(page, server.url);
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("link", { name: "Users" }).click();
    const form = page.getByRole("form", { name: "Add a user" });
    await form.getByLabel("Name").fill("Agent E2E");
    await form.getByLabel("Email").fill("agent.e2e@example.com");
    await form.getByLabel("Role").selectOption("agent");
    await form.getByLabel("First password").fill("short");
    await form.getByRole("button", { name: "Add user" }).click();
    await page.getByText("Password must be at least 10 characters long.").waitFor();
    await form.getByLabel("First password").fill("Agent-e2e-passw0rd");
    await form.getByRole("button", { name: "Add user" }).click();
    await page.getByText("Added Agent E2E; they can sign in now.").waitFor();
    await page.getByRole("cell", { name: "agent.e2e@example.com" }).waitFor();

    await page.getByRole("link", { name: "Teams" }).click();
    await page.getByLabel("Team name").fill("Key accounts");
    await page.getByRole("button", { name: "Add team" }).click();
    const team = page.getByRole("group", { name: "Key accounts" });
    await team.getByRole("checkbox", { name: "Agent E2E" }).check();
    let agentUser;
    const [keyAccounts] = (await api.get(`/teams?filter=${encodeURIComponent("name = 'Key accounts'")}`)).data;
    for (let i = 0; i < 50 && !agentUser?.teams.length; i++) {
      [agentUser] = (await api.get(`/users?filter=${encodeURIComponent("email = 'agent.e2e@example.com'")}`)).data;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(agentUser.teams, [keyAccounts.id]);
    await page.context().close();

    const agent = await newPage();
    await agent.goto(server.url);
    await agent.getByLabel("Email").fill("agent.e2e@example.com");
    await agent.getByLabel("Password").fill("Agent-e2e-passw0rd");
    await agent.getByRole("button", { name: "Sign in" }).click();
    await agent.getByRole("heading", { name: "My day" }).waitFor();
    assert.equal(await agent.locator(".who").textContent(), "Agent E2E");
    await agent.getByRole("button", { name: "Sign out" }).click();

    // Fail until the account's wait has grown to a few seconds (1 s after the 6th failure, then 2, 4).
    let failures = 0;
    while (failures < 8) {
      const r = await fetch(`${server.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: "agent.e2e@example.com", password: "wrong-password-x" }),
      });
      if (r.status === 401) failures += 1;
      else if (r.status === 429) await new Promise((done) => setTimeout(done, Number(r.headers.get("Retry-After")) * 1000 + 50));
      else assert.fail(`unexpected ${r.status}`);
    }
    await agent.getByLabel("Email").fill("agent.e2e@example.com");
    await agent.getByLabel("Password").fill("wrong-password-x");
    await agent.getByRole("button", { name: "Sign in" }).click();
    assert.match(await agent.getByRole("alert").textContent(), /^Too many attempts\. Try again in [1-4] seconds?\.$/);
    await agent.context().close();
  });

  test("a read-only user reads lists and records but is offered no changes", async () => {
    // A reader reads what their team owns: the demo's Berlin team.
    const [berlin] = (await api.get(`/teams?filter=${encodeURIComponent("name = 'Berlin'")}`)).data;
    const reader = await api.post("/users", { name: "Reader E2E", email: "reader.e2e@example.com", role: "read_only", teams: [berlin.id] });
    await api.post(`/users/${reader.id}/password`, { password: "Reader-e2e-passw0rd" });
    const page = await newPage();
    await page.goto(`${server.url}/people`);
    await page.getByLabel("Email").fill("reader.e2e@example.com");
    await page.getByLabel("Password").fill("Reader-e2e-passw0rd");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "People", exact: true }).waitFor();
    await waitForRows(page);
    assert.equal(await page.getByRole("link", { name: "New person" }).count(), 0);
    assert.equal(await page.getByLabel("Select all loaded rows").count(), 0);
    await page.locator('[role="row"][aria-rowindex] a').first().click();
    await page.getByText("Your role can read records but not change them.").waitFor();
    assert.equal(await page.getByRole("form", { name: "Quick add" }).count(), 0);
    assert.equal(await page.getByRole("button", { name: /^(Delete|Add address|Merge)/ }).count(), 0, "no delete, add or merge");
    assert.equal(await page.getByLabel("First name").isDisabled(), true);
    await page.context().close();
  });

  test("the main pages have no WCAG 2.1 A/AA problems that axe-core finds, in light and dark themes", async () => {
    const [person] = (await api.get("/people?limit=1")).data;
    for (const colorScheme of ["light", "dark"]) {
      const page = await newPage();
      await page.emulateMedia({ colorScheme });
      await page.goto(server.url);
      assert.deepEqual(await accessibilityProblems(page), [], "sign-in page");
      await signIn(page, server.url);
      await page.getByRole("heading", { name: "Tasks due" }).waitFor();
      await page.locator(".myday li").first().waitFor();
      const pages = [
        ["My day", null],
        ["People", async () => { await page.getByRole("link", { name: "People", exact: true }).click(); await waitForRows(page); }],
        ["a person", async () => {
          await page.goto(`${server.url}/people/${person.id}`);
          await page.getByRole("list", { name: "Timeline entries" }).locator("li").first().waitFor();
          await page.getByText("History", { exact: true }).click();
          await page.getByRole("list", { name: "Changes, newest first" }).or(page.getByText("No changes recorded.")).waitFor();
        }],
        ["Pipeline", async () => { await page.getByRole("link", { name: "Pipeline", exact: true }).click(); await page.locator(".deal-card").first().waitFor(); }],
        ["Import", async () => { await page.getByRole("link", { name: "Import" }).click(); }],
        ["Settings", async () => { await page.getByRole("link", { name: "Settings" }).click(); await page.getByRole("heading", { name: "Add a field" }).waitFor(); }],
        ["Settings: users", async () => { await page.getByRole("link", { name: "Users" }).click(); await page.getByRole("heading", { name: "Reset a password" }).waitFor(); }],
        ["Settings: pipelines", async () => { await page.getByRole("link", { name: "Pipelines" }).click(); await page.getByRole("table").first().waitFor(); }],
        ["Settings: sales and lifecycle", async () => { await page.getByRole("link", { name: "Sales and lifecycle" }).click(); await page.getByLabel("Churned after (days)").waitFor(); }],
        ["Settings: API keys", async () => { await page.getByRole("link", { name: "API keys" }).click(); await page.getByLabel("Everyone's keys").check(); await page.getByRole("row", { name: /E2E agent key/ }).waitFor(); }],
        ["Settings: my account", async () => { await page.getByRole("link", { name: "My account" }).click(); await page.getByRole("heading", { name: "Change my password" }).waitFor(); }],
      ];
      for (const [name, open] of pages) {
        if (open) await open();
        assert.deepEqual(await accessibilityProblems(page), [], `${name} (${colorScheme})`);
      }
      await page.context().close();
    }
  });

  test("no script error happened in any page", () => {
    assert.deepEqual(pageErrors, []);
  });
});
