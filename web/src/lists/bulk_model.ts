// What a bulk action changes on each selected record: one PATCH body per record, or none when the
// record already has the value (so nothing gets a new version for no change).
import type { ApiRecord } from "../api/types";

export type BulkAction =
  // `with`: other fields the change needs (a deal's pipeline with its stage)
  | { kind: "set"; field: string; value: unknown; with?: Record<string, unknown> }
  | { kind: "add_tag"; tag: string };

export interface BulkPatch {
  id: number;
  version: number;
  body: Record<string, unknown>;
}

export function bulkPatches(rows: ApiRecord[], action: BulkAction): BulkPatch[] {
  const out: BulkPatch[] = [];
  for (const r of rows) {
    if (action.kind === "set") {
      if (r[action.field] === action.value) continue;
      out.push({ id: r.id, version: r.version, body: { [action.field]: action.value, ...action.with } });
    } else {
      const tag = action.tag.trim();
      const tags = Array.isArray(r.tags) ? (r.tags as string[]) : [];
      if (!tag || tags.includes(tag)) continue;
      out.push({ id: r.id, version: r.version, body: { tags: [...tags, tag] } });
    }
  }
  return out;
}

export interface BulkOutcome {
  done: number;
  failed: { id: number; message: string }[];
}

// Runs the calls one after another (the API has no bulk endpoint yet), reporting progress.
export async function runBulk<T>(items: T[], call: (item: T) => Promise<void>, id: (item: T) => number, progress?: (done: number) => void): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { done: 0, failed: [] };
  let count = 0;
  for (const item of items) {
    try {
      await call(item);
      outcome.done += 1;
    } catch (e) {
      outcome.failed.push({ id: id(item), message: e instanceof Error ? e.message : String(e) });
    }
    progress?.(++count);
  }
  return outcome;
}
