import { describe, expect, test } from "vitest";
import type { ApiRecord } from "../api/types";
import { columnTotals, dropPosition, groupByStage, moveDeal } from "./board_model";

function deal(id: number, stage: number, position: number, micros?: number, currency = "EUR"): ApiRecord {
  return { id, version: 1, created_at: "", updated_at: "", stage, position, amount: micros === undefined ? null : { micros, currency } };
}

const ids = (deals: ApiRecord[] | undefined) => (deals ?? []).map((d) => d.id);

describe("the board", () => {
  test("groups deals into their stages in position order, then by id", () => {
    const board = groupByStage([1, 2, 3], [deal(10, 1, 2), deal(11, 1, 0), deal(12, 2, 0), deal(13, 1, 0), deal(14, 9, 0)]);
    expect(ids(board.get(1))).toEqual([11, 13, 10]);
    expect(ids(board.get(2))).toEqual([12]);
    expect(ids(board.get(3))).toEqual([]);
  });

  test("sums each column per currency", () => {
    expect(columnTotals([deal(1, 1, 0, 5_000_000), deal(2, 1, 1, 7_000_000), deal(3, 1, 2, 1_000_000, "USD"), deal(4, 1, 3)]))
      .toEqual([{ micros: 12_000_000, currency: "EUR" }, { micros: 1_000_000, currency: "USD" }]);
  });

  test("a drop takes the position of the card it goes before, or the end", () => {
    const column = [deal(1, 1, 0), deal(2, 1, 1), deal(3, 1, 5)];
    expect(dropPosition(column, 0, 9)).toBe(0);
    expect(dropPosition(column, 2, 9)).toBe(5);
    expect(dropPosition(column, 3, 9)).toBeNull();
    // Within its own column the dragged card does not count.
    expect(dropPosition(column, 3, 1)).toBeNull();
    expect(dropPosition(column, 2, 1)).toBe(5);
    expect(dropPosition(column, 0, 2)).toBe(0);
  });

  test("a move shows the new order at once and leaves the old board as it was, for a rollback", () => {
    const board = groupByStage([1, 2], [deal(1, 1, 0), deal(2, 1, 1), deal(3, 2, 0), deal(4, 2, 1)]);
    const moved = moveDeal(board, 2, 2, 1);
    expect(ids(moved.get(1))).toEqual([1]);
    expect(ids(moved.get(2))).toEqual([3, 2, 4]);
    expect(moved.get(2)?.map((d) => d.position)).toEqual([0, 1, 2]);
    expect(moved.get(2)?.[1].stage).toBe(2);
    expect(ids(board.get(1))).toEqual([1, 2]);
    expect(ids(board.get(2))).toEqual([3, 4]);
    expect(ids(moveDeal(board, 1, 1, 2).get(1))).toEqual([2, 1]);
    expect(moveDeal(board, 99, 1, 0)).toBe(board);
  });
});
