import { describe, expect, it } from "vitest";
import type { FieldMeta } from "../api/types";
import { buildFilter, literal, operatorsFor, quote } from "./filter_builder_model";

function field(name: string, type: FieldMeta["type"], extra: Partial<FieldMeta> = {}): FieldMeta {
  return {
    name, type, label: name, description: "", required: false, unique: false, indexed: false, active: true,
    read_only: false, multiple: false, origin: "system", options: [], target: null, min: null, max: null,
    max_length: null, default: null, ...extra,
  };
}

const fields = [
  field("last_name", "text"),
  field("lifecycle_stage", "enum", { options: ["lead", "customer"] }),
  field("touch_cadence_days", "int"),
  field("next_touch_due", "datetime"),
  field("birthday", "date"),
  field("tags", "link_many", { target: "tag" }),
  field("organization", "link", { target: "organization" }),
  field("do_not_contact", "bool"),
  field("emails", "email", { multiple: true }),
];

describe("filter builder", () => {
  it("quotes text and doubles quotes inside", () => {
    expect(quote("O'Brien")).toBe("'O''Brien'");
  });

  it("writes conditions joined by and", () => {
    expect(buildFilter([
      { field: "lifecycle_stage", op: "=", value: "customer" },
      { field: "last_name", op: "starts_with", value: "O'B" },
      { field: "touch_cadence_days", op: "<=", value: "30" },
    ], fields)).toBe("lifecycle_stage = 'customer' and last_name starts_with 'O''B' and touch_cadence_days <= 30");
  });

  it("keeps relative times unquoted and quotes dates", () => {
    expect(buildFilter([{ field: "next_touch_due", op: "<", value: "now() - 90d" }], fields)).toBe("next_touch_due < now() - 90d");
    expect(buildFilter([{ field: "birthday", op: ">=", value: "1990-01-01" }], fields)).toBe("birthday >= '1990-01-01'");
  });

  it("writes null checks without a value and skips incomplete rows", () => {
    expect(buildFilter([
      { field: "organization", op: "is null", value: "" },
      { field: "last_name", op: "=", value: "  " },
      { field: "nope", op: "=", value: "x" },
    ], fields)).toBe("organization is null");
  });

  it("names tags by name and links by id", () => {
    expect(literal(fields[5], "vip")).toBe("'vip'");
    expect(literal(fields[5], "12")).toBe("'12'");
    expect(literal(fields[6], "12")).toBe("12");
    expect(literal(fields[7], "false")).toBe("false");
  });

  it("can join with or", () => {
    expect(buildFilter([
      { field: "lifecycle_stage", op: "=", value: "lead" },
      { field: "lifecycle_stage", op: "=", value: "customer" },
    ], fields, "or")).toBe("lifecycle_stage = 'lead' or lifecycle_stage = 'customer'");
  });

  it("offers the operators the language allows for each type", () => {
    expect(operatorsFor(fields[0])).toContain("contains");
    expect(operatorsFor(fields[1])).not.toContain("<");
    expect(operatorsFor(fields[2])).toContain(">=");
    expect(operatorsFor(fields[5])[0]).toBe("has");
    expect(operatorsFor(fields[8])[0]).toBe("has");
  });
});
