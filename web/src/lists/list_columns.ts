// Which columns a list shows (the user's choice, kept in the browser) and which fields sort.
import type { FieldMeta, ObjectMeta } from "../api/types";

const defaults: Record<string, string[]> = {
  person: ["first_name", "last_name", "email", "organization", "lifecycle_stage", "next_touch_due"],
  organization: ["name", "kind", "industry", "lifecycle_stage", "next_touch_due"],
  task: ["title", "kind", "due_at", "status", "priority", "person"],
  deal: ["title", "organization", "person", "stage", "amount", "expected_close", "owner"],
  order: ["number", "ordered_at", "person", "organization", "status", "total", "channel"],
};

export function columnFields(object: ObjectMeta): FieldMeta[] {
  return object.fields.filter((f) => f.active);
}

// Any scalar field sorts (docs/api.md): not long text, lists or link lists.
export function isSortable(field: FieldMeta): boolean {
  return !field.multiple && field.type !== "long_text" && field.type !== "multi_enum" && field.type !== "link_many";
}

function storageKey(object: string): string {
  return `rapport.columns.${object}`;
}

export function loadColumns(object: ObjectMeta): string[] {
  const names = new Set(columnFields(object).map((f) => f.name));
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(object.name)) ?? "null");
    if (Array.isArray(saved)) {
      const kept = saved.filter((n: unknown) => typeof n === "string" && names.has(n));
      if (kept.length) return kept;
    }
  } catch {
    // a damaged entry falls back to the defaults
  }
  const preset = (defaults[object.name] ?? []).filter((n) => names.has(n));
  return preset.length ? preset : [...names].slice(0, 6);
}

export function saveColumns(object: string, columns: string[]): void {
  localStorage.setItem(storageKey(object), JSON.stringify(columns));
}

// A sort parameter toggled by a click on a column: ascending, then descending, then off.
export function nextSort(current: string, field: string): string {
  if (current === field) return `-${field}`;
  if (current === `-${field}`) return "";
  return field;
}
