// Names for linked records (an organization's name instead of its id), fetched in batches with
// `filter=id in (…)` and kept for the session.
import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { ApiRecord, Meta, Page } from "../api/types";
import { recordTitle } from "../format";

const cache = new Map<string, Map<number, string>>();
const pending = new Map<string, Promise<void>>();

function known(target: string): Map<number, string> {
  let m = cache.get(target);
  if (!m) cache.set(target, (m = new Map()));
  return m;
}

export function linkTitle(target: string, id: number): string | undefined {
  return cache.get(target)?.get(id);
}

export function rememberTitle(target: string, id: number, title: string): void {
  known(target).set(id, title);
}

async function fetchTitles(meta: Meta, target: string, ids: number[]): Promise<void> {
  const object = meta.objects.find((o) => o.name === target);
  if (!object) return;
  const names = known(target);
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const page = await api.get<Page<ApiRecord>>(`/${object.path}`, {
      filter: `id in (${chunk.join(", ")})`,
      limit: 200,
    });
    for (const r of page.data) names.set(r.id, recordTitle(object, r));
    for (const id of chunk) if (!names.has(id)) names.set(id, `#${id}`);
  }
}

// Loads the titles of the given links; the returned number changes when new titles arrive.
export function useLinkTitles(meta: Meta | null, wanted: { target: string; ids: number[] }[]): number {
  const [generation, setGeneration] = useState(0);
  const signature = wanted.map((w) => `${w.target}:${w.ids.join(",")}`).join("|");
  useEffect(() => {
    if (!meta) return;
    const jobs: Promise<void>[] = [];
    for (const w of wanted) {
      const missing = [...new Set(w.ids)].filter((id) => !known(w.target).has(id));
      if (missing.length === 0) continue;
      const jobKey = `${w.target}:${missing.join(",")}`;
      let job = pending.get(jobKey);
      if (!job) {
        job = fetchTitles(meta, w.target, missing).catch(() => undefined).finally(() => pending.delete(jobKey));
        pending.set(jobKey, job);
      }
      jobs.push(job);
    }
    if (jobs.length === 0) return;
    let live = true;
    void Promise.all(jobs).then(() => live && setGeneration((g) => g + 1));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [meta, signature]);
  return generation;
}

export function recordHref(target: string | null, id: number): string | null {
  if (target === "person") return `/people/${id}`;
  if (target === "organization") return `/organizations/${id}`;
  return null;
}
