// Acts on the selected rows of a list: set a choice field, an owner or a deal's stage, add a tag, or
// delete.
import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { ApiRecord, FieldMeta, ObjectMeta, Page } from "../api/types";
import { humanize } from "../format";
import { useUsers } from "../records/field_input";
import { bulkPatches, runBulk, type BulkAction } from "./bulk_model";

interface Props {
  object: ObjectMeta;
  selected: ApiRecord[];
  onDone: (message: string) => void;
  onClear: () => void;
}

function settable(f: FieldMeta): boolean {
  return f.active && !f.read_only && (f.type === "enum" || (f.type === "link" && (f.target === "user" || f.target === "pipeline_stage")));
}

interface StageChoice {
  id: number;
  label: string;
  pipeline: number;
}

// Every pipeline's stages, as "Pipeline · Stage", when the list has a stage to set.
function useStageChoices(wanted: boolean): StageChoice[] {
  const [choices, setChoices] = useState<StageChoice[]>([]);
  useEffect(() => {
    if (!wanted) return;
    void Promise.all([api.get<Page>("/pipelines", { sort: "name", limit: 200 }), api.get<Page>("/pipeline_stages", { sort: "position", limit: 200 })])
      .then(([pipelines, stages]) => setChoices(pipelines.data.flatMap((p) => stages.data
        .filter((s) => s.pipeline === p.id)
        .map((s) => ({ id: s.id, label: `${String(p.name)} · ${String(s.name)}`, pipeline: p.id })))), () => setChoices([]));
  }, [wanted]);
  return choices;
}

export function BulkBar({ object, selected, onDone, onClear }: Props) {
  const users = useUsers();
  const fields = object.fields.filter(settable);
  const stages = useStageChoices(fields.some((f) => f.target === "pipeline_stage"));
  const hasTags = object.fields.some((f) => f.name === "tags" && f.active);
  const [action, setAction] = useState(fields[0] ? `set:${fields[0].name}` : hasTags ? "tag" : "delete");
  const [value, setValue] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const field = action.startsWith("set:") ? fields.find((f) => `set:${f.name}` === action) : undefined;

  async function apply() {
    if (action === "delete" && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    setProgress(0);
    let outcome;
    let verb;
    if (action === "delete") {
      verb = "Deleted";
      outcome = await runBulk(selected, (r) => api.delete(`/${object.path}/${r.id}`), (r) => r.id, setProgress);
    } else {
      const stage = field?.target === "pipeline_stage" ? stages.find((c) => String(c.id) === value) : undefined;
      const bulk: BulkAction = field
        ? { kind: "set", field: field.name, value: value === "" ? null : field.type === "link" ? Number(value) : value, with: stage && { pipeline: stage.pipeline } }
        : { kind: "add_tag", tag: value };
      verb = "Updated";
      const patches = bulkPatches(selected, bulk);
      outcome = await runBulk(patches, async (p) => void (await api.patch(`/${object.path}/${p.id}`, p.body, p.version)), (p) => p.id, setProgress);
    }
    setProgress(null);
    const failed = outcome.failed.length ? `; ${outcome.failed.length} failed (#${outcome.failed[0].id}: ${outcome.failed[0].message})` : "";
    onDone(`${verb} ${outcome.done} of ${selected.length}${failed}.`);
  }

  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions">
      <strong>{selected.length} selected</strong>
      <span className="inline">
        <label htmlFor="bulk-action">Action</label>
        <select id="bulk-action" value={action} onChange={(e) => { setAction(e.target.value); setValue(""); setConfirming(false); }}>
          {fields.map((f) => <option key={f.name} value={`set:${f.name}`}>Set {f.label.toLowerCase()}</option>)}
          {hasTags && <option value="tag">Add tag</option>}
          <option value="delete">Delete</option>
        </select>
      </span>
      {field && (
        <span className="inline">
          <label htmlFor="bulk-value">Value</label>
          <select id="bulk-value" value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">(none)</option>
            {field.type === "enum"
              ? field.options.map((o) => <option key={o} value={o}>{humanize(o)}</option>)
              : field.target === "pipeline_stage"
                ? stages.map((c) => <option key={c.id} value={String(c.id)}>{c.label}</option>)
                : users.map((u) => <option key={u.id} value={String(u.id)}>{u.name}</option>)}
          </select>
        </span>
      )}
      {action === "tag" && (
        <span className="inline">
          <label htmlFor="bulk-tag">Tag</label>
          <input id="bulk-tag" value={value} onChange={(e) => setValue(e.target.value)} placeholder="vip" />
        </span>
      )}
      <button className={action === "delete" ? "danger" : "primary"} onClick={() => void apply()} disabled={progress !== null || (action === "tag" && !value.trim())}>
        {confirming ? `Delete ${selected.length}? Confirm` : "Apply"}
      </button>
      <button onClick={onClear}>Clear selection</button>
      {progress !== null && <span role="status"><progress max={selected.length} value={progress} aria-label="Applying" /> {progress} of {selected.length}</span>}
    </div>
  );
}
