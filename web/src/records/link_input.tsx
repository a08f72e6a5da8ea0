// A link field (a person's organization, who referred them): shows the linked record's name and
// finds another by typing, with the object's full-text search. Arrows move, Enter picks, Escape
// leaves the value as it was. The form holds the record's id.
import { useEffect, useState, type KeyboardEvent } from "react";
import { api } from "../api/client";
import { useMeta } from "../api/meta";
import type { ApiRecord, FieldMeta, Page } from "../api/types";
import { recordTitle } from "../format";
import { linkTitle, rememberTitle, useLinkTitles } from "./link_titles";

interface Props {
  field: FieldMeta;
  id: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  describedBy?: string;
}

export function LinkInput({ field, id, value, onChange, invalid, describedBy }: Props) {
  const { meta } = useMeta();
  const target = meta?.objects.find((o) => o.name === field.target);
  const linked = /^\d+$/.test(value) ? Number(value) : null;
  useLinkTitles(meta, linked !== null && field.target ? [{ target: field.target, ids: [linked] }] : []);
  const title = linked === null ? value : linkTitle(field.target!, linked) ?? `#${linked}`;
  const [query, setQuery] = useState<string | null>(null);
  const [hits, setHits] = useState<ApiRecord[]>([]);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const text = query?.trim() ?? "";
    if (!target || !text || text === title) {
      setHits([]);
      return;
    }
    const controller = new AbortController();
    const t = setTimeout(() => {
      const byId = /^\d+$/.test(text);
      api.get<Page>(`/${target.path}`, byId ? { filter: `id = ${text}`, limit: 1 } : { q: text, limit: 8 }, controller.signal).then(
        (p) => {
          setHits(p.data);
          setActive(0);
        },
        () => setHits([]),
      );
    }, 150);
    return () => {
      clearTimeout(t);
      controller.abort();
    };
  }, [query, target, title]);

  function pick(r: ApiRecord) {
    rememberTitle(field.target!, r.id, recordTitle(target, r));
    onChange(String(r.id));
    setQuery(null);
    setHits([]);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "ArrowDown" && hits.length) {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (e.key === "ArrowUp" && hits.length) {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === "Enter" && hits[active]) {
      e.preventDefault();
      pick(hits[active]);
    } else if (e.key === "Escape") {
      setQuery(null);
      setHits([]);
    }
  }

  const listId = `${id}-options`;
  return (
    <div className="link-input">
      <input
        id={id}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        value={query ?? title}
        placeholder={`Find ${target?.label.toLowerCase() ?? "a record"} by name or id`}
        onFocus={() => setQuery(title)}
        onChange={(e) => {
          setQuery(e.target.value);
          if (e.target.value.trim() === "") onChange("");
        }}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        onKeyDown={onKeyDown}
        autoComplete="off"
      />
      {hits.length > 0 && (
        <ul id={listId} role="listbox" className="link-options" aria-label={`${field.label} choices`}>
          {hits.map((r, i) => (
            <li
              key={r.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(r);
              }}
            >
              {recordTitle(target, r)} <span className="muted">#{r.id}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
