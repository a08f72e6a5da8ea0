// What needs doing today: open tasks due by the end of today (overdue first), people and
// organizations overdue for contact by their keep-in-touch cadence, birthdays and anniversaries in
// the next 7 days, renewals coming up, and what to offer one's customers; each with its one-click
// actions (complete, move, log a touch, plan a call).
import { useCallback, useEffect, useState } from "react";
import { Link } from "wouter";
import { api } from "../api/client";
import { useMeta } from "../api/meta";
import { useAccess } from "../auth/access";
import { linkTitle, useLinkTitles } from "../records/link_titles";
import { CrossSellCard } from "./cross_sell_card";
import type { ApiRecord, Page, UpcomingDate } from "../api/types";
import { formatDate, formatDateTime, formatValue, humanize } from "../format";
import {
  daysUntil, dueTasksFilter, inDaysText, laterAt, renewalDays, renewalsFilter, openTasksOfFilter, overdueContactFilter, overdueContacts, overdueText,
  plannedByContact, plannedTouchTask, touchInteraction, type Later, type OverdueContact,
} from "./my_day_model";

const laterLabel: Record<Later, string> = { tomorrow: "Tomorrow", next_week: "Next week" };

export function MyDayPage() {
  const { canWrite } = useAccess();
  const { object } = useMeta();
  const channels = object("interaction")?.fields.find((f) => f.name === "channel")?.options ?? ["phone", "email", "meeting"];
  const [channel, setChannel] = useState("phone");
  return (
    <section aria-labelledby="myday-title">
      <div className="myday-head">
        <h1 id="myday-title">My day</h1>
        {canWrite && (
          <label className="inline-label">
            Log touches as
            <select value={channel} onChange={(e) => setChannel(e.target.value)}>
              {channels.map((c) => <option key={c} value={c}>{humanize(c)}</option>)}
            </select>
          </label>
        )}
      </div>
      <div className="myday">
        <DueTasks />
        <OverdueContacts channel={channel} />
        <UpcomingDates channel={channel} />
        <Renewals />
        <CrossSellCard />
      </div>
    </section>
  );
}

