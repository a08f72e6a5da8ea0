// One stage of a pipeline in settings: its name, win probability (as a percentage) and kind edited
// in place and saved with the row's button; moved up or down; deleted (the API refuses while the
// stage holds deals, and its message is shown).
import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { ApiRecord } from "../api/types";
import { humanize } from "../format";
import { parsePercent, percentText, stageKinds } from "./stage_order";

interface Props {
  stage: ApiRecord;
  first: boolean;
  last: boolean;
  isAdmin: boolean;
  onMove: (delta: number) => void;
  onChanged: (message: string) => void;
  onError: (e: unknown) => void;
}

export function StageRow({ stage, first, last, isAdmin, onMove, onChanged, onError }: Props) {
  const [name, setName] = useState(String(stage.name));
  const [percent, setPercent] = useState(percentText(stage.probability));
  const [kind, setKind] = useState(String(stage.kind));
  const [problem, setProblem] = useState<string | null>(null);
  const dirty = name !== stage.name || percent !== percentText(stage.probability) || kind !== stage.kind;
  const formId = `stage-${stage.id}`;
  const label = String(stage.name);

  async function save(e: FormEvent) {
    e.preventDefault();
    const p = parsePercent(percent);
    if ("problem" in p) {
      setProblem(`Win probability ${p.problem}`);
      return;
    }
    if (!name.trim()) {
      setProblem("Name is required");
      return;
    }
    setProblem(null);
    try {
      await api.patch(`/pipeline_stages/${stage.id}`, { name: name.trim(), probability: p.value, kind }, stage.version);
      onChanged(`Saved the stage ${name.trim()}.`);
    } catch (err) {
      onError(err);
    }
  }

  async function remove() {
    try {
      await api.delete(`/pipeline_stages/${stage.id}`);
      onChanged(`Deleted the stage ${label}.`);
    } catch (err) {
      onError(err);
    }
  }

  return (
    <tr>
      <td>
        <form id={formId} onSubmit={save} />
        <input form={formId} aria-label={`Name of ${label}`} value={name} disabled={!isAdmin} onChange={(e) => setName(e.target.value)} />
      </td>
      <td>
        <input form={formId} className="narrow" inputMode="decimal" aria-label={`Win probability of ${label} (%)`} value={percent} disabled={!isAdmin}
          onChange={(e) => setPercent(e.target.value)} aria-invalid={problem ? true : undefined} />
        {problem && <small className="error" role="alert">{problem}</small>}
      </td>
      <td>
        <select form={formId} aria-label={`Kind of ${label}`} value={kind} disabled={!isAdmin} onChange={(e) => setKind(e.target.value)}>
          {stageKinds.map((k) => <option key={k} value={k}>{humanize(k)}</option>)}
        </select>
      </td>
      {isAdmin && (
        <td>
          <div className="row-actions">
            <button form={formId} type="submit" className="primary" disabled={!dirty}>Save</button>
            <button type="button" disabled={first} onClick={() => onMove(-1)} aria-label={`Move ${label} up`}>↑</button>
            <button type="button" disabled={last} onClick={() => onMove(1)} aria-label={`Move ${label} down`}>↓</button>
            <button type="button" onClick={() => void remove()} aria-label={`Delete ${label}`}>Delete</button>
          </div>
        </td>
      )}
    </tr>
  );
}
