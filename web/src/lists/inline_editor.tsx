// Edits one cell of a list in place: Enter saves (PATCH with If-Match), Escape cancels. A refused
// value keeps the editor open with the API's words; a record changed meanwhile is read again.
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { api } from "../api/client";
import { ApiError } from "../api/problem";
import type { ApiRecord, FieldMeta, ObjectMeta } from "../api/types";
import { humanize } from "../format";
import { fromText, toText } from "../records/form_values";

// Fields that edit well in a cell: one plain value.
export function isInlineEditable(field: FieldMeta): boolean {
  if (!field.active || field.read_only || field.multiple) return false;
  return ["text", "email", "phone", "url", "int", "decimal", "enum", "date", "bool"].includes(field.type);
}

interface Props {
  object: ObjectMeta;
  field: FieldMeta;
  record: ApiRecord;
  onSaved: (record: ApiRecord) => void;
  onClose: () => void;
}

export function InlineEditor({ object, field, record, onSaved, onClose }: Props) {
  const [text, setText] = useState(() => toText(field, record[field.name]));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement & HTMLSelectElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function save() {
    const parsed = fromText(field, text);
    if ("problem" in parsed) {
      setProblem(`${field.label} ${parsed.problem}`);
      return;
    }
    if (text === toText(field, record[field.name])) {
      onClose();
      return;
    }
    setBusy(true);
    try {
      onSaved(await api.patch<ApiRecord>(`/${object.path}/${record.id}`, { [field.name]: parsed.value }, record.version));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        onSaved(await api.get<ApiRecord>(`/${object.path}/${record.id}`));
        setProblem("Someone changed this record meanwhile; it shows their version now. Enter saves yours.");
      } else {
        setProblem(e instanceof ApiError ? e.fieldProblem(field.name) ? `${field.label} ${e.fieldProblem(field.name)}` : e.message : String(e));
      }
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "Enter") {
      e.preventDefault();
      void save();
    } else if (e.key === "Escape") {
      e.preventDefault();
      onClose();
    }
  }

  const label = `${field.label} of ${record.id}`;
  const common = {
    ref: input,
    "aria-label": label,
    "aria-invalid": problem ? true : undefined,
    title: problem ?? "Enter saves, Escape cancels",
    disabled: busy,
    onKeyDown,
    onBlur: () => !problem && !busy && onClose(),
    className: "cell-editor",
  };
  return (
    <>
      {field.type === "enum" || field.type === "bool" ? (
        <select {...common} value={text} onChange={(e) => setText(e.target.value)}>
          {field.type === "bool" ? (
            <>
              <option value="true">Yes</option>
              <option value="false">No</option>
            </>
          ) : (
            <>
              <option value="">—</option>
              {field.options.map((o) => <option key={o} value={o}>{humanize(o)}</option>)}
            </>
          )}
        </select>
      ) : (
        <input {...common} type={field.type === "date" ? "date" : "text"} value={text} onChange={(e) => setText(e.target.value)} />
      )}
      {problem && <span className="cell-problem" role="alert">{problem}</span>}
    </>
  );
}
