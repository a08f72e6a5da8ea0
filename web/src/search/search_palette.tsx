// Ctrl-K / Cmd-K: one search box across people, organizations and every searchable object.
// Arrow keys move, Enter opens, Escape closes.
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useLocation } from "wouter";
import { api } from "../api/client";
import { useMeta } from "../api/meta";
import type { SearchHit } from "../api/types";
import { recordHref } from "../records/link_titles";

export function SearchPalette() {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [, navigate] = useLocation();
  const { object } = useMeta();
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        show();
      }
    };
    const show = () => {
      opener.current = document.activeElement;
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("rapport:search", show);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("rapport:search", show);
    };
  }, []);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  useEffect(() => {
    const text = q.trim();
    if (!open || !text) {
      setHits([]);
      return;
    }
    const controller = new AbortController();
    const t = setTimeout(() => {
      api.get<{ data: SearchHit[] }>("/search", { q: text }, controller.signal).then(
        (r) => {
          setHits(r.data);
          setActive(0);
          setError(null);
        },
        (e) => {
          if (e.name !== "AbortError") setError(e.message);
        },
      );
    }, 150);
    return () => {
      clearTimeout(t);
      controller.abort();
    };
  }, [q, open]);

  function close() {
    setOpen(false);
    setQ("");
    setHits([]);
    (opener.current as HTMLElement | null)?.focus?.();
  }

  function go(hit: SearchHit) {
    const href = recordHref(hit.object, hit.id);
    const target = object(hit.object);
    close();
    if (href) navigate(href);
    else if (target) navigate(`/${target.path}`);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "Escape") close();
    else if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === "Enter" && hits[active]) {
      e.preventDefault();
      go(hits[active]);
    }
  }

  if (!open) return null;
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Search">
        <input
          ref={input}
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls="search-results"
          aria-activedescendant={hits[active] ? `hit-${active}` : undefined}
          aria-label="Search people, organizations and more"
          placeholder="Search people, organizations…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {error && <p className="error" role="alert">{error}</p>}
        <ul id="search-results" role="listbox" aria-label="Results">
          {hits.map((h, i) => (
            <li
              key={`${h.object}-${h.id}`}
              id={`hit-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              onMouseEnter={() => setActive(i)}
              onClick={() => go(h)}
            >
              <span>{h.title}</span>
              <span className="badge">{object(h.object)?.label ?? h.object}</span>
            </li>
          ))}
        </ul>
        {q.trim() && hits.length === 0 && !error && <p className="muted">No matches yet.</p>}
        <p className="hint">↑↓ to move · Enter to open · Esc to close</p>
      </div>
    </div>
  );
}
