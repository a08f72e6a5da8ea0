// The one way the app talks to the REST API: JSON in and out, every error an ApiError, the CSRF
// token on unsafe methods, and a 401 anywhere sends the user to the sign-in page.
import { ApiError, parseRetryAfter, problemFromBody } from "./problem";

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method?: string;
  query?: Query;
  body?: unknown;
  // A raw body (a CSV file) sent as it is with this content type.
  rawBody?: { data: BodyInit; type: string };
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiAnswer<T> {
  data: T;
  status: number;
  etag: string | null;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export class ApiClient {
  private csrfToken: string | null = null;
  private onUnauthenticated: (() => void) | null = null;

  constructor(
    private readonly base: string = "/api/v1",
    private readonly fetchImpl: Fetch = (input, init) => fetch(input, init),
  ) {}

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  // Called on every 401 except the sign-in request's own.
  setUnauthenticatedHandler(handler: (() => void) | null): void {
    this.onUnauthenticated = handler;
  }

  url(path: string, query?: Query): string {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null || value === "") continue;
      // encodeURIComponent writes spaces as %20; the server reads '+' as a plus sign.
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    }
    return `${this.base}${path}${parts.length ? `?${parts.join("&")}` : ""}`;
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
    const method = (options.method ?? "GET").toUpperCase();
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
    let body: BodyInit | undefined;
    if (options.rawBody) {
      headers["Content-Type"] = options.rawBody.type;
      body = options.rawBody.data;
    } else if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    if (unsafeMethods.has(method) && this.csrfToken) headers["X-CSRF-Token"] = this.csrfToken;

    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path, options.query), {
        method,
        headers,
        body,
        credentials: "same-origin",
        signal: options.signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") throw e;
      throw new ApiError({ status: 0, title: "The server cannot be reached", detail: "The server cannot be reached; check the connection and try again.", errors: [] });
    }

    const text = response.status === 204 ? "" : await response.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (!response.ok) {
      const error = new ApiError(
        problemFromBody(response.status, response.statusText, parsed),
        parseRetryAfter(response.headers.get("Retry-After")),
      );
      if (response.status === 401 && path !== "/auth/login") this.onUnauthenticated?.();
      throw error;
    }
    return { data: parsed as T, status: response.status, etag: response.headers.get("ETag") };
  }

  async get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return (await this.request<T>(path, { query, signal })).data;
  }

  async post<T>(path: string, body: unknown, query?: Query): Promise<T> {
    return (await this.request<T>(path, { method: "POST", body, query })).data;
  }

  async patch<T>(path: string, body: unknown, version?: number): Promise<T> {
    const headers: Record<string, string> = version === undefined ? {} : { "If-Match": `"${version}"` };
    return (await this.request<T>(path, { method: "PATCH", body, headers })).data;
  }

  async delete(path: string): Promise<void> {
    await this.request<void>(path, { method: "DELETE" });
  }
}

export const api = new ApiClient();
