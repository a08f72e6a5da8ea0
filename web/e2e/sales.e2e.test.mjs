// End-to-end: sales on the record page and in settings, on the demo CRM. A customer's page shows the
// open deals, purchase figures, latest orders and suggested products the API has for them, and the
// history of a change made in the form; an admin adds and re-orders a pipeline stage and sees the
// board follow, is refused deleting a stage that holds deals, and changes a lifecycle threshold.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { apiSession, launchBrowser, screenshots, signIn, startServer } from "./harness.mjs";

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

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await signIn(page, server.url);
  return page;
}

const filter = (text) => encodeURIComponent(text);

async function waitUntil(check, what = "the condition") {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// A paid order of one line of each product for the person.
async function buy(person, products) {
  const order = await api.post("/orders", { person, currency: "EUR", status: "paid" });
  for (const product of products) await api.post("/order_lines", { order: order.id, product, quantity: 1 });
  return order;
}

describe("sales in the web app", () => {
  test("a customer's page shows open deals, purchase figures, latest orders, suggested products and the history of a change", async () => {
    const suffix = Date.now();
    const lamp = await api.post("/products", { sku: `E2E-LAMP-${suffix}`, name: "E2E desk lamp", price: { micros: 40_000_000, currency: "EUR" } });
    const bulb = await api.post("/products", { sku: `E2E-BULB-${suffix}`, name: "E2E spare bulb", price: { micros: 5_000_000, currency: "EUR" } });
    // Two other customers buy the lamp with a bulb; ours buys the lamp alone, so the bulb is suggested.
    for (const name of ["Pia", "Quentin"]) {
      const other = await api.post("/people", { first_name: name, last_name: "Buyer", email: `${name.toLowerCase()}.${suffix}@example.com` });
      await buy(other.id, [lamp.id, bulb.id]);
    }
    const person = await api.post("/people", { first_name: "Rosa", last_name: "Lampe", email: `rosa.${suffix}@example.com` });
    const order = await buy(person.id, [lamp.id]);
    // The cross-sell counts are made ahead (daily, and by the demo): count these orders now.
    await api.post("/cross_sell/refresh");
    const deal = await api.post("/deals", { title: "E2E office lighting", person: person.id, amount: { micros: 1_200_000_000, currency: "EUR" } });
    const stage = await api.get(`/pipeline_stages/${deal.stage}`);
    const figures = await api.get(`/people/${person.id}`);
    assert.equal(figures.purchase_count, 1);
    const { data: suggested } = await api.get(`/people/${person.id}/suggestions?limit=5`);
    assert.equal(suggested[0]?.product.name, "E2E spare bulb", "the API suggests the bulb");

    const page = await newPage();
    await page.goto(`${server.url}/people/${person.id}`);
    const deals = page.getByRole("region", { name: "Open deals" });
    await deals.getByRole("link", { name: "E2E office lighting" }).waitFor();
    // The stage's name comes with the stages, which may load after the deal (shown as #id until then).
    await deals.filter({ hasText: new RegExp(`${stage.name}.*1,200`) }).waitFor();

    const purchases = page.getByRole("region", { name: "Purchases" });
    assert.equal(await purchases.locator('[data-field="purchase_count"]').textContent(), "1");
    assert.match(await purchases.locator('[data-field="revenue"]').textContent(), /40[.,]00/);
    const latest = purchases.getByRole("list", { name: "Latest orders" });
    await latest.locator("li").first().waitFor();
    assert.match(await latest.locator("li").first().textContent(), new RegExp(`${order.number ?? `#${order.id}`}.*Paid`));

    const suggestions = page.getByRole("list", { name: "Suggested products, best first" });
    await suggestions.locator("li").first().waitFor();
    assert.match(await suggestions.locator("li").first().textContent(), /^E2E spare bulb .*× as likely/);

    // The first paid order made Rosa a customer: the relationship panel's stage history says so.
    await page.getByRole("region", { name: "Relationship" }).filter({ hasText: /Lifecycle stage: .*→ Customer/ }).waitFor();

    await page.getByLabel("Job title").fill("Office manager");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await page.getByText("History", { exact: true }).click();
    const history = page.getByRole("list", { name: "Changes, newest first" });
    await history.locator("li").first().waitFor();
    assert.match(await history.locator("li").first().textContent(), /Changed.*Job title: —\s*→\s*Office manager/);
    assert.match(await history.locator("li").last().textContent(), /Created/);
    await page.screenshot({ path: `${screenshots}record-sales.png`, fullPage: false });

    // My day offers the bulb to Rosa, whom the admin owns (a record belongs to its creator).
    await page.getByRole("link", { name: "My day" }).click();
    const offers = page.getByRole("list", { name: "Suggestions for your customers" });
    await offers.getByRole("link", { name: "Rosa Lampe" }).waitFor();
    assert.match(await offers.locator("li").filter({ hasText: "Rosa Lampe" }).textContent(), /E2E spare bulb · [\d.]+× as likely/);
    await page.goBack();

    // The deal links to its pipeline's board.
    await deals.getByRole("link", { name: "E2E office lighting" }).click();
    await page.getByRole("region", { name: stage.name }).getByText("E2E office lighting").waitFor();
    await page.context().close();
  });

  test("settings: a stage is added, edited and moved up, and the board shows it in that place; a stage holding deals is not deleted", async () => {
    const [pipeline] = (await api.get(`/pipelines?filter=${filter("is_default = true")}`)).data;
    const page = await newPage();
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("link", { name: "Pipelines" }).click();
    const card = page.getByRole("region", { name: new RegExp(`^${pipeline.name}`) });
    await card.getByRole("table").waitFor();

    // A bad probability is named before anything is sent.
    await card.getByLabel("New stage name").fill("E2E trial");
    await card.getByLabel("New stage win probability (%)").fill("120");
    await card.getByRole("button", { name: "Add stage" }).click();
    await card.getByText("Win probability must be from 0 to 100").waitFor();
    await card.getByLabel("New stage win probability (%)").fill("35");
    await card.getByRole("button", { name: "Add stage" }).click();
    await page.getByRole("status").filter({ hasText: "Added the stage E2E trial" }).waitFor();

    const names = async () => (await api.get(`/pipeline_stages?filter=${filter(`pipeline = ${pipeline.id}`)}&sort=position`)).data.map((s) => s.name);
    assert.equal((await names()).at(-1), "E2E trial");
    // Up twice: past Lost and Won, so it is the last open stage. Each move is seen by the API, then
    // on the page (the row one place up) before the next.
    for (const _ of [1, 2]) {
      const was = (await names()).indexOf("E2E trial");
      await card.getByRole("button", { name: "Move E2E trial up" }).click();
      await waitUntil(async () => (await names()).indexOf("E2E trial") === was - 1);
      await card.locator("tbody tr").nth(was - 1).getByLabel("Name of E2E trial").waitFor();
    }
    const order = await names();
    assert.deepEqual(order.slice(-3), ["E2E trial", "Won", "Lost"]);

    await card.getByLabel("Win probability of E2E trial (%)").fill("40");
    await card.getByRole("row", { name: /E2E trial/ }).getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved the stage E2E trial." }).waitFor();
    const [trial] = (await api.get(`/pipeline_stages?filter=${filter(`name = 'E2E trial'`)}`)).data;
    assert.equal(trial.probability, 0.4);

    // A stage that holds deals stays, with the reason.
    const stages = (await api.get(`/pipeline_stages?filter=${filter(`pipeline = ${pipeline.id}`)}&sort=position`)).data;
    let busy = null;
    for (const s of stages) {
      const held = (await api.get(`/deals?filter=${filter(`stage = ${s.id}`)}&limit=1`)).data;
      if (held.length) { busy = s; break; }
    }
    assert.ok(busy, "the demo has deals");
    await card.getByRole("button", { name: `Delete ${busy.name}` }).click();
    await page.getByRole("alert").filter({ hasText: /the stage holds \d+ deals?: move/ }).waitFor();
    assert.equal((await api.get(`/pipeline_stages/${busy.id}`)).name, busy.name);

    // The board shows the new column between the last open stage and Won.
    await page.getByRole("link", { name: "Pipeline", exact: true }).click();
    await page.getByRole("region", { name: "E2E trial" }).waitFor();
    const columns = await page.locator(".board-column h2").allTextContents();
    assert.deepEqual(columns.slice(-3), ["E2E trial", "Won", "Lost"]);
    await page.context().close();
  });

  test("settings: a lifecycle threshold is changed and kept; a bad one is named and nothing is saved", async () => {
    const page = await newPage();
    await page.goto(`${server.url}/settings/sales`);
    const churn = page.getByLabel("Churned after (days)");
    await churn.waitFor();
    assert.equal(await churn.inputValue(), "365");
    await churn.fill("0");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Churned after (days) must be a whole number of at least 1").waitFor();
    assert.equal((await api.get("/settings/sales"))["lifecycle.churn_days"], 365);

    await churn.fill("200");
    await page.getByLabel("…or loyal after revenue").fill("2500");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const saved = await api.get("/settings/sales");
    assert.equal(saved["lifecycle.churn_days"], 200);
    assert.equal(saved["lifecycle.loyal_revenue_micros"], 2_500_000_000);
    await page.reload();
    await page.getByLabel("Churned after (days)").waitFor();
    assert.equal(await page.getByLabel("Churned after (days)").inputValue(), "200");
    await page.context().close();
  });

  test("the deals list moves selected deals to a stage of another pipeline in bulk; the orders list shows orders", async () => {
    const partners = await api.post("/pipelines", { name: "E2E partners" });
    const signed = await api.post("/pipeline_stages", { pipeline: partners.id, name: "Signed", position: 0, probability: 0.9 });
    const made = [];
    for (const title of ["Bulk deal E2E one", "Bulk deal E2E two"]) made.push(await api.post("/deals", { title }));
    const page = await newPage();
    await page.getByRole("link", { name: "Deals", exact: true }).click();
    const box = page.getByLabel("Filter", { exact: true });
    await box.fill("title starts_with 'Bulk deal E2E'");
    await box.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll('[role="row"][aria-rowindex]').length === 2);
    await page.getByLabel("Select all loaded rows").check();
    const bar = page.getByRole("region", { name: "Bulk actions" });
    await bar.getByLabel("Action").selectOption("set:stage");
    await bar.getByLabel("Value").selectOption({ label: "E2E partners · Signed" });
    await bar.getByRole("button", { name: "Apply" }).click();
    await page.getByRole("status").filter({ hasText: "Updated 2 of 2." }).waitFor();
    await page.getByRole("row", { name: /Bulk deal E2E one.*Signed/ }).waitFor();
    for (const deal of made) {
      const now = await api.get(`/deals/${deal.id}`);
      assert.deepEqual([now.pipeline, now.stage], [partners.id, signed.id]);
      const moves = (await api.get(`/deal_moves?filter=${filter(`deal = ${deal.id}`)}&sort=-id&limit=1`)).data;
      assert.deepEqual([moves[0].from_stage, moves[0].to_stage], [deal.stage, signed.id]);
    }

    await page.getByRole("link", { name: "Orders", exact: true }).click();
    await page.getByRole("heading", { name: "Orders", exact: true }).waitFor();
    await page.locator('[role="row"][aria-rowindex]').first().waitFor();
    assert.ok((await page.getByRole("columnheader").allTextContents()).some((h) => h.includes("Total")));
    await page.context().close();
  });

  test("no script error happened in any page", () => {
    assert.deepEqual(pageErrors, []);
  });
});
