// A text box for the filter language. When the server refuses the filter, its message is shown under
// the text with a marker at the position it names, and the cursor is put there.
import { useEffect, useRef, type FormEvent } from "react";
import type { FilterErrorAt } from "../api/problem";

interface Props {
  draft: string;
  onDraft: (text: string) => void;
  onApply: (text: string) => void;
  error: FilterErrorAt | null;
  applied: string;
}

export function FilterBox({ draft, onDraft, onApply, error, applied }: Props) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (error && input.current) {
      input.current.focus();
      input.current.setSelectionRange(error.index, error.index);
    }
  }, [error]);

  function submit(e: FormEvent) {
    e.preventDefault();
    onApply(draft.trim());
  }

  return (
    <form className="filter-box" onSubmit={submit} role="search" aria-label="Filter the list">
      <label htmlFor="filter-text" className="sr-only">Filter</label>
      <input
        id="filter-text"
        ref={input}
        className="mono"
        value={draft}
        onChange={(e) => onDraft(e.target.value)}
        placeholder="lifecycle_stage = 'customer' and next_touch_due < now()"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "filter-error" : undefined}
        spellCheck={false}
      />
      <button type="submit">Apply</button>
      {applied && (
        <button type="button" onClick={() => { onDraft(""); onApply(""); }}>Clear</button>
      )}
      {error && (
        <div id="filter-error" className="filter-error" role="alert">
          <pre className="mono" aria-hidden="true">
            {applied}
            {"\n"}
            {" ".repeat(error.index)}^
          </pre>
          <span>At position {error.index}: {error.message}</span>
        </div>
      )}
    </form>
  );
}