function DueTasks() {
  const [tasks, setTasks] = useState<ApiRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ApiRecord[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const load = useCallback((after?: string) => {
    api.get<Page>("/tasks", { filter: dueTasksFilter, sort: "due_at", limit: 50, after }).then((p) => {
      setTasks((old) => (after ? (old ?? []).concat(p.data) : p.data));
      setNext(p.next);
    }, (e) => setError(e.message));
  }, []);
  useEffect(() => load(), [load]);

  async function reschedule(task: ApiRecord, when: Later) {
    setError(null);
    try {
      await api.patch<ApiRecord>(`/tasks/${task.id}`, { due_at: laterAt(when, new Date()).toISOString() }, task.version);
      setTasks((ts) => (ts ?? []).filter((t) => t.id !== task.id));
    } catch (e) {
      setError(`Could not move "${task.title}": ${(e as Error).message}`);
      load();
    }
  }

  async function complete(task: ApiRecord) {
    setError(null);
    try {
      const updated = await api.patch<ApiRecord>(`/tasks/${task.id}`, { status: "done" }, task.version);
      setTasks((ts) => (ts ?? []).filter((t) => t.id !== task.id));
      setDone((d) => [updated, ...d]);
    } catch (e) {
      setError(`Could not complete "${task.title}": ${(e as Error).message}`);
      load();
    }
  }

  const { meta } = useMeta();
  const { canWrite } = useAccess();
  const ids = (name: string) => (tasks ?? []).map((t) => t[name]).filter((v): v is number => typeof v === "number");
  useLinkTitles(meta, [{ target: "person", ids: ids("person") }, { target: "organization", ids: ids("organization") }]);
  const now = new Date();
  return (
    <section className="card" aria-labelledby="tasks-title">
      <h2 id="tasks-title">Tasks due{tasks ? ` (${tasks.length}${next ? "+" : ""})` : ""}</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {tasks === null ? <p className="muted">Loading…</p> : tasks.length === 0 ? <p className="muted">Nothing due. Well done.</p> : (
        <ul className="plain task-list">
          {tasks.map((t) => {
            const overdue = typeof t.due_at === "string" && new Date(t.due_at) < now;
            return (
              <li key={t.id} className={overdue ? "overdue" : undefined}>
                {canWrite && <button className="complete" onClick={() => void complete(t)} aria-label={`Complete ${t.title}`} title="Mark done">✓</button>}
                <div>
                  <span className="task-title">{String(t.title)}</span>
                  <div className="task-meta">
                    {typeof t.person === "number" && <Link href={`/people/${t.person}`}>{linkTitle("person", t.person) ?? `Person #${t.person}`}</Link>}
                    {typeof t.organization === "number" && <Link href={`/organizations/${t.organization}`}>{linkTitle("organization", t.organization) ?? `Organization #${t.organization}`}</Link>}
                    <span className={overdue ? "due overdue" : "due"}>{t.due_at ? `${overdue ? "overdue since " : "due "}${formatDateTime(String(t.due_at))}` : ""}</span>
                    {canWrite && (["tomorrow", "next_week"] as Later[]).map((when) => (
                      <button key={when} className="link-button" onClick={() => void reschedule(t, when)} aria-label={`Move ${t.title} to ${laterLabel[when].toLowerCase()}`}>{laterLabel[when]}</button>
                    ))}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {next && <button onClick={() => load(next)}>Show more tasks</button>}
      {done.length > 0 && (
        <p className="ok" role="status">Completed: {done.map((t) => String(t.title)).join(", ")}</p>
      )}
    </section>
  );
}

function OverdueContacts({ channel }: { channel: string }) {
  const { canWrite } = useAccess();
  const [contacts, setContacts] = useState<OverdueContact[] | null>(null);
  const [planned, setPlanned] = useState<Map<string, string>>(new Map());
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async () => {
    const query = { filter: overdueContactFilter, sort: "next_touch_due", limit: 50 };
    try {
      const [people, orgs] = await Promise.all([api.get<Page>("/people", query), api.get<Page>("/organizations", query)]);
      const list = overdueContacts(people.data, orgs.data, new Date());
      setContacts(list);
      setMore(Boolean(people.next || orgs.next));
      // Who already has a call (or any open task) planned: one request per object.
      const tasks = await Promise.all((["person", "organization"] as const).map((object) => {
        const filter = openTasksOfFilter(object, list.filter((c) => c.object === object).map((c) => c.id));
        return filter ? api.get<Page>("/tasks", { filter, sort: "due_at", limit: 200 }).then((p) => p.data) : [];
      }));
      setPlanned(plannedByContact(tasks.flat()));
    } catch (e) {
      setError((e as Error).message);
      setContacts((c) => c ?? []);
    }
  }, []);
  useEffect(() => void load(), [load]);

  async function logTouch(c: OverdueContact) {
    setError(null);
    setDone(null);
    try {
      await api.post("/interactions", touchInteraction(c.object, c.id, channel, "Keep in touch"));
      setContacts((cs) => (cs ?? []).filter((x) => x !== c));
      // The touch is logged; reading the new due date is a courtesy that may fail on its own.
      const after = await api.get<ApiRecord>(`/${c.path}/${c.id}`).catch(() => null);
      const next = typeof after?.next_touch_due === "string" ? `; next due ${formatDate(after.next_touch_due)}` : "";
      setDone(`Touch logged with ${c.name} (${humanize(channel).toLowerCase()})${next}.`);
    } catch (e) {
      setError(`Could not log a touch with ${c.name}: ${(e as Error).message}`);
    }
  }

  async function plan(c: OverdueContact, when: Later) {
    setError(null);
    setDone(null);
    const at = laterAt(when, new Date());
    try {
      await api.post("/tasks", plannedTouchTask(c, at));
      setPlanned((p) => new Map(p).set(`${c.object}:${c.id}`, at.toISOString()));
      setDone(`Call with ${c.name} planned for ${formatDateTime(at.toISOString())}.`);
    } catch (e) {
      setError(`Could not plan a call with ${c.name}: ${(e as Error).message}`);
    }
  }

  return (
    <section className="card" aria-labelledby="touch-title">
      <h2 id="touch-title">Overdue for contact{contacts ? ` (${contacts.length}${more ? "+" : ""})` : ""}</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {contacts === null ? <p className="muted">Loading…</p> : contacts.length === 0 ? <p className="muted">Everyone is in touch.</p> : (
        <ul className="plain contact-list">
          {contacts.map((c) => {
            const plannedAt = planned.get(`${c.object}:${c.id}`);
            return (
              <li key={`${c.object}:${c.id}`}>
                <Link href={c.href}>{c.name}</Link>
                {c.object === "organization" && <span className="entry-kind"> organization</span>}
                <div className="task-meta">
                  <span className="due overdue">{overdueText(c.daysOverdue)}</span>
                  {c.cadenceDays && <span className="muted">every {c.cadenceDays} days</span>}
                  {plannedAt && <span className="muted">{Date.parse(plannedAt) < Date.now() ? "call planned, overdue since" : "call planned"} {formatDateTime(plannedAt)}</span>}
                </div>
                {canWrite && (
                  <div className="row-actions">
                    <button onClick={() => void logTouch(c)} aria-label={`Log touch with ${c.name}`}>Log touch</button>
                    {!plannedAt && (["tomorrow", "next_week"] as Later[]).map((when) => (
                      <button key={when} className="link-button" onClick={() => void plan(c, when)}
                        aria-label={`Call ${laterLabel[when].toLowerCase()} with ${c.name}`}>{`Call ${laterLabel[when].toLowerCase()}`}</button>
                    ))}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {done && <p className="ok" role="status">{done}</p>}
    </section>
  );
}

function UpcomingDates({ channel }: { channel: string }) {
  const { canWrite } = useAccess();
  const [dates, setDates] = useState<UpcomingDate[] | null>(null);
  const [greeted, setGreeted] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<{ data: UpcomingDate[] }>("/people/upcoming_dates", { days: 7 }).then((p) => setDates(p.data), (e) => {
      setError((e as Error).message);
      setDates([]);
    });
  }, []);

  async function greet(d: UpcomingDate, key: string, what: string) {
    setError(null);
    try {
      await api.post("/interactions", touchInteraction("person", d.person, channel, `Wishes: ${what}`));
      setGreeted((g) => new Set(g).add(key));
    } catch (e) {
      setError(`Could not log wishes to ${d.name}: ${(e as Error).message}`);
    }
  }

  return (
    <section className="card" aria-labelledby="bd-title">
      <h2 id="bd-title">Birthdays and anniversaries, next 7 days</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {dates === null ? <p className="muted">Loading…</p> : dates.length === 0 ? <p className="muted">None this week.</p> : (
        <ul className="plain contact-list">
          {dates.map((d) => {
            const key = `${d.person}-${d.kind}-${d.label}-${d.next_on}`;
            const what = d.kind === "birthday" ? "birthday" : d.label || d.kind;
            return (
              <li key={key}>
                <Link href={`/people/${d.person}`}>{d.name}</Link>
                <div className="task-meta">
                  <span className="muted">{what}{d.years ? ` (${d.years})` : ""} · {inDaysText(d.in_days)}</span>
                  {greeted.has(key) && <span className="ok">wishes logged</span>}
                </div>
                {canWrite && !greeted.has(key) && (
                  <div className="row-actions">
                    <button onClick={() => void greet(d, key, what)} aria-label={`Log wishes to ${d.name} for the ${what}`}>Log wishes</button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

// Contracts renewing soon: the account to call before the renewal date, soonest first.
function Renewals() {
  const { meta, object } = useMeta();
  const [contracts, setContracts] = useState<ApiRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<Page>("/contracts", { filter: renewalsFilter, sort: "renewal_date", limit: 20 })
      .then((p) => setContracts(p.data))
      .catch((e: Error) => setError(`Could not load renewals: ${e.message}`));
  }, []);
  useLinkTitles(meta, [{ target: "organization", ids: (contracts ?? []).map((c) => Number(c.organization)).filter(Boolean) }]);
  const valueField = object("contract")?.fields.find((f) => f.name === "value");
  const now = new Date();
  return (
    <section className="card" aria-labelledby="renewals-title">
      <h2 id="renewals-title">Renewals, next {renewalDays} days</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {contracts === null ? <p className="muted">Loading…</p> : contracts.length === 0 ? <p className="muted">None coming up.</p> : (
        <ul className="plain contact-list">
          {contracts.map((c) => {
            const org = Number(c.organization);
            return (
              <li key={c.id}>
                {org ? <Link href={`/organizations/${org}`}>{linkTitle("organization", org) ?? `#${org}`}</Link> : <span>{String(c.title)}</span>}
                <div className="task-meta">
                  <span className="muted">
                    {String(c.title)} · {formatValue(valueField, c.value)} · renews {inDaysText(daysUntil(String(c.renewal_date), now))}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
