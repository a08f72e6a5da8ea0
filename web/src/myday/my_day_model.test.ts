import { describe, expect, it } from "vitest";
import type { ApiRecord } from "../api/types";
import {
  laterAt, openTasksOfFilter, overdueContacts, overdueText, plannedByContact, plannedTouchTask, touchInteraction,
} from "./my_day_model";

const rec = (id: number, fields: Record<string, unknown>): ApiRecord =>
  ({ id, version: 1, created_at: "", updated_at: "", ...fields }) as ApiRecord;

describe("overdue contacts", () => {
  const now = new Date("2026-11-24T12:00:00Z");

  it("merges people and organizations, longest overdue first, with days overdue and links", () => {
    const people = [
      rec(1, { first_name: "Ada", last_name: "Lovelace", next_touch_due: "2026-11-20T12:00:00Z", touch_cadence_days: 30 }),
      rec(2, { first_name: "Zoë", last_name: null, next_touch_due: "2026-11-24T08:00:00Z" }),
    ];
    const orgs = [rec(7, { name: "Acme GmbH", next_touch_due: "2026-10-25T11:00:00Z", touch_cadence_days: 90 })];
    const list = overdueContacts(people, orgs, now);
    expect(list.map((c) => c.name)).toEqual(["Acme GmbH", "Ada Lovelace", "Zoë"]);
    expect(list.map((c) => c.daysOverdue)).toEqual([30, 4, 0]);
    expect(list[0]).toMatchObject({ object: "organization", id: 7, href: "/organizations/7", cadenceDays: 90 });
    expect(list[1]).toMatchObject({ object: "person", href: "/people/1", cadenceDays: 30 });
    expect(list[2].cadenceDays).toBeNull();
  });

  it("names a record without a name by its id", () => {
    expect(overdueContacts([rec(5, { next_touch_due: "2026-11-01T00:00:00Z" })], [], now)[0].name).toBe("#5");
  });

  it("says how overdue", () => {
    expect([0, 1, 12].map(overdueText)).toEqual(["due today", "1 day overdue", "12 days overdue"]);
  });
});

describe("logging and planning a touch", () => {
  it("logs a person as a participant and an organization as the organization", () => {
    expect(touchInteraction("person", 3, "phone", "Keep in touch")).toEqual({
      channel: "phone", direction: "outbound", subject: "Keep in touch", participants: [3],
    });
    expect(touchInteraction("organization", 9, "email", "x")).toMatchObject({ organization: 9 });
    expect(touchInteraction("organization", 9, "email", "x")).not.toHaveProperty("participants");
  });

  it("plans a call task linked to the contact", () => {
    const at = new Date("2026-11-30T08:00:00Z");
    expect(plannedTouchTask({ object: "organization", id: 4, name: "Acme" }, at)).toEqual({
      title: "Get in touch with Acme", kind: "call", due_at: "2026-11-30T08:00:00.000Z", organization: 4,
    });
  });

  it("asks for the open tasks of at most 100 contacts, and for none without ids", () => {
    expect(openTasksOfFilter("person", [])).toBeNull();
    expect(openTasksOfFilter("person", [1, 2])).toBe("status in ('open', 'in_progress') and person in (1, 2)");
    const many = Array.from({ length: 150 }, (_, i) => i + 1);
    expect(openTasksOfFilter("organization", many)!.match(/\d+/g)!.length).toBe(100);
  });

  it("keeps the earliest open task of each contact", () => {
    const planned = plannedByContact([
      rec(1, { person: 3, due_at: "2026-12-02T09:00:00Z" }),
      rec(2, { person: 3, due_at: "2026-11-30T09:00:00Z" }),
      rec(3, { organization: 3, due_at: "2026-12-05T09:00:00Z" }),
      rec(4, { person: 8, due_at: null }),
    ]);
    expect(planned.get("person:3")).toBe("2026-11-30T09:00:00Z");
    expect(planned.get("organization:3")).toBe("2026-12-05T09:00:00Z");
    expect(planned.has("person:8")).toBe(false);
  });
});

describe("later", () => {
  it("is 9:00 tomorrow, or 9:00 next Monday", () => {
    const wednesday = new Date(2026, 10, 25, 15, 30);
    expect(laterAt("tomorrow", wednesday)).toEqual(new Date(2026, 10, 26, 9, 0));
    expect(laterAt("next_week", wednesday)).toEqual(new Date(2026, 10, 30, 9, 0));
    const sunday = new Date(2026, 10, 29, 20, 0);
    expect(laterAt("next_week", sunday)).toEqual(new Date(2026, 10, 30, 9, 0));
    const monday = new Date(2026, 10, 30, 7, 0);
    expect(laterAt("next_week", monday)).toEqual(new Date(2026, 11, 7, 9, 0));
    const monthEnd = new Date(2026, 11, 31, 10, 0);
    expect(laterAt("tomorrow", monthEnd)).toEqual(new Date(2027, 0, 1, 9, 0));
  });
});

describe("renewals", () => {
  it("counts whole days to a renewal date in UTC", async () => {
    const { daysUntil, renewalsFilter } = await import("./my_day_model");
    const now = new Date("2026-11-24T23:30:00Z");
    expect(daysUntil("2026-11-24", now)).toBe(0);
    expect(daysUntil("2026-11-25", now)).toBe(1);
    expect(daysUntil("2027-01-23", now)).toBe(60);
    expect(daysUntil("2026-11-20", now)).toBe(-4);
    expect(renewalsFilter).toBe("status = 'active' and renewal_date >= today() and renewal_date <= today() + 60d");
  });
});
