// Saved views of a list: a name for a filter, a sort and a choice of columns. Kept in the browser
// (per object) until the API stores views for a team to share.

export interface SavedView {
  name: string;
  filter: string;
  sort: string;
  columns: string[];
}

export interface ViewStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function key(object: string): string {
  return `rapport.views.${object}`;
}

export function loadViews(store: ViewStore, object: string): SavedView[] {
  try {
    const parsed = JSON.parse(store.getItem(key(object)) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (v): v is SavedView =>
        v && typeof v.name === "string" && typeof v.filter === "string" && typeof v.sort === "string" && Array.isArray(v.columns),
    );
  } catch {
    return [];
  }
}

// Adds the view, or replaces the one of the same name; views stay sorted by name.
export function saveView(store: ViewStore, object: string, view: SavedView): SavedView[] {
  const name = view.name.trim();
  if (!name) throw new Error("a view needs a name");
  const views = loadViews(store, object).filter((v) => v.name !== name);
  views.push({ ...view, name });
  views.sort((a, b) => a.name.localeCompare(b.name));
  store.setItem(key(object), JSON.stringify(views));
  return views;
}

export function deleteView(store: ViewStore, object: string, name: string): SavedView[] {
  const views = loadViews(store, object).filter((v) => v.name !== name);
  store.setItem(key(object), JSON.stringify(views));
  return views;
}
