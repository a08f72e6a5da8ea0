// Pick a saved view of this list, save the current one under a name, or delete one.
import { useState, type FormEvent } from "react";
import { deleteView, loadViews, saveView, type SavedView } from "./saved_views";

interface Props {
  object: string;
  current: Omit<SavedView, "name">;
  onPick: (view: SavedView) => void;
}

export function ViewsMenu({ object, current, onPick }: Props) {
  const [views, setViews] = useState(() => loadViews(localStorage, object));
  const [name, setName] = useState("");

  function save(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    setViews(saveView(localStorage, object, { ...current, name }));
    setName("");
  }

  return (
    <details className="menu views-menu">
      <summary>Views</summary>
      <div className="menu-panel">
        {views.length === 0 ? <p className="muted">No saved views yet.</p> : (
          <ul className="plain">
            {views.map((v) => (
              <li key={v.name} className="view-row">
                <button type="button" className="link-button" onClick={() => onPick(v)}>{v.name}</button>
                <button type="button" aria-label={`Delete view ${v.name}`} onClick={() => setViews(deleteView(localStorage, object, v.name))}>✕</button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={save} className="builder-row">
          <label className="sr-only" htmlFor={`view-name-${object}`}>Name of the view</label>
          <input id={`view-name-${object}`} value={name} onChange={(e) => setName(e.target.value)} placeholder="Name this view" />
          <button type="submit" disabled={!name.trim()}>Save view</button>
        </form>
      </div>
    </details>
  );
}
