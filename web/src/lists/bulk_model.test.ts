import { describe, expect, it } from "vitest";
import type { ApiRecord } from "../api/types";
import { bulkPatches, runBulk } from "./bulk_model";

const row = (id: number, extra: Record<string, unknown>): ApiRecord =>
  ({ id, version: id + 10, created_at: "", updated_at: "", ...extra }) as ApiRecord;

describe("bulk actions", () => {
  it("sets a field only where it differs", () => {
    const rows = [row(1, { lifecycle_stage: "lead" }), row(2, { lifecycle_stage: "customer" })];
    expect(bulkPatches(rows, { kind: "set", field: "lifecycle_stage", value: "customer" }))
      .toEqual([{ id: 1, version: 11, body: { lifecycle_stage: "customer" } }]);
  });

  it("sends the fields a change needs with it (a deal's pipeline with its new stage)", () => {
    const rows = [row(1, { stage: 3, pipeline: 1 }), row(2, { stage: 7, pipeline: 2 })];
    expect(bulkPatches(rows, { kind: "set", field: "stage", value: 7, with: { pipeline: 2 } }))
      .toEqual([{ id: 1, version: 11, body: { stage: 7, pipeline: 2 } }]);
  });

  it("adds a tag to the tags each record has", () => {
    const rows = [row(1, { tags: ["a"] }), row(2, { tags: ["vip"] }), row(3, { tags: null })];
    expect(bulkPatches(rows, { kind: "add_tag", tag: " vip " })).toEqual([
      { id: 1, version: 11, body: { tags: ["a", "vip"] } },
      { id: 3, version: 13, body: { tags: ["vip"] } },
    ]);
    expect(bulkPatches(rows, { kind: "add_tag", tag: "" })).toEqual([]);
  });

  it("goes on after a failure and reports it", async () => {
    const seen: number[] = [];
    const outcome = await runBulk([1, 2, 3], async (n) => {
      if (n === 2) throw new Error("stale");
      seen.push(n);
    }, (n) => n, () => undefined);
    expect(seen).toEqual([1, 3]);
    expect(outcome).toEqual({ done: 2, failed: [{ id: 2, message: "stale" }] });
  });
});
