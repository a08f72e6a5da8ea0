// How a record's addresses and personal dates read in one line on its page.
import type { ApiRecord } from "../api/types";
import { formatDate, humanize } from "../format";

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

// "Main St 1, Apt 4, 1010 Vienna, Lower Austria, AT"
export function addressLine(r: ApiRecord): string {
  const town = [text(r.postal_code), text(r.city)].filter(Boolean).join(" ");
  return [text(r.street), text(r.extended), town || null, text(r.region), text(r.country)].filter(Boolean).join(", ") || "(empty)";
}

// "Wedding: Our wedding · 12 May 2010"
export function personalDateLine(r: ApiRecord): string {
  const kind = humanize(String(r.kind ?? "other"));
  const label = text(r.label);
  return `${label ? `${kind}: ${label}` : kind} · ${typeof r.date === "string" ? formatDate(r.date) : ""}`;
}
