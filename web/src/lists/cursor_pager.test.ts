import { describe, expect, it } from "vitest";
import { initialPager, nextCursor, pagerReducer, shouldLoadMore } from "./cursor_pager";

type Row = { id: number; name?: string };

describe("cursor pager", () => {
  it("appends pages and stops at the last one", () => {
    let s = initialPager<Row>("people|-id");
    expect(shouldLoadMore(s, 0)).toBe(true);
    expect(nextCursor(s)).toBeUndefined();
    s = pagerReducer(s, { type: "request", key: "people|-id" });
    expect(shouldLoadMore(s, 0)).toBe(false);
    s = pagerReducer(s, { type: "loaded", key: "people|-id", rows: [{ id: 3 }, { id: 2 }], next: "c1" });
    expect(s.rows.map((r) => r.id)).toEqual([3, 2]);
    expect(nextCursor(s)).toBe("c1");
    s = pagerReducer(s, { type: "loaded", key: "people|-id", rows: [{ id: 1 }], next: null });
    expect(s.rows.length).toBe(3);
    expect(s.done).toBe(true);
    expect(shouldLoadMore(s, 2)).toBe(false);
  });

  it("drops a page that belongs to an older query", () => {
    let s = initialPager<Row>("a");
    s = pagerReducer(s, { type: "reset", key: "b" });
    s = pagerReducer(s, { type: "loaded", key: "a", rows: [{ id: 9 }], next: null });
    expect(s.rows).toEqual([]);
    expect(s.done).toBe(false);
  });

  it("loads more only near the end of what is loaded", () => {
    let s = initialPager<Row>("k");
    s = pagerReducer(s, { type: "loaded", key: "k", rows: Array.from({ length: 50 }, (_, i) => ({ id: i })), next: "n" });
    expect(shouldLoadMore(s, 10)).toBe(false);
    expect(shouldLoadMore(s, 30)).toBe(true);
  });

  it("keeps the error and does not retry by itself", () => {
    let s = initialPager<Row>("k");
    s = pagerReducer(s, { type: "request", key: "k" });
    s = pagerReducer(s, { type: "failed", key: "k", error: "boom" });
    expect(s.loading).toBe(false);
    expect(s.error).toBe("boom");
    expect(shouldLoadMore(s, 0)).toBe(false);
  });

  it("replaces one row in place", () => {
    let s = initialPager<Row>("k");
    s = pagerReducer(s, { type: "loaded", key: "k", rows: [{ id: 1, name: "a" }, { id: 2, name: "b" }], next: null });
    s = pagerReducer(s, { type: "replace", key: "k", row: { id: 2, name: "B" }, same: (x, y) => x.id === y.id });
    expect(s.rows).toEqual([{ id: 1, name: "a" }, { id: 2, name: "B" }]);
  });
});
