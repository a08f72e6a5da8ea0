// The import wizard: pick a CSV file, see how its columns map and which rows would fail (a dry run
// that the server runs for real and rolls back), adjust the mapping, then import and download the
// report of rows that failed.
import { useState } from "react";
import { api } from "../api/client";
import { useMeta } from "../api/meta";
import { ApiError } from "../api/problem";
import { useAccess } from "../auth/access";
import type { ImportReport } from "../api/types";
import { errorReportCsv, mappingParam } from "./error_report";

type Target = "people" | "organizations";

export function ImportPage() {
  const { object } = useMeta();
  const { canWrite } = useAccess();
  const [target, setTarget] = useState<Target>("people");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const meta = object(target === "people" ? "person" : "organization");
  const fields = (meta?.fields ?? []).filter((f) => f.active && !f.read_only);

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(dryRun ? "Checking the file…" : "Importing…");
    setError(null);
    try {
      const { data: report } = await api.request<ImportReport>(`/imports/${target}`, {
        method: "POST",
        rawBody: { data: file, type: "text/csv" },
        query: {
          dry_run: dryRun ? "true" : undefined,
          map: preview ? mappingParam(preview.columns, mapping) : undefined,
        },
      });
      if (dryRun) {
        setPreview(report);
        setResult(null);
      } else {
        setResult(report);
      }
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message}${e.errors.length ? `: ${e.errors.map((p) => `${p.field} ${p.problem}`).join("; ")}` : ""}` : String(e));
    } finally {
      setBusy(null);
    }
  }

  function choose(f: File | null) {
    setFile(f);
    setPreview(null);
    setResult(null);
    setMapping({});
    setError(null);
  }

  const shown = result ?? preview;
  const reportHref = shown && shown.errors.length
    ? URL.createObjectURL(new Blob([errorReportCsv(shown)], { type: "text/csv" }))
    : null;

  return (
    <section aria-labelledby="import-title" className="import-page">
      <h1 id="import-title">Import from CSV</h1>
      {!canWrite && <p className="card muted">Your role can read records but not import them.</p>}
      <ol className="steps">
        <li className={!preview ? "current" : undefined}>Choose a file</li>
        <li className={preview && !result ? "current" : undefined}>Check the mapping and the rows</li>
        <li className={result ? "current" : undefined}>Import</li>
      </ol>
      <div className="card">
        <div className="field-grid">
          <label>
            Import into
            <select value={target} onChange={(e) => { setTarget(e.target.value as Target); choose(file); }}>
              <option value="people">People</option>
              <option value="organizations">Organizations</option>
            </select>
          </label>
          <label>
            CSV file
            <input type="file" accept=".csv,text/csv" onChange={(e) => choose(e.target.files?.[0] ?? null)} />
          </label>
        </div>
        <p className="hint">Columns are matched to fields by name or label, and the exports of HubSpot, Salesforce, Pipedrive and others are recognised. Nothing is written until you import.</p>
        <button className="primary" disabled={!file || busy !== null} onClick={() => void run(true)}>
          {preview ? "Check again" : "Check the file"}
        </button>
      </div>
      {busy && <p role="status" className="progress"><progress aria-label={busy} /> {busy}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {preview && (
        <div className="card">
          <h2>Column mapping</h2>
          <table className="mapping">
            <thead><tr><th scope="col">Column in the file</th><th scope="col">Field</th></tr></thead>
            <tbody>
              {preview.columns.map((c) => (
                <tr key={c.header}>
                  <th scope="row">{c.header}</th>
                  <td>
                    <select
                      aria-label={`Field for column ${c.header}`}
                      value={(c.header in mapping ? mapping[c.header] : c.field) ?? ""}
                      onChange={(e) => setMapping({ ...mapping, [c.header]: e.target.value || null })}
                    >
                      <option value="">(ignore)</option>
                      {fields.map((f) => <option key={f.name} value={f.name}>{f.label}</option>)}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {mappingParam(preview.columns, mapping) && <p className="hint">The mapping changed: check the file again to see its effect.</p>}
        </div>
      )}
      {shown && (
        <div className="card" aria-live="polite">
          <h2>{shown.dry_run ? "Dry run" : "Imported"}</h2>
          <p className="summary">
            {shown.rows} rows: {shown.created} {shown.dry_run ? "would be created" : "created"}, {shown.updated} {shown.dry_run ? "would be updated" : "updated"}, {shown.unchanged} unchanged, <strong>{shown.failed} failed</strong>.
          </p>
          {shown.errors.length > 0 && (
            <>
              <table className="import-errors">
                <caption>Rows with problems</caption>
                <thead><tr><th scope="col">Row</th><th scope="col">Field</th><th scope="col">Problem</th></tr></thead>
                <tbody>
                  {shown.errors.map((e, i) => (
                    <tr key={i}><td>{e.row}</td><td>{e.field}</td><td>{e.problem}</td></tr>
                  ))}
                </tbody>
              </table>
              {shown.errors_omitted > 0 && <p className="muted">and {shown.errors_omitted} more problems.</p>}
              {reportHref && <a className="button" href={reportHref} download="import-errors.csv">Download the error report</a>}
            </>
          )}
          {preview && !result && (
            <button className="primary" disabled={busy !== null} onClick={() => void run(false)}>
              Import {preview.rows - preview.failed} rows{preview.failed ? `, skip ${preview.failed} with problems` : ""}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
