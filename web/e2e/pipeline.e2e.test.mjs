// End-to-end: the pipeline board on the demo CRM. A deal dragged to another stage stays there after a
// reload and the API says so; the keyboard's "Move to" menu does the same. Nothing is mocked.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { apiSession, launchBrowser, screenshots, signIn, startServer } from "./harness.mjs";

let server;
let browser;
let api;

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

async function openBoard() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, server.url);
  await page.getByRole("link", { name: "Pipeline", exact: true }).click();
  await page.getByRole("heading", { name: "Pipeline", exact: true }).waitFor();
  return page;
}

// The default pipeline's stages in order, and one that holds deals.
async function stagesWithADeal() {
  const [pipeline] = (await api.get(`/pipelines?filter=${encodeURIComponent("is_default = true")}`)).data;
  const stages = (await api.get(`/pipeline_stages?filter=${encodeURIComponent(`pipeline = ${pipeline.id}`)}&sort=position`)).data;
  for (const stage of stages) {
    const deals = (await api.get(`/deals?filter=${encodeURIComponent(`stage = ${stage.id}`)}&limit=1`)).data;
    if (deals.length > 0) return { stages, from: stage };
  }
  throw new Error("the demo has no deals");
}

describe("the pipeline board", () => {
  test("drag a deal to another stage and see it persist after reload", async () => {
    const { stages, from } = await stagesWithADeal();
    const to = stages.find((s) => s.id !== from.id && s.kind === "open");
    const page = await openBoard();
    const fromColumn = page.getByRole("region", { name: from.name, exact: true });
    const toColumn = page.getByRole("region", { name: to.name, exact: true });
    const card = fromColumn.locator(".deal-card").first();
    await card.waitFor();
    const id = Number(await card.getAttribute("data-deal"));
    const moved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/deals/${id}/move`));
    // A real drag: press on the card, move over the other column in steps, release.
    const from_box = await card.boundingBox();
    const to_box = await toColumn.locator("header").boundingBox();
    await page.mouse.move(from_box.x + from_box.width / 2, from_box.y + from_box.height / 2);
    await page.mouse.down();
    await page.mouse.move(to_box.x + to_box.width / 2, to_box.y + to_box.height + 30, { steps: 12 });
    await page.mouse.up();
    assert.equal((await moved).status(), 200);
    await toColumn.locator(`.deal-card[data-deal="${id}"]`).waitFor();
    await page.reload();
    await toColumn.locator(`.deal-card[data-deal="${id}"]`).waitFor();
    assert.equal(await fromColumn.locator(`.deal-card[data-deal="${id}"]`).count(), 0);
    assert.equal((await api.get(`/deals/${id}`)).stage, to.id);
    // The column says how many deals it holds and what they are worth.
    assert.match(await toColumn.locator(".column-summary").textContent(), /^\d+ deals?/);
    await page.screenshot({ path: `${screenshots}kanban.png` });
    await page.context().close();
  });

  test("from the keyboard, a deal's Move to menu moves it to the end of another stage", async () => {
    const { stages, from } = await stagesWithADeal();
    const to = stages.find((s) => s.id !== from.id);
    const [deal] = (await api.get(`/deals?filter=${encodeURIComponent(`stage = ${from.id}`)}&sort=position&limit=1`)).data;
    const page = await openBoard();
    const menu = page.getByLabel(`Move ${deal.title} to`, { exact: true }).first();
    await menu.focus();
    const moved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/deals/${deal.id}/move`));
    await menu.selectOption(String(to.id));
    assert.equal((await moved).status(), 200);
    const after = await api.get(`/deals/${deal.id}`);
    assert.equal(after.stage, to.id);
    const last = (await api.get(`/deals?filter=${encodeURIComponent(`stage = ${to.id}`)}&sort=-position&limit=1`)).data[0];
    assert.equal(last.id, deal.id, "at the end of the stage");
    await page.getByRole("region", { name: to.name, exact: true }).locator(`.deal-card[data-deal="${deal.id}"]`).waitFor();
    await page.context().close();
  });
});
