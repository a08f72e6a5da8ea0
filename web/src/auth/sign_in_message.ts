// What the sign-in page says when signing in fails.
import { ApiError } from "../api/problem";

export function signInMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return "The email or the password is wrong.";
    if (error.status === 429) {
      const wait = error.retryAfter;
      return wait !== undefined
        ? `Too many attempts. Try again in ${wait >= 120 ? `${Math.ceil(wait / 60)} minutes` : wait === 1 ? "1 second" : `${wait} seconds`}.`
        : "Too many attempts. Try again later.";
    }
    if (error.status === 400) return error.errors.map((e) => `${e.field} ${e.problem}`).join("; ") || error.message;
    return error.message;
  }
  return "Signing in failed.";
}
