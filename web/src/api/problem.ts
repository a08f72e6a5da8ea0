// The API's errors: RFC 9457 problem+json answers turned into one typed error, and the position
// that a filter parse error names.

export interface FieldProblem {
  field: string;
  problem: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors: FieldProblem[];
  request_id?: string;
}

// Thrown by the API client for every answer that is not 2xx, and for a network failure (status 0).
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldProblem[];
  readonly requestId?: string;
  // Seconds from a Retry-After header (429, 503), when the server sent one.
  readonly retryAfter?: number;

  constructor(problem: Problem, retryAfter?: number) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = "ApiError";
    this.status = problem.status;
    this.code = problem.code ?? "";
    this.errors = problem.errors ?? [];
    this.requestId = problem.request_id;
    this.retryAfter = retryAfter;
  }

  // The problem reported for one field, if any.
  fieldProblem(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.problem;
  }
}

// Builds the error for an answer: a problem+json body when there is one, else the status line.
export function problemFromBody(status: number, statusText: string, body: unknown): Problem {
  if (body && typeof body === "object" && "status" in body) {
    const p = body as Partial<Problem>;
    return {
      ...p,
      status: typeof p.status === "number" ? p.status : status,
      errors: Array.isArray(p.errors) ? p.errors : [],
    };
  }
  return { status, title: statusText || `HTTP ${status}`, errors: [] };
}

// Retry-After as seconds: either a number of seconds or an HTTP date.
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

export interface FilterErrorAt {
  // Index into the JavaScript string (UTF-16 units) where the parser stopped.
  index: number;
  message: string;
}

// The filter parser reports "at <byte offset>: <message>" (docs/filter.md). The offset counts UTF-8
// bytes, so it is turned into an index of the text as the user typed it.
export function filterErrorPosition(error: ApiError, filter: string): FilterErrorAt | undefined {
  const problem = error.fieldProblem("filter");
  if (!problem) return undefined;
  const m = /^at (\d+): (.*)$/s.exec(problem);
  if (!m) return { index: 0, message: problem };
  return { index: utf8OffsetToIndex(filter, Number(m[1])), message: m[2] };
}

export function utf8OffsetToIndex(text: string, byteOffset: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length && bytes < byteOffset) {
    const cp = text.codePointAt(i)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}
