// The logic of My day: who is overdue for contact (people and organizations by their keep-in-touch
// cadence), the interaction that logs a touch, and the times a task or a planned call moves to.
import type { ApiRecord } from "../api/types";

export const dueTasksFilter = "status in ('open', 'in_progress') and due_at < today() + 1d";
export const overdueContactFilter = "next_touch_due < now()";
export const openTaskFilter = "status in ('open', 'in_progress')";
// Active contracts whose renewal falls due in the next 60 days, today included.
export const renewalDays = 60;
export const renewalsFilter = `status = 'active' and renewal_date >= today() and renewal_date <= today() + ${renewalDays}d`;

// Whole days from `now`'s date (UTC) to `date` (YYYY-MM-DD); negative when it is past.
export function daysUntil(date: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${date}T00:00:00Z`) - today) / 86_400_000);
}

export type ContactObject = "person" | "organization";

export interface OverdueContact {
  object: ContactObject;
  id: number;
  name: string;
  path: "people" | "organizations"; // the API's and the app's
  href: string;
  due: string;
  daysOverdue: number;
  cadenceDays: number | null;
}

const kDayMs = 86_400_000;

function nameOf(object: ContactObject, r: ApiRecord): string {
  const parts = object === "person" ? [r.first_name, r.last_name] : [r.name];
  return parts.filter((p) => typeof p === "string" && p !== "").join(" ") || `#${r.id}`;
}

// People and organizations overdue for contact in one list, the longest overdue first.
export function overdueContacts(people: ApiRecord[], organizations: ApiRecord[], now: Date): OverdueContact[] {
  const one = (object: ContactObject, r: ApiRecord): OverdueContact => {
    const due = String(r.next_touch_due);
    const path = object === "person" ? "people" : "organizations";
    return {
      object,
      id: r.id,
      name: nameOf(object, r),
      path,
      href: `/${path}/${r.id}`,
      due,
      daysOverdue: Math.max(0, Math.floor((now.getTime() - Date.parse(due)) / kDayMs)),
      cadenceDays: typeof r.touch_cadence_days === "number" ? r.touch_cadence_days : null,
    };
  };
  return [...people.map((r) => one("person", r)), ...organizations.map((r) => one("organization", r))]
    .sort((a, b) => Date.parse(a.due) - Date.parse(b.due) || a.name.localeCompare(b.name));
}

// The interaction that records a touch: the API moves the participants' (or the organization's)
// last_touch_at and with it next_touch_due.
export function touchInteraction(object: ContactObject, id: number, channel: string, subject: string): Record<string, unknown> {
  const who = object === "person" ? { participants: [id] } : { organization: id };
  return { channel, direction: "outbound", subject, ...who };
}

// next_touch_due is derived by the API (last touch + cadence) and cannot be set, so putting a
// contact off means planning the touch: a call task on the chosen day, linked to them.
export function plannedTouchTask(contact: Pick<OverdueContact, "object" | "id" | "name">, dueAt: Date): Record<string, unknown> {
  return { title: `Get in touch with ${contact.name}`, kind: "call", due_at: dueAt.toISOString(), [contact.object]: contact.id };
}

// The filter for the open tasks of some people or organizations (at most 100 ids: the filter
// language's limit of one `in` list).
export function openTasksOfFilter(object: ContactObject, ids: number[]): string | null {
  if (ids.length === 0) return null;
  return `${openTaskFilter} and ${object} in (${ids.slice(0, 100).join(", ")})`;
}

// The earliest open task of each contact, keyed "person:12" / "organization:3".
export function plannedByContact(tasks: ApiRecord[]): Map<string, string> {
  const planned = new Map<string, string>();
  for (const t of tasks) {
    if (typeof t.due_at !== "string") continue;
    for (const object of ["person", "organization"] as const) {
      const id = t[object];
      if (typeof id !== "number") continue;
      const key = `${object}:${id}`;
      const known = planned.get(key);
      if (!known || Date.parse(t.due_at) < Date.parse(known)) planned.set(key, t.due_at);
    }
  }
  return planned;
}

export type Later = "tomorrow" | "next_week";

// 9:00 local time tomorrow, or on the next Monday (a week on when today is Monday).
export function laterAt(when: Later, now: Date): Date {
  const d = new Date(now);
  d.setHours(9, 0, 0, 0);
  if (when === "tomorrow") {
    d.setDate(d.getDate() + 1);
  } else {
    const toMonday = (8 - d.getDay()) % 7 || 7;
    d.setDate(d.getDate() + toMonday);
  }
  return d;
}

export function inDaysText(days: number): string {
  return days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`;
}

export function overdueText(days: number): string {
  return days === 0 ? "due today" : days === 1 ? "1 day overdue" : `${days} days overdue`;
}
