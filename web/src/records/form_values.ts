// A record's fields as form text and back: what an input shows for a value, the JSON value for
// what was typed, and the checks the API makes (so a mistake is shown before a round trip; the
// server checks again and its field errors are shown the same way).
import type { ApiRecord, FieldMeta } from "../api/types";

export type FormText = Record<string, string>;

// Fields a person edits on a form: active, not computed by the server.
export function editableFields(fields: FieldMeta[]): FieldMeta[] {
  return fields.filter((f) => f.active && !f.read_only);
}

function isList(field: FieldMeta): boolean {
  return field.multiple || field.type === "multi_enum" || field.type === "link_many";
}

export function toText(field: FieldMeta, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(String).join(", ");
  if (field.type === "currency" && typeof value === "object") {
    const money = value as { micros: number; currency: string };
    return `${(money.micros / 1e6).toFixed(2)} ${money.currency}`;
  }
  if (field.type === "datetime" && typeof value === "string") {
    // <input type="datetime-local"> shows local time without zone
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) return value;
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }
  return String(value);
}

export function recordToText(fields: FieldMeta[], record: ApiRecord | null): FormText {
  const text: FormText = {};
  for (const f of fields) text[f.name] = record ? toText(f, record[f.name]) : "";
  return text;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// The JSON value for typed text, or a problem phrased as the API phrases it.
export function fromText(field: FieldMeta, text: string): { value: unknown } | { problem: string } {
  const t = text.trim();
  if (t === "") {
    if (field.required) return { problem: "is required" };
    return { value: isList(field) ? [] : field.type === "bool" ? false : null };
  }
  if (isList(field)) {
    const items = t.split(",").map((s) => s.trim()).filter(Boolean);
    if (field.type === "multi_enum") {
      const bad = items.find((i) => !field.options.includes(i));
      if (bad) return { problem: `'${bad}' is not one of ${field.options.join(", ")}` };
    }
    if (field.type === "email" && items.some((i) => !emailPattern.test(i))) return { problem: "must be email addresses" };
    if (field.type === "link_many" && field.target !== "tag") {
      if (items.some((i) => !/^\d+$/.test(i))) return { problem: "must be record ids" };
      return { value: items.map(Number) };
    }
    return { value: items };
  }
  switch (field.type) {
    case "int": {
      if (!/^-?\d+$/.test(t)) return { problem: "must be a whole number" };
      return bounded(field, Number(t));
    }
    case "decimal": {
      if (!/^-?\d+(\.\d+)?$/.test(t)) return { problem: "must be a number" };
      return bounded(field, Number(t));
    }
    case "currency": {
      const m = /^(-?\d+(?:\.\d{1,6})?)\s*([A-Za-z]{3})$/.exec(t);
      if (!m) return { problem: "must be an amount and a currency code, like 1200.00 EUR" };
      return { value: { micros: Math.round(Number(m[1]) * 1e6), currency: m[2].toUpperCase() } };
    }
    case "bool":
      return { value: t === "true" };
    case "enum":
      if (!field.options.includes(t)) return { problem: `must be one of ${field.options.join(", ")}` };
      return { value: t };
    case "email":
      if (!emailPattern.test(t)) return { problem: "must be an email address" };
      return lengthChecked(field, t);
    case "url":
      if (!/^https?:\/\/\S+$/i.test(t)) return { problem: "must be an http or https URL" };
      return lengthChecked(field, t);
    case "date":
      if (!/^\d{4}-\d{2}-\d{2}$/.test(t) || Number.isNaN(Date.parse(t))) return { problem: "must be a date (YYYY-MM-DD)" };
      return { value: t };
    case "datetime": {
      const d = new Date(t);
      if (Number.isNaN(d.getTime())) return { problem: "must be a date and time" };
      return { value: d.toISOString() };
    }
    case "link":
      if (!/^\d+$/.test(t)) return { problem: "must be a record id" };
      return { value: Number(t) };
    default:
      return lengthChecked(field, t);
  }
}

function bounded(field: FieldMeta, n: number): { value: unknown } | { problem: string } {
  if (field.min !== null && n < field.min) return { problem: `must be at least ${field.min}` };
  if (field.max !== null && n > field.max) return { problem: `must be at most ${field.max}` };
  return { value: n };
}

function lengthChecked(field: FieldMeta, t: string): { value: unknown } | { problem: string } {
  if (field.max_length !== null && [...t].length > field.max_length) {
    return { problem: `must be at most ${field.max_length} characters` };
  }
  return { value: t };
}

export interface FormResult {
  // The members to send: only those whose text changed from `base`.
  changes: Record<string, unknown>;
  problems: Record<string, string>;
}

// What to PATCH (or POST, with an empty base) for the form's text.
export function formChanges(fields: FieldMeta[], base: FormText, text: FormText, creating = false): FormResult {
  const changes: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const f of fields) {
    const now = text[f.name] ?? "";
    const changed = now.trim() !== (base[f.name] ?? "").trim();
    if (!changed && !(creating && f.required)) continue;
    const result = fromText(f, now);
    if ("problem" in result) problems[f.name] = result.problem;
    else if (changed) changes[f.name] = result.value;
  }
  return { changes, problems };
}

export interface FieldConflict {
  field: string;
  // What the form was loaded with, what the server has now, what this user typed.
  was: string;
  theirs: string;
  mine: string;
}

// After a 412: the fields that someone else changed meanwhile and that this user changed too, and
// the fields someone else changed that this user left alone (those are simply taken).
export function conflicts(fields: FieldMeta[], base: FormText, mine: FormText, latest: FormText) {
  const clashing: FieldConflict[] = [];
  const theirsOnly: FieldConflict[] = [];
  for (const f of fields) {
    const was = base[f.name] ?? "";
    const theirs = latest[f.name] ?? "";
    const typed = mine[f.name] ?? "";
    if (was.trim() === theirs.trim()) continue;
    const entry = { field: f.name, was, theirs, mine: typed };
    if (typed.trim() !== was.trim() && typed.trim() !== theirs.trim()) clashing.push(entry);
    else theirsOnly.push(entry);
  }
  return { clashing, theirsOnly };
}
