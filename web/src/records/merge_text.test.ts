import { describe, expect, it } from "vitest";
import { movedText, reasonsText } from "./merge_text";

describe("merge words", () => {
  it("says why two records look alike", () => {
    expect(reasonsText(["email", "name"])).toBe("same email, same name");
    expect(reasonsText(["phone", "tax_id"])).toBe("same phone, tax id");
  });

  it("counts what moved, in name order, without zeros", () => {
    expect(movedText({ task: 2, interaction: 1, person: 1, stage_change: 3, note: 0 })).toBe("1 interaction, 1 person, 3 stage changes, 2 tasks");
    expect(movedText({ person: 2, address: 2 })).toBe("2 addresses, 2 people");
    expect(movedText({})).toBe("nothing linked");
  });
});
