// Rows of field, operator and value that write the filter language for the text box.
import { useState } from "react";
import type { FieldMeta } from "../api/types";
import { buildFilter, operatorsFor, takesValue, type Condition } from "./filter_builder_model";

export function FilterBuilder({ fields, onApply }: { fields: FieldMeta[]; onApply: (filter: string) => void }) {
  const usable = fields.filter((f) => f.active);
  const [rows, setRows] = useState<Condition[]>([]);
  const [join, setJoin] = useState<"and" | "or">("and");

  function add() {
    const f = usable[0];
    setRows([...rows, { field: f.name, op: operatorsFor(f)[0], value: "" }]);
  }
  function update(i: number, change: Partial<Condition>) {
    setRows(rows.map((r, j) => {
      if (j !== i) return r;
      const next = { ...r, ...change };
      if (change.field) {
        const f = usable.find((x) => x.name === change.field)!;
        if (!operatorsFor(f).includes(next.op)) next.op = operatorsFor(f)[0];
        next.value = "";
      }
      return next;
    }));
  }
  const text = buildFilter(rows, usable, join);

  return (
    <details className="menu filter-builder">
      <summary>Filter builder</summary>
      <div className="menu-panel wide">
        {rows.map((row, i) => {
          const field = usable.find((f) => f.name === row.field)!;
          return (
            <div className="builder-row" key={i}>
              <select aria-label={`Condition ${i + 1} field`} value={row.field} onChange={(e) => update(i, { field: e.target.value })}>
                {usable.map((f) => <option key={f.name} value={f.name}>{f.label}</option>)}
              </select>
              <select aria-label={`Condition ${i + 1} operator`} value={row.op} onChange={(e) => update(i, { op: e.target.value })}>
                {operatorsFor(field).map((op) => <option key={op} value={op}>{op}</option>)}
              </select>
              {takesValue(row.op) && <ValueInput field={field} index={i} value={row.value} onChange={(value) => update(i, { value })} />}
              <button type="button" aria-label={`Remove condition ${i + 1}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>✕</button>
            </div>
          );
        })}
        <div className="builder-actions">
          <button type="button" onClick={add}>Add condition</button>
          {rows.length > 1 && (
            <label>
              Match
              <select value={join} onChange={(e) => setJoin(e.target.value as "and" | "or")}>
                <option value="and">all (and)</option>
                <option value="or">any (or)</option>
              </select>
            </label>
          )}
          <button type="button" className="primary" disabled={!text} onClick={() => onApply(text)}>Apply filter</button>
        </div>
        {text && <p className="hint">Writes: <code className="mono">{text}</code></p>}
      </div>
    </details>
  );
}

function ValueInput({ field, index, value, onChange }: { field: FieldMeta; index: number; value: string; onChange: (v: string) => void }) {
  const label = `Condition ${index + 1} value`;
  if (field.type === "enum" || field.type === "multi_enum") {
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {field.options.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    );
  }
  if (field.type === "bool") {
    return (
      <select aria-label={label} value={value || "true"} onChange={(e) => onChange(e.target.value)}>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  const placeholder = field.type === "datetime" ? "now() - 30d or 2026-01-01T00:00:00Z" : field.type === "date" ? "2026-01-31 or today() + 7d" : "";
  return <input aria-label={label} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />;
}
