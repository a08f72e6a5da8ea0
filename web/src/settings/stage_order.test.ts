import { describe, expect, it } from "vitest";
import { moveStage, parsePercent, percentText } from "./stage_order";

describe("stage order", () => {
  const stages = [{ id: 7, position: 0 }, { id: 3, position: 1 }, { id: 9, position: 2 }, { id: 4, position: 3 }];

  it("swaps a stage with its neighbour, writing only the positions that change", () => {
    expect(moveStage(stages, 9, -1)).toEqual([{ id: 9, position: 1 }, { id: 3, position: 2 }]);
    expect(moveStage(stages, 7, 1)).toEqual([{ id: 3, position: 0 }, { id: 7, position: 1 }]);
  });

  it("renumbers stages whose positions have gaps or ties, in the API's order (position, then id)", () => {
    const messy = [{ id: 5, position: 10 }, { id: 2, position: 10 }, { id: 8, position: 40 }];
    // board order: 2, 5, 8; moving 8 up gives 2, 8, 5
    expect(moveStage(messy, 8, -1)).toEqual([{ id: 2, position: 0 }, { id: 8, position: 1 }, { id: 5, position: 2 }]);
  });

  it("does nothing past either end or for an unknown stage", () => {
    expect(moveStage(stages, 7, -1)).toEqual([]);
    expect(moveStage(stages, 4, 1)).toEqual([]);
    expect(moveStage(stages, 99, 1)).toEqual([]);
  });
});

describe("win probability as a percentage", () => {
  it("shows 0..1 as a percentage and reads it back", () => {
    expect(percentText(0.6)).toBe("60");
    expect(percentText(0.125)).toBe("12.5");
    expect(percentText(null)).toBe("");
    expect(parsePercent("60")).toEqual({ value: 0.6 });
    expect(parsePercent(" 12.5 ")).toEqual({ value: 0.125 });
    expect(parsePercent("100")).toEqual({ value: 1 });
  });

  it("refuses blanks, words and values outside 0..100", () => {
    expect(parsePercent("")).toEqual({ problem: "must be a number from 0 to 100" });
    expect(parsePercent("sixty")).toEqual({ problem: "must be a number from 0 to 100" });
    expect(parsePercent("120")).toEqual({ problem: "must be from 0 to 100" });
    expect(parsePercent("-1")).toEqual({ problem: "must be from 0 to 100" });
  });
});
