// The filter builder's conditions and the filter language text they stand for (docs/filter.md).
import type { FieldMeta, FieldType } from "../api/types";

export interface Condition {
  field: string;
  op: string;
  value: string;
}

const textOps = ["=", "!=", "contains", "starts_with", "is null", "is not null"];
const orderedOps = ["=", "!=", "<", "<=", ">", ">=", "is null", "is not null"];

// The operators the builder offers for a field, as the filter language allows them for its type.
export function operatorsFor(field: FieldMeta): string[] {
  if (field.multiple) return ["has", "is null", "is not null"];
  const byType: Record<FieldType, string[]> = {
    text: textOps, email: textOps, phone: textOps, url: textOps,
    long_text: ["contains", "is null", "is not null"],
    int: orderedOps, decimal: orderedOps, currency: orderedOps, date: orderedOps, datetime: orderedOps,
    bool: ["=", "is null", "is not null"],
    enum: ["=", "!=", "is null", "is not null"],
    multi_enum: ["has", "is null", "is not null"],
    link: ["=", "!=", "is null", "is not null"],
    link_many: ["has", "is null", "is not null"],
  };
  return byType[field.type];
}

export function takesValue(op: string): boolean {
  return op !== "is null" && op !== "is not null";
}

// A quoted text literal: single quotes, a quote inside written twice.
export function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const relativeTime = /^(now|today)\(\)(\s*[+-]\s*\d+[dhmw])?$/i;

// The literal for a value typed into the builder, by the field's type.
export function literal(field: FieldMeta, value: string): string {
  const v = value.trim();
  switch (field.type) {
    case "int":
    case "decimal":
    case "currency":
      return /^-?\d+(\.\d+)?$/.test(v) ? v : quote(v);
    case "link":
      return /^\d+$/.test(v) ? v : quote(v);
    case "link_many":
      // tags are named by their name; other link lists by id
      return /^\d+$/.test(v) && field.target !== "tag" ? v : quote(v);
    case "bool":
      return v.toLowerCase() === "false" ? "false" : "true";
    case "date":
    case "datetime":
      return relativeTime.test(v) ? v.replace(/\s+/g, " ") : quote(v);
    default:
      return quote(v);
  }
}

// The filter text for the conditions that are complete, joined by "and" (or "or").
export function buildFilter(conditions: Condition[], fields: FieldMeta[], join: "and" | "or" = "and"): string {
  const parts: string[] = [];
  for (const c of conditions) {
    const field = fields.find((f) => f.name === c.field);
    if (!field || !c.op) continue;
    if (!takesValue(c.op)) {
      parts.push(`${field.name} ${c.op}`);
      continue;
    }
    if (c.value.trim() === "" && field.type !== "bool") continue;
    parts.push(`${field.name} ${c.op} ${literal(field, c.value)}`);
  }
  return parts.join(` ${join} `);
}
