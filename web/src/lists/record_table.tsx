// A table of records that renders only the rows in view (virtualised) and asks for the next page
// as the user scrolls near the end, so scrolling stays smooth however long the list.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import { Link } from "wouter";
import type { ApiRecord, FieldMeta, Meta, ObjectMeta } from "../api/types";
import { formatValue } from "../format";
import { linkTitle, recordHref, useLinkTitles } from "../records/link_titles";
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
}

export function RecordTable({ meta, object, columns, rows, sort, onSort, onNearEnd, footer }: Props) {
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

  const template = `repeat(${columns.length}, minmax(0, 1fr))`;
  // every row shares one width, so the columns line up; narrow screens scroll sideways
  const width = `max(100%, ${columns.length * 10}rem)`;
  const opens = object.name === "person" || object.name === "organization";

  return (
    <div className="table" role="table" aria-label={object.plural_label} aria-rowcount={rows.length + 1}>
      <div className="table-scroll" ref={scroller}>
        <div style={{ width }}>
        <div className="table-head" role="rowgroup">
          <div className="tr" role="row" style={{ gridTemplateColumns: template }}>
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
                {columns.map((c, ci) => (
                  <div role="cell" className="td" key={c.name}>
                    <Cell field={c} record={r} href={ci === 0 && opens ? recordHref(object.name, r.id) : null} />
                  </div>
                ))}
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
