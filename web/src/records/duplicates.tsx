// Records likely to be the same as this one (GET …/{id}/duplicates, with the reasons), and a merge
// of one into this one (POST …/{id}/merge with If-Match; a second click confirms). The merged
// record is soft-deleted by the API and everything linked to it moves here.
import { useCallback, useEffect, useState } from "react";
import { Link } from "wouter";
import { api } from "../api/client";
import { ApiError } from "../api/problem";
import { useAccess } from "../auth/access";
import type { ApiRecord, ObjectMeta } from "../api/types";
import { movedText, reasonsText } from "./merge_text";

interface Duplicate {
  id: number;
  title: string;
  reasons: string[];
}

interface MergeAnswer {
  record: ApiRecord;
  merge: { moved: Record<string, number> };
}

export function Duplicates({ object, record, onMerged }: { object: ObjectMeta; record: ApiRecord; onMerged: (r: ApiRecord) => void }) {
  const { canWrite } = useAccess();
  const [rows, setRows] = useState<Duplicate[] | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/${object.path}/${record.id}`;

  const load = useCallback(() => {
    api.get<{ data: Duplicate[] }>(`${base}/duplicates`).then((p) => setRows(p.data), (e) => {
      setError((e as Error).message);
      setRows([]);
    });
  }, [base]);
  useEffect(load, [load]);

  async function merge(d: Duplicate) {
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      const answer = await api.request<MergeAnswer>(`${base}/merge`, { method: "POST", body: { from: d.id }, headers: { "If-Match": `"${record.version}"` } });
      setDone(`Merged ${d.title} into this ${object.label.toLowerCase()}: moved ${movedText(answer.data.merge.moved)}.`);
      setConfirming(null);
      onMerged(answer.data.record);
      load();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 412
        ? "This record was changed meanwhile; reload the page to see the latest version, then merge again."
        : (e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (rows !== null && rows.length === 0 && !done && !error) return null;
  return (
    <section className="card" aria-labelledby="dup-title">
      <h2 id="dup-title">Likely duplicates</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {done && <p className="ok" role="status">{done}</p>}
      {rows === null ? <p className="muted">Loading…</p> : rows.length === 0 ? <p className="muted">No more likely duplicates.</p> : (
        <ul className="plain contact-list">
          {rows.map((d) => (
            <li key={d.id}>
              <Link href={`/${object.path}/${d.id}`}>{d.title}</Link>
              <span className="muted"> · {reasonsText(d.reasons)}</span>
              {canWrite && (
                <div className="row-actions">
                  {confirming === d.id ? (
                    <>
                      <button type="button" className="danger" disabled={busy} onClick={() => void merge(d)}>Merge {d.title} into this one</button>
                      <button type="button" onClick={() => setConfirming(null)}>Cancel</button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setConfirming(d.id)} aria-label={`Merge ${d.title} into this ${object.label.toLowerCase()}`}>Merge</button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
