// Products this customer's peers bought and they have not, ranked by lift (how much more often than
// chance they go with what this customer bought), from GET /{path}/{id}/suggestions.
import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { ObjectMeta } from "../api/types";

interface Suggestion {
  product: { id: number; name: string };
  orders: number;
  confidence: number;
  lift: number;
}

export function CrossSellPanel({ object, id, version }: { object: ObjectMeta; id: number; version: number }) {
  const [rows, setRows] = useState<Suggestion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<{ days: number; data: Suggestion[] }>(`/${object.path}/${id}/suggestions`, { limit: 5 })
      .then((r) => setRows(r.data), (e) => { setError((e as Error).message); setRows([]); });
  }, [object.path, id, version]);

  return (
    <section className="card" aria-labelledby="cross-sell-title">
      <h2 id="cross-sell-title">Suggested products</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {rows === null ? <p className="muted">Loading…</p> : rows.length === 0 ? <p className="muted">No suggestions: too few purchases to compare.</p> : (
        <ol className="history" aria-label="Suggested products, best first">
          {rows.map((s) => (
            <li key={s.product.id}>
              {s.product.name}{" "}
              <span className="muted">
                {s.lift.toFixed(1)}× as likely · in {Math.round(s.confidence * 100)}% of orders with their products · {s.orders} {s.orders === 1 ? "order" : "orders"}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
