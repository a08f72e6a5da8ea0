import { describe, expect, it } from "vitest";
import type { FieldMeta } from "../api/types";
import { actionText, fieldChanges } from "./history_text";

function field(name: string, label: string, type: FieldMeta["type"] = "text"): FieldMeta {
  return { name, type, label, description: "", required: false, unique: false, indexed: false, active: true, read_only: false,
    multiple: false, origin: "system", options: [], target: null, min: null, max: null, max_length: null, default: null };
}

describe("history words", () => {
  it("names what an entry did", () => {
    expect(actionText("person.created")).toBe("Created");
    expect(actionText("organization.updated")).toBe("Changed");
    expect(actionText("person.merged")).toBe("Merged a duplicate into it");
    expect(actionText("person.erased")).toBe("Erased (GDPR)");
    expect(actionText("deal.archived_by_rule")).toBe("Archived by rule");
  });

  it("lists an update's changes in the form's field order, labelled and formatted", () => {
    const fields = [field("first_name", "First name"), field("lifecycle_stage", "Lifecycle stage", "enum"), field("revenue", "Revenue", "currency")];
    const changes = fieldChanges({
      changes: {
        revenue: { from: null, to: { micros: 12_500_000, currency: "EUR" } },
        gone_field: { from: "a", to: "b" },
        lifecycle_stage: { from: "lead", to: "customer" },
        first_name: { from: "Ada", to: "" },
      },
    }, fields);
    expect(changes.map((c) => c.label)).toEqual(["First name", "Lifecycle stage", "Revenue", "Gone field"]);
    expect(changes[0]).toEqual({ label: "First name", from: "Ada", to: "—" });
    expect(changes[1]).toEqual({ label: "Lifecycle stage", from: "Lead", to: "Customer" });
    expect(changes[2].from).toBe("—");
    expect(changes[2].to).toMatch(/12[.,]50/);
  });

  it("has no changes for entries without them", () => {
    expect(fieldChanges(null, [])).toEqual([]);
    expect(fieldChanges({ record: { id: 1 } }, [])).toEqual([]);
  });
});
