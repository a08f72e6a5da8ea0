// A table of records that renders only the rows in view (virtualised) and asks for the next page
// as the user scrolls near the end, so scrolling stays smooth however long the list.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState } from "react";
import { Link } from "wouter";
import type { ApiRecord, FieldMeta, Meta, ObjectMeta } from "../api/types";
import { formatValue } from "../format";
import { linkTitle, recordHref, useLinkTitles } from "../records/link_titles";
import { InlineEditor, isInlineEditable } from "./inline_editor";
import { isSortable } from "./list_columns";

const rowHeight = 40;

interface Props {
  meta: Meta;
  object: ObjectMeta;
  columns: FieldMeta[];
  rows: ApiRecord[];
  sort: string;
  onSort: (field: string) => void;
  onNearEnd: (lastIndex: number) => void;
  footer: string;
  selected: Set<number>;
  // whether rows can be selected for bulk actions and cells edited in place
  canWrite: boolean;
  onSelect: (id: number, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
  onRowSaved: (record: ApiRecord) => void;
}

export function RecordTable({ meta, object, columns, rows, sort, onSort, onNearEnd, footer, selected, canWrite, onSelect, onSelectAll, onRowSaved }: Props) {
  const [editing, setEditing] = useState<{ id: number; field: string } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.length ? items[items.length - 1].index : -1;
  useEffect(() => {
    onNearEnd(last);
  }, [last, rows.length, onNearEnd]);

  const links = columns.filter((c) => c.type === "link" && c.target);
  const visible = items.map((i) => rows[i.index]).filter(Boolean);
  useLinkTitles(meta, links.map((c) => ({
    target: c.target!,
    ids: visible.map((r) => r[c.name]).filter((v): v is number => typeof v === "number"),
  })));

  const template = `${canWrite ? "2.5rem " : ""}repeat(${columns.length}, minmax(0, 1fr))`;
  // every row shares one width, so the columns line up; narrow screens scroll sideways
  const width = `max(100%, ${columns.length * 10}rem)`;
  const opens = object.name === "person" || object.name === "organization";

  return (
    <div className="table">
      <div className="table-scroll" ref={scroller}>
        <div role="table" aria-label={object.plural_label} aria-rowcount={rows.length + 1} style={{ width }}>
        <div className="table-head" role="rowgroup">
          <div className="tr" role="row" style={{ gridTemplateColumns: template }}>
            {canWrite && (
              <div role="columnheader" className="th select-cell">
                <input
                  type="checkbox"
                  aria-label="Select all loaded rows"
                  checked={rows.length > 0 && selected.size === rows.length}
                  onChange={(e) => onSelectAll(e.target.checked)}
                />
              </div>
            )}
            {columns.map((c) => {
              const dir = sort === c.name ? "ascending" : sort === `-${c.name}` ? "descending" : undefined;
              return (
                <div key={c.name} role="columnheader" className="th" aria-sort={dir ?? (isSortable(c) ? "none" : undefined)}>
                  {isSortable(c) ? (
                    <button onClick={() => onSort(c.name)} title={`Sort by ${c.label}`}>
                      {c.label}
                      <span aria-hidden="true" className="sort-mark">{dir === "ascending" ? "▲" : dir === "descending" ? "▼" : ""}</span>
                    </button>
                  ) : (
                    <span>{c.label}</span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const r = rows[item.index];
            return (
              <div
                key={r.id}
                role="row"
                className="tr"
                aria-rowindex={item.index + 2}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: rowHeight }}
              >
                {canWrite && (
                  <div role="cell" className="td select-cell">
                    <input type="checkbox" aria-label={`Select row ${item.index + 1}`} checked={selected.has(r.id)} onChange={(e) => onSelect(r.id, e.target.checked)} />
                  </div>
                )}
                {columns.map((c, ci) => {
                  const href = ci === 0 ? opens ? recordHref(object.name, r.id) : linkedHref(r) : null;
                  // the first column opens the record, so it is not edited in place
                  const editable = canWrite && !href && isInlineEditable(c);
                  const isEditing = editing?.id === r.id && editing.field === c.name;
                  return (
                    <div
                      role="cell"
                      className={`td${editable ? " editable" : ""}${isEditing ? " editing" : ""}`}
                      key={c.name}
                      tabIndex={editable && !isEditing ? -1 : undefined}
                      title={editable && !isEditing ? "Double-click or Enter to edit" : undefined}
                      onDoubleClick={editable ? () => setEditing({ id: r.id, field: c.name }) : undefined}
                      onKeyDown={editable && !isEditing ? (e) => {
                        if (e.key === "Enter" && e.target === e.currentTarget) setEditing({ id: r.id, field: c.name });
                      } : undefined}
                    >
                      {isEditing ? (
                        <InlineEditor object={object} field={c} record={r} onSaved={onRowSaved} onClose={() => setEditing(null)} />
                      ) : (
                        <Cell field={c} record={r} href={href} />
                      )}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
        </div>
      </div>
      <p className="table-foot" aria-live="polite">{footer}</p>
    </div>
  );
}

// A task or other linked record opens the person or organization it belongs to.
function linkedHref(r: ApiRecord): string | null {
  if (typeof r.person === "number") return recordHref("person", r.person);
  if (typeof r.organization === "number") return recordHref("organization", r.organization);
  return null;
}

function Cell({ field, record, href }: { field: FieldMeta; record: ApiRecord; href: string | null }) {
  const value = record[field.name];
  if (field.type === "link" && typeof value === "number") {
    const title = linkTitle(field.target!, value) ?? `#${value}`;
    const to = recordHref(field.target, value);
    return to ? <Link href={to}>{title}</Link> : <>{title}</>;
  }
  const text = formatValue(field, value);
  if (href) return <Link href={href}>{text || `#${record.id}`}</Link>;
  return <>{text}</>;
}
