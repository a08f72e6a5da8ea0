// Words for a record's audit history: what an entry did, and which fields changed from what to what.
import type { FieldMeta } from "../api/types";
import { formatValue, humanize } from "../format";

export interface AuditEntry {
  id: number;
  at: string;
  actor: number | null;
  action: string;
  object: string;
  record: number | null;
  detail: Record<string, unknown> | null;
}

export interface FieldChange {
  label: string;
  from: string;
  to: string;
}

const verbs: Record<string, string> = {
  created: "Created",
  updated: "Changed",
  deleted: "Deleted",
  restored: "Restored",
  purged: "Purged",
  merged: "Merged a duplicate into it",
  imported: "Imported",
  erased: "Erased (GDPR)",
};

// "person.updated" → "Changed"; an action this app does not know is shown as it is, humanized.
export function actionText(action: string): string {
  const verb = action.slice(action.lastIndexOf(".") + 1);
  return verbs[verb] ?? humanize(verb);
}

// An update's {"changes": {field: {"from", "to"}}} as labelled, formatted changes in field order
// (fields the metadata no longer has come last, by name). Empty values show as "—".
export function fieldChanges(detail: AuditEntry["detail"], fields: FieldMeta[]): FieldChange[] {
  const changes = detail?.changes;
  if (!changes || typeof changes !== "object") return [];
  const order = new Map(fields.map((f, i) => [f.name, i]));
  return Object.entries(changes as Record<string, { from?: unknown; to?: unknown }>)
    .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || a.localeCompare(b))
    .map(([name, change]) => {
      const field = fields.find((f) => f.name === name);
      const show = (v: unknown) => (typeof v === "object" && v !== null && !Array.isArray(v) && !("micros" in v)
        ? JSON.stringify(v)
        : formatValue(field, v)) || "—";
      return { label: field?.label ?? humanize(name), from: show(change?.from), to: show(change?.to) };
    });
}
