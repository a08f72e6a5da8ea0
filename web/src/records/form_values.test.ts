import { describe, expect, it } from "vitest";
import type { FieldMeta } from "../api/types";
import { conflicts, formChanges, fromText, toText } from "./form_values";

function field(name: string, type: FieldMeta["type"], extra: Partial<FieldMeta> = {}): FieldMeta {
  return {
    name, type, label: name, description: "", required: false, unique: false, indexed: false, active: true,
    read_only: false, multiple: false, origin: "system", options: [], target: null, min: null, max: null,
    max_length: null, default: null, ...extra,
  };
}

describe("form values", () => {
  it("checks values as the API does", () => {
    expect(fromText(field("email", "email"), "nope")).toEqual({ problem: "must be an email address" });
    expect(fromText(field("n", "int", { min: 1 }), "0")).toEqual({ problem: "must be at least 1" });
    expect(fromText(field("n", "int"), "1.5")).toEqual({ problem: "must be a whole number" });
    expect(fromText(field("s", "enum", { options: ["a", "b"] }), "c")).toEqual({ problem: "must be one of a, b" });
    expect(fromText(field("t", "text", { required: true }), " ")).toEqual({ problem: "is required" });
    expect(fromText(field("t", "text", { max_length: 3 }), "abcd")).toEqual({ problem: "must be at most 3 characters" });
    expect(fromText(field("d", "date"), "2026-13-45")).toEqual({ problem: "must be a date (YYYY-MM-DD)" });
  });

  it("converts typed text to JSON values", () => {
    expect(fromText(field("n", "int"), " 42 ")).toEqual({ value: 42 });
    expect(fromText(field("tags", "link_many", { target: "tag" }), "vip, gold")).toEqual({ value: ["vip", "gold"] });
    expect(fromText(field("m", "currency"), "1200.50 eur")).toEqual({ value: { micros: 1200500000, currency: "EUR" } });
    expect(fromText(field("o", "link"), "7")).toEqual({ value: 7 });
    expect(fromText(field("x", "text"), "")).toEqual({ value: null });
    expect(fromText(field("tags", "link_many", { target: "tag" }), "")).toEqual({ value: [] });
  });

  it("shows values as text", () => {
    expect(toText(field("tags", "link_many"), ["a", "b"])).toBe("a, b");
    expect(toText(field("m", "currency"), { micros: 5000000, currency: "EUR" })).toBe("5.00 EUR");
    expect(toText(field("x", "text"), null)).toBe("");
  });

  it("sends only what changed and reports every problem", () => {
    const fields = [field("first_name", "text"), field("email", "email"), field("job_title", "text")];
    const base = { first_name: "Ada", email: "", job_title: "Analyst" };
    expect(formChanges(fields, base, { first_name: "Ada", email: "", job_title: "Countess" }))
      .toEqual({ changes: { job_title: "Countess" }, problems: {} });
    expect(formChanges(fields, base, { first_name: "", email: "x", job_title: "Analyst" }))
      .toEqual({ changes: { first_name: null }, problems: { email: "must be an email address" } });
  });

  it("checks required fields when creating even if untouched", () => {
    const fields = [field("title", "text", { required: true })];
    expect(formChanges(fields, { title: "" }, { title: "" }, true).problems).toEqual({ title: "is required" });
  });

  it("tells clashing changes from changes only the other side made", () => {
    const fields = [field("a", "text"), field("b", "text"), field("c", "text")];
    const base = { a: "1", b: "1", c: "1" };
    const mine = { a: "2", b: "1", c: "1" };
    const latest = { a: "3", b: "4", c: "1" };
    const result = conflicts(fields, base, mine, latest);
    expect(result.clashing).toEqual([{ field: "a", was: "1", theirs: "3", mine: "2" }]);
    expect(result.theirsOnly).toEqual([{ field: "b", was: "1", theirs: "4", mine: "1" }]);
  });
});
