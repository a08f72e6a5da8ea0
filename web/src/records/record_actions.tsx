// What can be done to the whole record from its page: a person's vCard, and delete (soft: the API
// keeps it restorable; a second click confirms) with a restore right after.
import { useState } from "react";
import { api } from "../api/client";
import { useAccess } from "../auth/access";
import type { ApiRecord, ObjectMeta } from "../api/types";

export function RecordActions({ object, record, title, onDeleted }: { object: ObjectMeta; record: ApiRecord; title: string; onDeleted: () => void }) {
  const { canWrite } = useAccess();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setError(null);
    try {
      await api.delete(`/${object.path}/${record.id}`);
      onDeleted();
    } catch (e) {
      setError((e as Error).message);
      setConfirming(false);
    }
  }

  const label = object.label.toLowerCase();
  return (
    <div className="row-actions record-actions">
      {object.name === "person" && (
        <a className="button" href={api.url(`/${object.path}/export`, { format: "vcard", filter: `id = ${record.id}` })} download={`${title}.vcf`}>Download vCard</a>
      )}
      {canWrite && !confirming && <button type="button" onClick={() => setConfirming(true)}>Delete {label}</button>}
      {canWrite && confirming && (
        <>
          <button type="button" className="danger" onClick={() => void remove()}>Delete {title}</button>
          <button type="button" onClick={() => setConfirming(false)}>Keep</button>
        </>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}

// Shown in place of the page once the record is deleted: it can come back at once.
export function DeletedNotice({ object, id, title, onRestored }: { object: ObjectMeta; id: number; title: string; onRestored: (r: ApiRecord) => void }) {
  const [error, setError] = useState<string | null>(null);
  async function restore() {
    setError(null);
    try {
      onRestored(await api.post<ApiRecord>(`/${object.path}/${id}/restore`, {}));
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <div className="card" role="status">
      <p>{title} is deleted. It stays restorable until an admin purges it.</p>
      <div className="row-actions">
        <button type="button" className="primary" onClick={() => void restore()}>Restore {title}</button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
