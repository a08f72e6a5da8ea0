import { describe, expect, it } from "vitest";
import { ApiError } from "../api/problem";
import { signInMessage } from "./sign_in_message";

describe("sign-in messages", () => {
  it("says the email or password is wrong on a 401", () => {
    expect(signInMessage(new ApiError({ status: 401, errors: [] }))).toBe("The email or the password is wrong.");
  });

  it("tells how long to wait on a lockout", () => {
    expect(signInMessage(new ApiError({ status: 429, errors: [] }, 45))).toBe("Too many attempts. Try again in 45 seconds.");
    expect(signInMessage(new ApiError({ status: 429, errors: [] }, 1))).toBe("Too many attempts. Try again in 1 second.");
    expect(signInMessage(new ApiError({ status: 429, errors: [] }, 600))).toBe("Too many attempts. Try again in 10 minutes.");
    expect(signInMessage(new ApiError({ status: 429, errors: [] }))).toBe("Too many attempts. Try again later.");
  });

  it("names the field of a bad request and passes other errors on", () => {
    expect(signInMessage(new ApiError({ status: 400, errors: [{ field: "email", problem: "is required" }] }))).toBe("email is required");
    expect(signInMessage(new ApiError({ status: 0, detail: "The server cannot be reached", errors: [] }))).toBe("The server cannot be reached");
    expect(signInMessage(new Error("x"))).toBe("Signing in failed.");
  });
});
