// What the signed-in user's role lets them do (docs/api.md, Roles), so the app offers only that;
// the API checks again and answers 403 to anything else.
import { useSession } from "./session";

export interface Access {
  canWrite: boolean;
  isAdmin: boolean;
}

export function accessOf(role: string | undefined): Access {
  return { canWrite: role === "admin" || role === "manager" || role === "agent", isAdmin: role === "admin" };
}

export function useAccess(): Access {
  return accessOf(useSession().user?.role);
}
