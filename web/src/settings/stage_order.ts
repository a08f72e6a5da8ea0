// The stages of a pipeline as the settings page edits them: moved up or down by renumbering the
// positions (only the stages whose position changes are written), and the win probability shown as
// a percentage while the API keeps 0..1.
export const stageKinds = ["open", "won", "lost"];

export interface StageRow {
  id: number;
  position: number;
}

// The stages in board order (position, then id, as the API sorts them) with `id` moved by `delta`
// places: the new positions 0..n-1 of the stages whose position changes.
export function moveStage(stages: StageRow[], id: number, delta: number): { id: number; position: number }[] {
  const order = [...stages].sort((a, b) => a.position - b.position || a.id - b.id);
  const from = order.findIndex((s) => s.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= order.length) return [];
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved);
  return order.flatMap((s, position) => (s.position === position ? [] : [{ id: s.id, position }]));
}

export function percentText(probability: unknown): string {
  return typeof probability === "number" ? String(Math.round(probability * 1000) / 10) : "";
}

// "60" → 0.6; a blank, a non-number or one outside 0..100 is a problem to show beside the field.
export function parsePercent(text: string): { value: number } | { problem: string } {
  const n = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(n)) return { problem: "must be a number from 0 to 100" };
  if (n < 0 || n > 100) return { problem: "must be from 0 to 100" };
  return { value: Math.round(n * 10) / 1000 };
}
