// What the customer bought: the purchase figures the server keeps (paid orders only) and the latest
// orders of any status.
import { useEffect, useState } from "react";
import { api } from "../api/client";
import { useMeta } from "../api/meta";
import type { ApiRecord, ObjectMeta, Page } from "../api/types";
import { formatValue, humanize } from "../format";

const figures = ["purchase_count", "revenue", "margin", "average_order_value", "first_purchase_at", "last_purchase_at"];

export function PurchasesPanel({ object, record, version }: { object: ObjectMeta; record: ApiRecord; version: number }) {
  const { object: find } = useMeta();
  const order = find("order");
  const [orders, setOrders] = useState<ApiRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<Page>("/orders", { filter: `${object.name} = ${record.id}`, sort: "-ordered_at", limit: 5 })
      .then((p) => setOrders(p.data), (e) => { setError((e as Error).message); setOrders([]); });
  }, [object.name, record.id, version]);
  const field = (o: ObjectMeta | undefined, name: string) => o?.fields.find((f) => f.name === name);

  return (
    <section className="card" aria-labelledby="purchases-title">
      <h2 id="purchases-title">Purchases</h2>
      <dl className="facts" aria-label="Purchase figures">
        {figures.map((name) => {
          const f = field(object, name);
          if (!f) return null;
          return (
            <div key={name}>
              <dt>{f.label}</dt>
              <dd data-field={name}>{formatValue(f, record[name]) || (name === "purchase_count" ? "0" : "—")}</dd>
            </div>
          );
        })}
      </dl>
      <h3>Latest orders</h3>
      {error && <p className="error" role="alert">{error}</p>}
      {orders === null ? <p className="muted">Loading…</p> : orders.length === 0 ? <p className="muted">No orders yet.</p> : (
        <ul className="plain" aria-label="Latest orders">
          {orders.map((o) => (
            <li key={o.id}>
              <strong>{String(o.number ?? `#${o.id}`)}</strong>
              <span className="muted">
                {" · "}{formatValue(field(order, "ordered_at"), o.ordered_at)}
                {" · "}{humanize(String(o.status))}
                {o.total ? ` · ${formatValue(field(order, "total"), o.total)}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
