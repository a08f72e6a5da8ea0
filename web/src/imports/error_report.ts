// The import's problems as a CSV file (row,field,message), the same shape `rapport import --report` writes.
import type { ImportReport } from "../api/types";

function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function errorReportCsv(report: Pick<ImportReport, "errors">): string {
  const lines = ["row,field,message"];
  for (const e of report.errors) lines.push([String(e.row), cell(e.field), cell(e.problem)].join(","));
  return `${lines.join("\r\n")}\r\n`;
}

// The `map` parameter: only the columns whose field the user changed from the server's suggestion.
export function mappingParam(suggested: ImportReport["columns"], chosen: Record<string, string | null>): string | undefined {
  const map: Record<string, string | null> = {};
  for (const c of suggested) {
    if (c.header in chosen && chosen[c.header] !== c.field) map[c.header] = chosen[c.header];
  }
  return Object.keys(map).length ? JSON.stringify(map) : undefined;
}
