import { describe, expect, it, vi } from "vitest";
import { ApiClient } from "./client";
import { ApiError, filterErrorPosition, parseRetryAfter, utf8OffsetToIndex } from "./problem";

// The error a call fails with; a call that succeeds fails the test.
async function failure(call: Promise<unknown>): Promise<ApiError> {
  try {
    await call;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error("expected the call to fail");
}

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  return new Response(status === 204 ? null : text, { status, headers });
}

describe("ApiClient", () => {
  it("turns problem+json into an ApiError with field errors", async () => {
    const problem = {
      type: "https://rapport.dev/problems/invalid_argument", title: "Bad Request", status: 400,
      detail: "the Person is not valid", code: "invalid_argument",
      errors: [{ field: "email", problem: "must be an email address" }], request_id: "abc",
    };
    const client = new ApiClient("/api/v1", async () => answer(400, problem, { "Content-Type": "application/problem+json" }));
    const error = await failure(client.post("/people", { email: "nope" }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe("invalid_argument");
    expect(error.message).toBe("the Person is not valid");
    expect(error.fieldProblem("email")).toBe("must be an email address");
    expect(error.requestId).toBe("abc");
  });

  it("reads Retry-After on a 429", async () => {
    const client = new ApiClient("/api/v1", async () =>
      answer(429, { status: 429, title: "Too Many Requests", code: "resource_exhausted", errors: [] }, { "Retry-After": "37" }));
    const error = await failure(client.post("/auth/login", {}));
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(37);
  });

  it("gives a plain error for a body that is not JSON", async () => {
    const client = new ApiClient("/api/v1", async () => new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    const error = await failure(client.get("/people"));
    expect(error.status).toBe(502);
    expect(error.message).toBe("Bad Gateway");
    expect(error.errors).toEqual([]);
  });

  it("reports a network failure as status 0", async () => {
    const client = new ApiClient("/api/v1", async () => { throw new TypeError("Failed to fetch"); });
    const error = await failure(client.get("/people"));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
  });

  it("sends the CSRF token on unsafe methods only", async () => {
    const seen: { method: string; headers: Record<string, string> }[] = [];
    const client = new ApiClient("/api/v1", async (_url, init) => {
      seen.push({ method: String(init.method), headers: init.headers as Record<string, string> });
      return answer(200, { ok: true });
    });
    client.setCsrfToken("tok");
    await client.get("/people");
    await client.post("/people", {});
    await client.patch("/people/1", {}, 3);
    await client.delete("/people/1");
    expect(seen[0].headers["X-CSRF-Token"]).toBeUndefined();
    expect(seen[1].headers["X-CSRF-Token"]).toBe("tok");
    expect(seen[2].headers["X-CSRF-Token"]).toBe("tok");
    expect(seen[2].headers["If-Match"]).toBe('"3"');
    expect(seen[3].headers["X-CSRF-Token"]).toBe("tok");
  });

  it("calls the sign-in handler on a 401, but not for the sign-in request itself", async () => {
    const client = new ApiClient("/api/v1", async () => answer(401, { status: 401, title: "Unauthorized", errors: [] }));
    const handler = vi.fn();
    client.setUnauthenticatedHandler(handler);
    await client.get("/people").catch(() => undefined);
    expect(handler).toHaveBeenCalledTimes(1);
    await client.post("/auth/login", { email: "a", password: "b" }).catch(() => undefined);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("encodes query values with %20 and drops empty ones", () => {
    const client = new ApiClient("/api/v1");
    expect(client.url("/people", { filter: "a = 'b c'", q: "", after: undefined, limit: 50 }))
      .toBe("/api/v1/people?filter=a%20%3D%20'b%20c'&limit=50");
  });

  it("returns the ETag and nothing for a 204", async () => {
    const client = new ApiClient("/api/v1", async () => answer(204, undefined, { ETag: '"4"' }));
    const result = await client.request("/auth/logout", { method: "POST" });
    expect(result.status).toBe(204);
    expect(result.data).toBeUndefined();
    expect(result.etag).toBe('"4"');
  });
});

describe("problem helpers", () => {
  it("parses Retry-After as seconds or as a date", () => {
    expect(parseRetryAfter("120")).toBe(120);
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:28:30 GMT", Date.parse("Wed, 21 Oct 2026 07:28:00 GMT"))).toBe(30);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it("finds the position of a filter error, counting UTF-8 bytes", () => {
    const error = new ApiError({ status: 400, errors: [{ field: "filter", problem: "at 18: 'x' is not an option of 'lifecycle_stage'" }] });
    expect(filterErrorPosition(error, "lifecycle_stage = 'x'")).toEqual({ index: 18, message: "'x' is not an option of 'lifecycle_stage'" });
    // "ü" is two bytes, so byte 13 is index 12
    expect(utf8OffsetToIndex("name = 'Müller' and", 13)).toBe(12);
    expect(utf8OffsetToIndex("abc", 99)).toBe(3);
  });

  it("has no filter position for other errors", () => {
    const error = new ApiError({ status: 400, errors: [{ field: "sort", problem: "'x' is not a field" }] });
    expect(filterErrorPosition(error, "a = 1")).toBeUndefined();
  });
});
