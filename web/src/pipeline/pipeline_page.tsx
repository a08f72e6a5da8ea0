// The pipeline board: a column per stage of the chosen pipeline with its deals in board order, the
// column's count and total, and the forecast above. A deal moves by drag and drop (before the card
// it is dropped on, or last) or, from the keyboard, with its "Move to" menu; the board shows the
// move at once and puts it back with the server's message if the move is refused.
import { type DragEvent, useCallback, useEffect, useMemo, useState } from "react";
import { Link, useSearch } from "wouter";
import { api } from "../api/client";
import { useMeta } from "../api/meta";
import type { ApiRecord, Page } from "../api/types";
import { useAccess } from "../auth/access";
import { formatDate } from "../format";
import { linkTitle, recordHref, useLinkTitles } from "../records/link_titles";
import { type Board, type Money, columnTotals, dropPosition, formatMoney, groupByStage, moveDeal } from "./board_model";

interface ForecastRow {
  key: number | string | null;
  currency: string;
  open: Money;
  weighted: Money;
  won: Money;
  deals: number;
}

export function PipelinePage() {
  const { meta } = useMeta();
  const { canWrite } = useAccess();
  const [pipelines, setPipelines] = useState<ApiRecord[]>([]);
  const [pipeline, setPipeline] = useState<number | null>(null);
  const [owner, setOwner] = useState<string>("");
  const [users, setUsers] = useState<ApiRecord[]>([]);
  const [stages, setStages] = useState<ApiRecord[]>([]);
  const [board, setBoard] = useState<Board>(new Map());
  const [forecast, setForecast] = useState<ForecastRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string>("");
  const [dragged, setDragged] = useState<number | null>(null);
  // A record page's deal links here with ?pipeline=<id>.
  const wanted = Number(new URLSearchParams(useSearch()).get("pipeline")) || null;

  useEffect(() => {
    void (async () => {
      try {
        const [p, u] = await Promise.all([api.get<Page>("/pipelines", { limit: 200, sort: "name" }), api.get<Page>("/users", { limit: 200, sort: "name" })]);
        setPipelines(p.data);
        setUsers(u.data);
        setPipeline((p.data.find((x) => x.id === wanted) ?? p.data.find((x) => x.is_default) ?? p.data[0])?.id ?? null);
      } catch (e) {
        setError(String((e as Error).message ?? e));
      }
    })();
  }, [wanted]);

  const load = useCallback(async () => {
    if (pipeline === null) return;
    try {
      const s = await api.get<Page>("/pipeline_stages", { filter: `pipeline = ${pipeline}`, sort: "position", limit: 200 });
      const ownerFilter = owner ? ` and owner = ${owner}` : "";
      const columns = await Promise.all(
        s.data.map((stage) => api.get<Page>("/deals", { filter: `stage = ${stage.id}${ownerFilter}`, sort: "position", limit: 200 })),
      );
      const f = await api.get<{ data: ForecastRow[] }>("/forecast", { group: "pipeline" });
      setStages(s.data);
      setBoard(groupByStage(s.data.map((x) => x.id), columns.flatMap((c) => c.data)));
      setForecast(f.data.filter((row) => row.key === pipeline));
      setError(null);
    } catch (e) {
      setError(String((e as Error).message ?? e));
    }
  }, [pipeline, owner]);

  useEffect(() => {
    void load();
  }, [load]);

  const deals = useMemo(() => [...board.values()].flat(), [board]);
  useLinkTitles(meta, [
    { target: "person", ids: deals.map((d) => Number(d.person)).filter(Boolean) },
    { target: "organization", ids: deals.map((d) => Number(d.organization)).filter(Boolean) },
  ]);
  const userName = (id: unknown) => users.find((u) => u.id === Number(id))?.name as string | undefined;

  async function move(dealId: number, toStage: number, index: number) {
    const before = board;
    const column = board.get(toStage) ?? [];
    const position = dropPosition(column, index, dealId);
    const after = moveDeal(board, dealId, toStage, index);
    if (after === before) return;
    setBoard(after);
    const stageName = stages.find((s) => s.id === toStage)?.name;
    try {
      await api.post(`/deals/${dealId}/move`, { stage: toStage, position });
      setStatus(`Moved to ${String(stageName)}.`);
      setError(null);
      void load();
    } catch (e) {
      setBoard(before);
      setError(`The deal could not be moved: ${String((e as Error).message ?? e)}`);
    }
  }

  // The deal being dropped: from the drag's data (set on drag start), else the one this page saw start.
  function draggedId(e: DragEvent): number | null {
    const text = e.dataTransfer?.getData("text/plain");
    const id = text ? Number(text) : dragged;
    return id !== null && Number.isFinite(id) && id > 0 ? id : null;
  }

  return (
    <section aria-labelledby="pipeline-title" className="pipeline">
      <div className="myday-head">
        <h1 id="pipeline-title">Pipeline</h1>
        <div className="board-filters">
          <label className="inline-label">
            Pipeline
            <select value={pipeline ?? ""} onChange={(e) => setPipeline(Number(e.target.value))}>
              {pipelines.map((p) => <option key={p.id} value={p.id}>{String(p.name)}</option>)}
            </select>
          </label>
          <label className="inline-label">
            Owner
            <select value={owner} onChange={(e) => setOwner(e.target.value)}>
              <option value="">Everyone</option>
              {users.map((u) => <option key={u.id} value={u.id}>{String(u.name)}</option>)}
            </select>
          </label>
        </div>
      </div>
      {forecast.length > 0 && (
        <dl className="forecast" aria-label="Forecast">
          {forecast.map((row) => (
            <div key={row.currency}>
              <dt>Open</dt><dd>{formatMoney(row.open)}</dd>
              <dt>Weighted</dt><dd>{formatMoney(row.weighted)}</dd>
              <dt>Won</dt><dd>{formatMoney(row.won)}</dd>
            </div>
          ))}
        </dl>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <p className="sr-only" role="status">{status}</p>
      <div className="board">
        {stages.map((stage) => {
          const column = board.get(stage.id) ?? [];
          const totals = columnTotals(column);
          return (
            <section
              key={stage.id}
              className="board-column"
              aria-label={String(stage.name)}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                const id = draggedId(e);
                if (id !== null) void move(id, stage.id, column.length);
                setDragged(null);
              }}
            >
              <header>
                <h2>{String(stage.name)}</h2>
                <p className="column-summary">
                  {column.length} {column.length === 1 ? "deal" : "deals"}
                  {totals.length > 0 && ` · ${totals.map(formatMoney).join(" + ")}`}
                </p>
              </header>
              <ol>
                {column.map((deal, index) => (
                  <li
                    key={deal.id}
                    className={`deal-card${dragged === deal.id ? " dragging" : ""}`}
                    draggable={canWrite}
                    data-deal={deal.id}
                    onDragStart={(e) => {
                      e.dataTransfer.setData("text/plain", String(deal.id));
                      e.dataTransfer.effectAllowed = "move";
                      setDragged(deal.id);
                    }}
                    onDragEnd={() => setDragged(null)}
                    onDragOver={(e) => e.preventDefault()}
                    onDrop={(e) => {
                      e.preventDefault();
                      e.stopPropagation();
                      const box = e.currentTarget.getBoundingClientRect();
                      const below = e.clientY > box.top + box.height / 2;
                      const id = draggedId(e);
                      if (id !== null) void move(id, stage.id, index + (below ? 1 : 0));
                      setDragged(null);
                    }}
                  >
                    <DealCard deal={deal} owner={userName(deal.owner)} />
                    {canWrite && (
                      <div className="move-to">
                        <select
                          aria-label={`Move ${String(deal.title)} to`}
                          value={stage.id}
                          onChange={(e) => void move(deal.id, Number(e.target.value), Number.MAX_SAFE_INTEGER)}
                        >
                          {stages.map((s) => <option key={s.id} value={s.id}>{String(s.name)}</option>)}
                        </select>
                      </div>
                    )}
                  </li>
                ))}
              </ol>
            </section>
          );
        })}
      </div>
    </section>
  );
}

function DealCard({ deal, owner }: { deal: ApiRecord; owner: string | undefined }) {
  const party = (target: "person" | "organization") => {
    const id = Number(deal[target]);
    if (!id) return null;
    const href = recordHref(target, id);
    const title = linkTitle(target, id) ?? `#${id}`;
    return href ? <Link href={href}>{title}</Link> : title;
  };
  const amount = deal.amount as Money | null;
  return (
    <>
      <p className="deal-title">{String(deal.title)}</p>
      {amount && <p className="deal-amount">{formatMoney(amount)}</p>}
      <p className="deal-party">{party("organization")}{deal.organization && deal.person ? " · " : ""}{party("person")}</p>
      <p className="deal-meta">
        {owner && <span>{owner}</span>}
        {typeof deal.expected_close === "string" && <span>closes {formatDate(deal.expected_close)}</span>}
      </p>
    </>
  );
}
