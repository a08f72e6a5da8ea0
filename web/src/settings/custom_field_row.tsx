// One custom field in settings, with what an admin may change (PATCH …/fields/{field}): its label
// and description, active or not; an inactive field can be deleted for good with its data (a
// second click confirms). The metadata is read again after each change.
import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { FieldMeta } from "../api/types";

interface Props {
  objectName: string;
  field: FieldMeta;
  isAdmin: boolean;
  onChanged: (message: string) => Promise<void>;
  onError: (message: string) => void;
}

export function CustomFieldRow({ objectName, field, isAdmin, onChanged, onError }: Props) {
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState(field.label);
  const [description, setDescription] = useState(field.description);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const path = `/meta/objects/${objectName}/fields/${field.name}`;

  async function run(change: () => Promise<unknown>, message: string) {
    setBusy(true);
    try {
      await change();
      await onChanged(message);
      setEditing(false);
      setConfirming(false);
    } catch (e) {
      onError(`${field.name}: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  function save(e: FormEvent) {
    e.preventDefault();
    void run(() => api.patch(path, { label: label.trim(), description: description.trim() }), `Saved ${label.trim() || field.name}.`);
  }

  if (editing) {
    const formId = `cf-edit-${field.name}`;
    return (
      <tr>
        <td className="mono">{field.name}</td>
        <td>
          <form id={formId} onSubmit={save} />
          <input form={formId} aria-label={`Label of ${field.name}`} value={label} onChange={(e) => setLabel(e.target.value)} autoFocus />
          <input form={formId} aria-label={`Description of ${field.name}`} placeholder="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
        </td>
        <td>{field.type}</td>
        <td>{field.options.join(", ")}</td>
        <td>{field.active ? "yes" : "no"}</td>
        <td>
          <div className="row-actions">
            {/* keyed apart from Edit, so React does not reuse that button (mid-click) as this submit */}
            <button key="save" form={formId} type="submit" className="primary" disabled={busy}>Save</button>
            <button type="button" onClick={() => { setEditing(false); setLabel(field.label); setDescription(field.description); }}>Cancel</button>
          </div>
        </td>
      </tr>
    );
  }

  return (
    <tr className={field.active ? undefined : "inactive"}>
      <td className="mono">{field.name}</td>
      <td>{field.label}{field.description && <div className="muted">{field.description}</div>}</td>
      <td>{field.type}</td>
      <td>{field.options.join(", ")}</td>
      <td>{field.active ? "yes" : "no"}</td>
      {isAdmin && (
        <td>
          <div className="row-actions">
            <button key="edit" type="button" onClick={() => setEditing(true)} aria-label={`Edit ${field.name}`}>Edit</button>
            {field.active ? (
              <button type="button" disabled={busy} aria-label={`Deactivate ${field.name}`}
                onClick={() => void run(() => api.patch(path, { active: false }), `${field.label} is inactive: hidden from lists and forms, its data kept.`)}>Deactivate</button>
            ) : (
              <button type="button" disabled={busy} aria-label={`Activate ${field.name}`}
                onClick={() => void run(() => api.patch(path, { active: true }), `${field.label} is active again.`)}>Activate</button>
            )}
            {!field.active && !confirming && (
              <button type="button" className="danger" aria-label={`Delete ${field.name}`} onClick={() => setConfirming(true)}>Delete</button>
            )}
            {confirming && (
              <>
                <button type="button" className="danger" disabled={busy} aria-label={`Delete ${field.name} and its data for good`}
                  onClick={() => void run(() => api.delete(path), `${field.label} and its data are deleted.`)}>Delete for good</button>
                <button type="button" onClick={() => setConfirming(false)}>Keep it</button>
              </>
            )}
          </div>
        </td>
      )}
    </tr>
  );
}
