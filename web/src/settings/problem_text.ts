// A refused settings change in words: a 403 says only an admin may make it, field problems name the
// field, anything else is the API's message.
import { ApiError } from "../api/problem";
import { humanize } from "../format";

export function settingsProblem(e: unknown, what: string): string {
  if (e instanceof ApiError) {
    if (e.status === 403) return `Only an admin can change ${what}.`;
    return e.errors.length ? e.errors.map((p) => `${humanize(p.field)} ${p.problem}`).join("; ") : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}
