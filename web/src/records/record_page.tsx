// A person's or an organization's page: the form, open deals, purchases with the latest orders,
// suggested products, addresses (and a person's personal dates), the audit history; beside them the
// relationship panel with stage history, affiliations, likely duplicates (merge), and the timeline
// with quick-add. Without an id it creates a new record.
import { useCallback, useEffect, useState } from "react";
import { Link } from "wouter";
import { api } from "../api/client";
import { useMeta } from "../api/meta";
import { ApiError } from "../api/problem";
import type { ApiRecord } from "../api/types";
import { recordTitle } from "../format";
import { Affiliations } from "./affiliations";
import { CrossSellPanel } from "./cross_sell_panel";
import { DealsPanel } from "./deals_panel";
import { Duplicates } from "./duplicates";
import { HistoryPanel } from "./history_panel";
import { PurchasesPanel } from "./purchases_panel";
import { DeletedNotice, RecordActions } from "./record_actions";
import { RecordForm } from "./record_form";
import { RelationshipPanel } from "./relationship_panel";
import { SubRecords } from "./sub_records";
import { addressLine, personalDateLine } from "./sub_record_text";
import { Timeline } from "./timeline";

export function RecordPage({ object: objectName, id }: { object: "person" | "organization"; id: number | null }) {
  const { object: find } = useMeta();
  const object = find(objectName);
  const [record, setRecord] = useState<ApiRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [timelineVersion, setTimelineVersion] = useState(0);
  // A merge or a restore changes the record under the form: a new key starts the form from it again.
  const [formKey, setFormKey] = useState(0);
  const [deleted, setDeleted] = useState(false);

  useEffect(() => {
    if (id === null || !object) return;
    api.get<ApiRecord>(`/${object.path}/${id}`).then(setRecord, (e) =>
      setError(e instanceof ApiError && e.status === 404 ? `There is no ${object.label.toLowerCase()} #${id}.` : String(e.message ?? e)));
  }, [id, object]);

  const refreshTimeline = useCallback(() => setTimelineVersion((v) => v + 1), []);
  const onSaved = useCallback((r: ApiRecord) => {
    setRecord(r);
    refreshTimeline();
  }, [refreshTimeline]);
  const onMerged = useCallback((r: ApiRecord) => {
    onSaved(r);
    setFormKey((k) => k + 1);
  }, [onSaved]);

  if (!object) return <p className="loading">Loading…</p>;
  const back = <Link href={`/${object.path}`}>{object.plural_label}</Link>;
  if (error) return <section><nav className="crumbs" aria-label="Breadcrumb">{back}</nav><p className="error" role="alert">{error}</p></section>;
  if (id === null) {
    return (
      <section className="record-page" aria-labelledby="record-title">
        <nav className="crumbs" aria-label="Breadcrumb">{back}</nav>
        <h1 id="record-title">New {object.label.toLowerCase()}</h1>
        <RecordForm object={object} record={null} onSaved={onSaved} />
      </section>
    );
  }
  if (!record) return <p className="loading">Loading…</p>;
  const title = recordTitle(object, record);
  if (deleted) {
    return (
      <section className="record-page" aria-labelledby="record-title">
        <nav className="crumbs" aria-label="Breadcrumb">{back}</nav>
        <h1 id="record-title">{title}</h1>
        <DeletedNotice object={object} id={record.id} title={title} onRestored={(r) => { setDeleted(false); onMerged(r); }} />
      </section>
    );
  }

  return (
    <section className="record-page" aria-labelledby="record-title">
      <nav className="crumbs" aria-label="Breadcrumb">{back}</nav>
      <div className="record-head">
        <h1 id="record-title">{title}</h1>
        <RecordActions object={object} record={record} title={title} onDeleted={() => setDeleted(true)} />
      </div>
      <div className="record-columns">
        <div className="record-main">
          <RecordForm key={`${record.id}.${formKey}`} object={object} record={record} onSaved={onSaved} />
          <DealsPanel object={objectName} id={record.id} version={timelineVersion} />
          <PurchasesPanel object={object} record={record} version={timelineVersion} />
          <CrossSellPanel object={object} id={record.id} version={timelineVersion} />
          <SubRecords child="address" parent={objectName} parentId={record.id} line={addressLine} />
          {objectName === "person" && <SubRecords child="personal_date" parent="person" parentId={record.id} line={personalDateLine} />}
          <HistoryPanel object={object} record={record} version={timelineVersion} />
        </div>
        <aside className="record-side" aria-label="Relationship and history">
          <RelationshipPanel object={object} record={record} version={timelineVersion} />
          <Affiliations object={objectName} id={record.id} />
          <Duplicates object={object} record={record} onMerged={onMerged} />
          <Timeline object={object} record={record} version={timelineVersion} onAdded={refreshTimeline} />
        </aside>
      </div>
    </section>
  );
}
