import { describe, expect, it } from "vitest";
import { deleteView, loadViews, saveView, type ViewStore } from "./saved_views";

function memory(): ViewStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe("saved views", () => {
  it("saves, replaces by name, sorts and deletes", () => {
    const store = memory();
    saveView(store, "person", { name: "VIPs", filter: "tags has 'vip'", sort: "-created_at", columns: ["first_name"] });
    saveView(store, "person", { name: " Customers ", filter: "lifecycle_stage = 'customer'", sort: "", columns: ["last_name"] });
    const views = saveView(store, "person", { name: "VIPs", filter: "tags has 'gold'", sort: "", columns: ["email"] });
    expect(views.map((v) => v.name)).toEqual(["Customers", "VIPs"]);
    expect(loadViews(store, "person")[1].filter).toBe("tags has 'gold'");
    expect(loadViews(store, "organization")).toEqual([]);
    expect(deleteView(store, "person", "VIPs").map((v) => v.name)).toEqual(["Customers"]);
  });

  it("refuses a view without a name and survives damaged storage", () => {
    const store = memory();
    expect(() => saveView(store, "person", { name: "  ", filter: "", sort: "", columns: [] })).toThrow();
    store.data.set("rapport.views.person", "{not json");
    expect(loadViews(store, "person")).toEqual([]);
    store.data.set("rapport.views.person", JSON.stringify([{ name: "ok", filter: "", sort: "", columns: [] }, { name: 3 }]));
    expect(loadViews(store, "person").map((v) => v.name)).toEqual(["ok"]);
  });
});
