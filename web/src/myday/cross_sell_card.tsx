// What to offer the customers you own: each of your latest buyers' best cross-sell suggestion (GET
// /cross_sell/suggestions), best lift first, linking to the customer's page.
import { useEffect, useState } from "react";
import { Link } from "wouter";
import { api } from "../api/client";
import { recordHref } from "../records/link_titles";

interface OwnerSuggestion {
  customer: { object: string; id: number; name: string };
  suggestion: { product: { id: number; name: string }; lift: number; orders: number };
}

export function CrossSellCard() {
  const [rows, setRows] = useState<OwnerSuggestion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<{ data: OwnerSuggestion[] }>("/cross_sell/suggestions", { limit: 10 })
      .then((r) => setRows(r.data))
      .catch((e: Error) => setError(`Could not load suggestions: ${e.message}`));
  }, []);
  return (
    <section className="card" aria-labelledby="cross-sell-card-title">
      <h2 id="cross-sell-card-title">What to offer your customers</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {rows === null ? <p className="muted">Loading…</p> : rows.length === 0 ? <p className="muted">Nothing to suggest to your customers yet.</p> : (
        <ul className="plain contact-list" aria-label="Suggestions for your customers">
          {rows.map(({ customer, suggestion }) => (
            <li key={`${customer.object}.${customer.id}`}>
              <Link href={recordHref(customer.object, customer.id) ?? "/"}>{customer.name || `#${customer.id}`}</Link>
              <div className="task-meta">
                <span className="muted">{suggestion.product.name} · {suggestion.lift.toFixed(1)}× as likely as chance</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
