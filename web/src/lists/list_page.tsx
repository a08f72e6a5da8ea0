// A list of one object's records: search, filter (typed or built), sort, columns, export, and
// pages read by cursor as the user scrolls.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { Link } from "wouter";
import { api } from "../api/client";
import { useAccess } from "../auth/access";
import { useMeta } from "../api/meta";
import { ApiError, filterErrorPosition, type FilterErrorAt } from "../api/problem";
import type { ApiRecord, Page } from "../api/types";
import { BulkBar } from "./bulk_bar";
import { ColumnChooser } from "./column_chooser";
import { initialPager, nextCursor, pagerReducer, shouldLoadMore } from "./cursor_pager";
import { FilterBox } from "./filter_box";
import { FilterBuilder } from "./filter_builder";
import { loadColumns, nextSort, saveColumns } from "./list_columns";
import { RecordTable } from "./record_table";
import { ViewsMenu } from "./views_menu";

const pageSize = 100;

export function ListPage({ object: objectName }: { object: string }) {
  const { meta, object: find } = useMeta();
  const object = find(objectName);
  if (!meta || !object) return <p className="loading">Loading…</p>;
  return <LoadedList key={objectName} objectName={objectName} />;
}

function LoadedList({ objectName }: { objectName: string }) {
  const { meta, object: find } = useMeta();
  const object = find(objectName)!;
  const [columns, setColumnsState] = useState(() => loadColumns(object));
  const [sort, setSort] = useState("");
  const [filter, setFilter] = useState("");
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  const [typed, setTyped] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(t);
  }, [typed]);
  const [filterError, setFilterError] = useState<FilterErrorAt | null>(null);
  const [reloads, setReloads] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const key = `${object.path}|${sort}|${filter}|${q}|${reloads}`;
  const [state, dispatch] = useReducer(pagerReducer<ApiRecord>, key, initialPager<ApiRecord>);
  const stateRef = useRef(state);
  stateRef.current = state;
  // The query whose page is on its way: the reducer's "loading" shows only after a render.
  const inflight = useRef<string | null>(null);

  const setColumns = (c: string[]) => {
    setColumnsState(c);
    saveColumns(object.name, c);
  };

  const load = useCallback(async () => {
    const s = stateRef.current;
    if (s.key !== key || inflight.current === key) return;
    inflight.current = key;
    dispatch({ type: "request", key });
    try {
      const page = await api.get<Page>(`/${object.path}`, { limit: pageSize, after: nextCursor(s), sort, filter, q });
      dispatch({ type: "loaded", key, rows: page.data, next: page.next });
    } catch (e) {
      const at = e instanceof ApiError ? filterErrorPosition(e, filter) : undefined;
      if (at) setFilterError(at);
      dispatch({ type: "failed", key, error: e instanceof Error ? e.message : String(e) });
    } finally {
      if (inflight.current === key) inflight.current = null;
    }
  }, [key, object.path, sort, filter, q]);

  useEffect(() => {
    dispatch({ type: "reset", key });
    setSelected(new Set());
  }, [key]);

  const onNearEnd = useCallback((lastIndex: number) => {
    if (stateRef.current.key === key && shouldLoadMore(stateRef.current, lastIndex)) void load();
  }, [key, load]);

  useEffect(() => {
    if (state.key === key && state.rows.length === 0 && !state.loading && !state.done && !state.error) void load();
  }, [state, key, load]);

  function applyFilter(text: string) {
    setFilterError(null);
    setDraft(text);
    setFilter(text);
  }

  const shown = useMemo(
    () => columns.map((c) => object.fields.find((f) => f.name === c)!).filter(Boolean),
    [columns, object],
  );
  const exportHref = api.url(`/${object.path}/export`, { format: "csv", filter, sort, fields: columns.join(",") });
  const footer = state.error && !filterError
    ? `Could not load: ${state.error}`
    : state.loading
      ? `${state.rows.length} loaded, loading more…`
      : `${state.rows.length}${state.done ? "" : "+"} ${state.rows.length === 1 ? object.label.toLowerCase() : object.plural_label.toLowerCase()}${state.done ? "" : " (scroll for more)"}`;
  const { canWrite } = useAccess();
  const canCreate = canWrite && (object.name === "person" || object.name === "organization");

  return (
    <section className="list-page" aria-labelledby="list-title">
      <div className="page-head">
        <h1 id="list-title">{object.plural_label}</h1>
        <div className="actions">
          {canCreate && <Link className="button primary" href={`/${object.path}/new`}>New {object.label.toLowerCase()}</Link>}
          <a className="button" href={exportHref} download={`${object.path}.csv`}>Export CSV</a>
        </div>
      </div>
      <div className="toolbar">
        {object.search.length > 0 && (
          <label className="search-field">
            <span className="sr-only">Search {object.plural_label.toLowerCase()}</span>
            <input type="search" placeholder="Search…" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </label>
        )}
        <FilterBuilder fields={object.fields} onApply={applyFilter} />
        <ColumnChooser object={object} columns={columns} onChange={setColumns} />
        <ViewsMenu
          object={object.name}
          current={{ filter, sort, columns }}
          onPick={(v) => {
            applyFilter(v.filter);
            setSort(v.sort);
            const kept = v.columns.filter((c) => object.fields.some((f) => f.name === c && f.active));
            if (kept.length) setColumns(kept);
          }}
        />
      </div>
      {selected.size > 0 && (
        <BulkBar
          object={object}
          selected={state.rows.filter((r) => selected.has(r.id))}
          onClear={() => setSelected(new Set())}
          onDone={(message) => {
            setNotice(message);
            setReloads((n) => n + 1);
          }}
        />
      )}
      {notice && <p className="ok" role="status">{notice} <button className="link-button" onClick={() => setNotice(null)}>Dismiss</button></p>}
      <FilterBox draft={draft} onDraft={setDraft} onApply={applyFilter} error={filterError} applied={filter} />
      <RecordTable
        meta={meta!}
        object={object}
        columns={shown}
        rows={state.rows}
        sort={sort}
        onSort={(f) => setSort(nextSort(sort, f))}
        onNearEnd={onNearEnd}
        footer={footer}
        selected={selected}
        canWrite={canWrite}
        onSelect={(id, on) => setSelected((old) => {
          const next = new Set(old);
          if (on) next.add(id);
          else next.delete(id);
          return next;
        })}
        onSelectAll={(on) => setSelected(on ? new Set(state.rows.map((r) => r.id)) : new Set())}
        onRowSaved={(row) => dispatch({ type: "replace", key, row, same: (a, b) => a.id === b.id })}
      />
    </section>
  );
}
