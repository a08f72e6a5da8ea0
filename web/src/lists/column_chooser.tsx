// A menu of checkboxes, one per field of the object (custom fields included), to pick the columns.
import type { ObjectMeta } from "../api/types";
import { columnFields } from "./list_columns";

export function ColumnChooser({ object, columns, onChange }: { object: ObjectMeta; columns: string[]; onChange: (c: string[]) => void }) {
  function toggle(name: string, on: boolean) {
    if (on) onChange([...columns, name]);
    else if (columns.length > 1) onChange(columns.filter((c) => c !== name));
  }
  return (
    <details className="menu column-chooser">
      <summary>Columns</summary>
      <fieldset className="menu-panel">
        <legend className="sr-only">Columns to show</legend>
        {columnFields(object).map((f) => (
          <label key={f.name} className="check">
            <input type="checkbox" checked={columns.includes(f.name)} onChange={(e) => toggle(f.name, e.target.checked)} />
            {f.label}
            {f.origin === "custom" && <span className="badge">custom</span>}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
