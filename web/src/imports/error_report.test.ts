import { describe, expect, it } from "vitest";
import { errorReportCsv, mappingParam } from "./error_report";

describe("import error report", () => {
  it("writes one quoted CSV line per problem", () => {
    expect(errorReportCsv({ errors: [
      { row: 3, field: "email", problem: "must be an email address" },
      { row: 7, field: "", problem: 'text after a closing quote, "a"b' },
    ] })).toBe('row,field,message\r\n3,email,must be an email address\r\n7,,"text after a closing quote, ""a""b"\r\n');
  });

  it("sends only the columns the user mapped differently", () => {
    const suggested = [{ header: "E-mail", field: "email" }, { header: "Notes", field: null }, { header: "Name", field: "first_name" }];
    expect(mappingParam(suggested, { "E-mail": "email", Notes: "job_title" })).toBe('{"Notes":"job_title"}');
    expect(mappingParam(suggested, { Name: null })).toBe('{"Name":null}');
    expect(mappingParam(suggested, {})).toBeUndefined();
  });
});
