// The pure part of the pipeline board: deals grouped into their stages' columns in board order,
// column totals, where a drop puts a deal, and the board as it looks after a move (shown at once,
// put back if the server refuses the move).
import type { ApiRecord } from "../api/types";

export interface Money {
  micros: number;
  currency: string;
}

export type Board = Map<number, ApiRecord[]>; // stage id -> its deals, in board order

// Board order: position ascending, then id (as the API sorts).
export function byPosition(a: ApiRecord, b: ApiRecord): number {
  return Number(a.position ?? 0) - Number(b.position ?? 0) || a.id - b.id;
}

export function groupByStage(stageIds: number[], deals: ApiRecord[]): Board {
  const board: Board = new Map(stageIds.map((id) => [id, []]));
  for (const deal of deals) board.get(Number(deal.stage))?.push(deal);
  for (const column of board.values()) column.sort(byPosition);
  return board;
}

// The column's amounts summed per currency, largest first.
export function columnTotals(deals: ApiRecord[]): Money[] {
  const sums = new Map<string, number>();
  for (const deal of deals) {
    const amount = deal.amount as Money | null | undefined;
    if (!amount) continue;
    sums.set(amount.currency, (sums.get(amount.currency) ?? 0) + amount.micros);
  }
  return [...sums].map(([currency, micros]) => ({ micros, currency })).sort((a, b) => b.micros - a.micros);
}

// The `position` to send when `dealId` is dropped before the card at `index` of `column` (the
// column as shown, which may hold the dragged deal itself): the position of the card it goes
// before, which the server gives to the dropped deal while the rest move down; null for the end.
export function dropPosition(column: ApiRecord[], index: number, dealId: number): number | null {
  const others = column.filter((d) => d.id !== dealId);
  const shownBefore = column.slice(0, index).filter((d) => d.id !== dealId).length;
  const target = others[shownBefore];
  return target ? Number(target.position ?? 0) : null;
}

// The board after moving `dealId` into stage `toStage` before the card at `index` (of the column
// as shown; past the end: last). Positions are renumbered the way the server renumbers.
export function moveDeal(board: Board, dealId: number, toStage: number, index: number): Board {
  let moving: ApiRecord | undefined;
  const next: Board = new Map();
  for (const [stage, deals] of board) {
    const found = deals.find((d) => d.id === dealId);
    if (found) moving = found;
    next.set(stage, deals.filter((d) => d.id !== dealId));
  }
  if (!moving) return board;
  const source = board.get(toStage) ?? [];
  const before = source.slice(0, index).filter((d) => d.id !== dealId).length;
  const column = [...(next.get(toStage) ?? [])];
  column.splice(before, 0, { ...moving, stage: toStage });
  next.set(toStage, column.map((d, i) => ({ ...d, position: i })));
  return next;
}

export function formatMoney(m: Money): string {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: m.currency, maximumFractionDigits: 0 }).format(m.micros / 1e6);
  } catch {
    return `${Math.round(m.micros / 1e6)} ${m.currency}`;
  }
}
