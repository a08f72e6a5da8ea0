// Words for the duplicates panel: why two records look alike, and what a merge moved.
const reasonWords: Record<string, string> = { email: "same email", phone: "same phone", name: "same name" };

export function reasonsText(reasons: string[]): string {
  return reasons.map((r) => reasonWords[r] ?? r.replace(/_/g, " ")).join(", ");
}

const plurals: Record<string, string> = { person: "people", activity: "activities", address: "addresses" };

// {"interaction": 2, "task": 1, "person": 1} → "2 interactions, 1 person, 1 task" (zeros left out).
export function movedText(moved: Record<string, number>): string {
  const parts = Object.entries(moved)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([object, n]) => {
      const name = object.replace(/_/g, " ");
      return `${n} ${n === 1 ? name : plurals[object] ?? `${name}s`}`;
    });
  return parts.length ? parts.join(", ") : "nothing linked";
}
