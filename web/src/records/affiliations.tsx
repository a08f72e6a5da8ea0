// The organizations a person belongs to, or the people of an organization, with role and key contact.
import { useEffect, useState } from "react";
import { Link } from "wouter";
import { api } from "../api/client";
import { useMeta } from "../api/meta";
import type { ApiRecord, Page } from "../api/types";
import { linkTitle, recordHref, useLinkTitles } from "./link_titles";

export function Affiliations({ object, id }: { object: "person" | "organization"; id: number }) {
  const { meta } = useMeta();
  const [rows, setRows] = useState<ApiRecord[] | null>(null);
  useEffect(() => {
    api.get<Page>("/affiliations", { filter: `${object} = ${id}`, limit: 100 }).then((p) => setRows(p.data), () => setRows([]));
  }, [object, id]);
  const other = object === "person" ? "organization" : "person";
  useLinkTitles(meta, [{ target: other, ids: (rows ?? []).map((r) => r[other]).filter((v): v is number => typeof v === "number") }]);

  return (
    <section className="card" aria-labelledby="aff-title">
      <h2 id="aff-title">{object === "person" ? "Organizations" : "People"}</h2>
      {rows === null ? <p className="muted">Loading…</p> : rows.length === 0 ? <p className="muted">None yet.</p> : (
        <ul className="plain">
          {rows.map((r) => {
            const otherId = r[other] as number;
            return (
              <li key={r.id}>
                <Link href={recordHref(other, otherId)!}>{linkTitle(other, otherId) ?? `#${otherId}`}</Link>
                {r.role ? <span className="muted"> · {String(r.role)}</span> : null}
                {r.key_contact ? <span className="badge">key contact</span> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
