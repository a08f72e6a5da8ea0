// Shown after a 412: someone saved this record meanwhile. Lists their changes beside this user's and
// offers to apply this user's changes again on top of the latest version, or to drop them.
import type { ObjectMeta } from "../api/types";
import type { FieldConflict } from "./form_values";

interface Props {
  object: ObjectMeta;
  clashing: FieldConflict[];
  theirsOnly: FieldConflict[];
  onReapply: () => void;
  onDiscard: () => void;
}

export function ConflictPanel({ object, clashing, theirsOnly, onReapply, onDiscard }: Props) {
  const label = (name: string) => object.fields.find((f) => f.name === name)?.label ?? name;
  const show = (v: string) => (v === "" ? "(empty)" : v);
  return (
    <div className="card conflict" role="alert">
      <h2>Someone else changed this {object.label.toLowerCase()} while you were editing</h2>
      <table>
        <thead>
          <tr><th scope="col">Field</th><th scope="col">Was</th><th scope="col">Now (theirs)</th><th scope="col">Yours</th></tr>
        </thead>
        <tbody>
          {clashing.map((c) => (
            <tr key={c.field} className="clash"><th scope="row">{label(c.field)}</th><td>{show(c.was)}</td><td>{show(c.theirs)}</td><td>{show(c.mine)}</td></tr>
          ))}
          {theirsOnly.map((c) => (
            <tr key={c.field}><th scope="row">{label(c.field)}</th><td>{show(c.was)}</td><td>{show(c.theirs)}</td><td>(unchanged)</td></tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="primary" onClick={onReapply}>Reapply my changes</button>
        <button type="button" onClick={onDiscard}>Discard mine and take theirs</button>
      </div>
    </div>
  );
}
