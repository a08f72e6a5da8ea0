// How values look in lists and panels.
import type { ApiRecord, FieldMeta, ObjectMeta } from "./api/types";

const dateFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatDate(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFormat.format(d);
}

export function humanize(name: string): string {
  return name.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}

export function formatValue(field: FieldMeta | undefined, value: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  if (Array.isArray(value)) return value.join(", ");
  if (!field) return String(value);
  switch (field.type) {
    case "date":
      return formatDate(String(value));
    case "datetime":
      return formatDateTime(String(value));
    case "bool":
      return value ? "Yes" : "No";
    case "enum":
      return humanize(String(value));
    case "currency": {
      const m = value as { micros: number; currency: string };
      try {
        return new Intl.NumberFormat(undefined, { style: "currency", currency: m.currency }).format(m.micros / 1e6);
      } catch {
        return `${m.micros / 1e6} ${m.currency}`;
      }
    }
    default:
      return String(value);
  }
}

// The record's name as its object's title fields make it ("Grace Hopper").
export function recordTitle(object: ObjectMeta | undefined, record: ApiRecord): string {
  const parts = (object?.title ?? ["name"]).map((f) => record[f]).filter((v) => v !== null && v !== undefined && v !== "");
  return parts.length ? parts.join(" ") : `#${record.id}`;
}
