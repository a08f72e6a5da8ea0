import { describe, expect, it } from "vitest";
import { accessOf } from "./access";

describe("access by role", () => {
  it("lets agents and managers write, admins also change settings, read-only users only read", () => {
    expect(accessOf("admin")).toEqual({ canWrite: true, isAdmin: true });
    expect(accessOf("manager")).toEqual({ canWrite: true, isAdmin: false });
    expect(accessOf("agent")).toEqual({ canWrite: true, isAdmin: false });
    expect(accessOf("read_only")).toEqual({ canWrite: false, isAdmin: false });
    expect(accessOf(undefined)).toEqual({ canWrite: false, isAdmin: false });
  });
});
