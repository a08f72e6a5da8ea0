// The record's open deals, soonest expected close first, with their stage and amount; each links
// to its pipeline's board.
import { useEffect, useState } from "react";
import { Link } from "wouter";
import { api } from "../api/client";
import { useMeta } from "../api/meta";
import type { ApiRecord, Page } from "../api/types";
import { formatDate, formatValue } from "../format";
import { linkTitle, useLinkTitles } from "./link_titles";

export function DealsPanel({ object, id, version }: { object: "person" | "organization"; id: number; version: number }) {
  const { meta, object: find } = useMeta();
  const deal = find("deal");
  const [deals, setDeals] = useState<ApiRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<Page>("/deals", { filter: `${object} = ${id} and status = 'open'`, sort: "expected_close", limit: 20 })
      .then((p) => setDeals(p.data), (e) => { setError((e as Error).message); setDeals([]); });
  }, [object, id, version]);
  useLinkTitles(meta, [{ target: "pipeline_stage", ids: (deals ?? []).map((d) => d.stage).filter((v): v is number => typeof v === "number") }]);
  const amount = deal?.fields.find((f) => f.name === "amount");

  return (
    <section className="card" aria-labelledby="deals-title">
      <h2 id="deals-title">Open deals</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {deals === null ? <p className="muted">Loading…</p> : deals.length === 0 ? <p className="muted">No open deals.</p> : (
        <ul className="plain">
          {deals.map((d) => (
            <li key={d.id}>
              <Link href={`/pipeline?pipeline=${String(d.pipeline)}`}>{String(d.title)}</Link>
              <span className="muted">
                {" · "}{typeof d.stage === "number" ? linkTitle("pipeline_stage", d.stage) ?? `#${d.stage}` : "—"}
                {d.amount ? ` · ${formatValue(amount, d.amount)}` : ""}
                {typeof d.expected_close === "string" ? ` · closes ${formatDate(d.expected_close)}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
