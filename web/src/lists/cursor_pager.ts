// The state of a list read page by page with the API's cursors: rows so far, the next cursor, and
// whether a page is on its way. A change of query (sort, filter, search) starts over; an answer for
// an older query is dropped, so a slow page never lands in a newer list.

export interface PagerState<T> {
  // Identifies the query (path, sort, filter, q) the rows belong to.
  key: string;
  rows: T[];
  next: string | null;
  loading: boolean;
  done: boolean;
  error: string | null;
}

export type PagerAction<T> =
  | { type: "reset"; key: string }
  | { type: "request"; key: string }
  | { type: "loaded"; key: string; rows: T[]; next: string | null }
  | { type: "failed"; key: string; error: string }
  | { type: "replace"; key: string; row: T; same: (a: T, b: T) => boolean };

export function initialPager<T>(key: string): PagerState<T> {
  return { key, rows: [], next: null, loading: false, done: false, error: null };
}

export function pagerReducer<T>(state: PagerState<T>, action: PagerAction<T>): PagerState<T> {
  if (action.type === "reset") return initialPager<T>(action.key);
  if (action.key !== state.key) return state;
  switch (action.type) {
    case "request":
      return { ...state, loading: true, error: null };
    case "loaded":
      return {
        ...state,
        rows: state.rows.concat(action.rows),
        next: action.next,
        done: action.next === null,
        loading: false,
      };
    case "failed":
      return { ...state, loading: false, error: action.error };
    case "replace":
      return { ...state, rows: state.rows.map((r) => (action.same(r, action.row) ? action.row : r)) };
  }
}

// Whether to ask for the next page: the user is within `margin` rows of the end of what is loaded.
export function shouldLoadMore<T>(state: PagerState<T>, lastVisibleIndex: number, margin = 20): boolean {
  if (state.loading || state.done || state.error) return false;
  if (state.rows.length === 0) return true;
  return lastVisibleIndex >= state.rows.length - margin;
}

// The cursor to send for the next page: none for the first page.
export function nextCursor<T>(state: PagerState<T>): string | undefined {
  return state.rows.length === 0 ? undefined : state.next ?? undefined;
}
