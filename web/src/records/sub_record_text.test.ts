import { describe, expect, it } from "vitest";
import type { ApiRecord } from "../api/types";
import { formatDate } from "../format";
import { addressLine, personalDateLine } from "./sub_record_text";

const rec = (fields: Record<string, unknown>): ApiRecord => ({ id: 1, version: 1, created_at: "", updated_at: "", ...fields }) as ApiRecord;

describe("sub-record lines", () => {
  it("writes an address in postal order, leaving out what is empty", () => {
    expect(addressLine(rec({ street: "Main St 1", extended: "Apt 4", postal_code: "1010", city: "Vienna", region: null, country: "AT" })))
      .toBe("Main St 1, Apt 4, 1010 Vienna, AT");
    expect(addressLine(rec({ city: "Graz", street: "  " }))).toBe("Graz");
    expect(addressLine(rec({}))).toBe("(empty)");
  });

  it("writes a personal date with its kind, label and date", () => {
    expect(personalDateLine(rec({ kind: "wedding", label: "Our day", date: "2010-05-12" }))).toBe(`Wedding: Our day · ${formatDate("2010-05-12")}`);
    expect(personalDateLine(rec({ kind: "work_anniversary", label: null, date: "2015-01-02" }))).toBe(`Work anniversary · ${formatDate("2015-01-02")}`);
  });
});
