// Settings: the sales pipelines and their ordered stages (name, win probability, kind). A pipeline is
// renamed or made the default; its stages are edited, re-ordered, added and deleted. Deals keep their
// history through all of it: the history links stages by id.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { api } from "../api/client";
import { useAccess } from "../auth/access";
import type { ApiRecord, Page } from "../api/types";
import { humanize } from "../format";
import { settingsProblem } from "./problem_text";
import { SettingsNav } from "./settings_nav";
import { moveStage, parsePercent, stageKinds } from "./stage_order";
import { StageRow } from "./stage_row";

export function PipelinesPage() {
  const { isAdmin } = useAccess();
  const [pipelines, setPipelines] = useState<ApiRecord[] | null>(null);
  const [stages, setStages] = useState<ApiRecord[]>([]);
  const [generation, setGeneration] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [newPipeline, setNewPipeline] = useState("");

  const load = useCallback(async () => {
    try {
      const p = await api.get<Page>("/pipelines", { sort: "name", limit: 200 });
      const s = await api.get<Page>("/pipeline_stages", { sort: "position", limit: 200 });
      setPipelines(p.data);
      setStages(s.data);
      setGeneration((g) => g + 1);
    } catch (e) {
      setError(settingsProblem(e, "pipelines"));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const changed = (message: string) => {
    setError(null);
    setDone(message);
    void load();
  };
  const failed = (e: unknown) => {
    setDone(null);
    setError(settingsProblem(e, "pipelines"));
    void load();
  };

  async function run(change: () => Promise<unknown>, message: string) {
    try {
      await change();
      changed(message);
    } catch (e) {
      failed(e);
    }
  }

  function move(of: ApiRecord[], id: number, delta: number) {
    const version = new Map(of.map((s) => [s.id, s.version]));
    void run(async () => {
      for (const p of moveStage(of.map((s) => ({ id: s.id, position: Number(s.position) })), id, delta)) {
        await api.patch(`/pipeline_stages/${p.id}`, { position: p.position }, version.get(p.id));
      }
    }, "Stages re-ordered.");
  }

  function addPipeline(e: FormEvent) {
    e.preventDefault();
    const name = newPipeline.trim();
    void run(async () => {
      await api.post("/pipelines", { name });
      setNewPipeline("");
    }, `Added the pipeline ${name}; give it stages.`);
  }

  return (
    <section aria-labelledby="pipelines-title">
      <h1 id="pipelines-title">Settings: pipelines</h1>
      <SettingsNav />
      {error && <p className="error" role="alert">{error}</p>}
      {done && <p className="ok" role="status">{done}</p>}
      {pipelines === null ? <p className="muted">Loading…</p> : pipelines.map((p) => {
        const own = stages.filter((s) => s.pipeline === p.id);
        return (
          <PipelineCard key={`${p.id}.${generation}`} pipeline={p} stages={own} isAdmin={isAdmin} run={run}
            onMove={(id, delta) => move(own, id, delta)} onChanged={changed} onError={failed} />
        );
      })}
      {isAdmin && (
        <form className="card" onSubmit={addPipeline} aria-labelledby="add-pipeline-title">
          <h2 id="add-pipeline-title">Add a pipeline</h2>
          <div className="builder-row">
            <label className="sr-only" htmlFor="pipeline-name">Pipeline name</label>
            <input id="pipeline-name" value={newPipeline} onChange={(e) => setNewPipeline(e.target.value)} placeholder="Renewals" required />
            <button className="primary" type="submit" disabled={!newPipeline.trim()}>Add pipeline</button>
          </div>
        </form>
      )}
    </section>
  );
}

interface CardProps {
  pipeline: ApiRecord;
  stages: ApiRecord[];
  isAdmin: boolean;
  run: (change: () => Promise<unknown>, message: string) => Promise<void>;
  onMove: (id: number, delta: number) => void;
  onChanged: (message: string) => void;
  onError: (e: unknown) => void;
}

function PipelineCard({ pipeline, stages, isAdmin, run, onMove, onChanged, onError }: CardProps) {
  const [name, setName] = useState(String(pipeline.name));
  const [stageName, setStageName] = useState("");
  const [percent, setPercent] = useState("10");
  const [kind, setKind] = useState("open");
  const [problem, setProblem] = useState<string | null>(null);
  const titleId = `pipeline-${pipeline.id}-title`;
  const label = String(pipeline.name);

  function rename(e: FormEvent) {
    e.preventDefault();
    void run(() => api.patch(`/pipelines/${pipeline.id}`, { name: name.trim() }, pipeline.version), `Renamed the pipeline to ${name.trim()}.`);
  }

  function addStage(e: FormEvent) {
    e.preventDefault();
    const p = parsePercent(percent);
    if ("problem" in p) {
      setProblem(`Win probability ${p.problem}`);
      return;
    }
    setProblem(null);
    const position = stages.reduce((max, s) => Math.max(max, Number(s.position) + 1), 0);
    void run(() => api.post("/pipeline_stages", { pipeline: pipeline.id, name: stageName.trim(), probability: p.value, kind, position }),
      `Added the stage ${stageName.trim()} to ${label}.`);
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{label}{pipeline.is_default ? <span className="badge">default</span> : null}</h2>
      {isAdmin && (
        <div className="builder-row">
          <form className="builder-row" onSubmit={rename}>
            <label className="sr-only" htmlFor={`${titleId}-name`}>Name of the pipeline {label}</label>
            <input id={`${titleId}-name`} value={name} onChange={(e) => setName(e.target.value)} required />
            <button type="submit" disabled={!name.trim() || name === pipeline.name}>Rename</button>
          </form>
          {!pipeline.is_default && (
            <button type="button" onClick={() => void run(() => api.patch(`/pipelines/${pipeline.id}`, { is_default: true }, pipeline.version), `${label} is now the default pipeline.`)}>
              Make default
            </button>
          )}
          <button type="button" onClick={() => void run(() => api.delete(`/pipelines/${pipeline.id}`), `Deleted the pipeline ${label}.`)}>Delete pipeline</button>
        </div>
      )}
      {stages.length === 0 ? <p className="muted">No stages yet: deals need at least one.</p> : (
        <table aria-label={`Stages of ${label}`}>
          <thead><tr><th scope="col">Stage</th><th scope="col">Win probability (%)</th><th scope="col">Kind</th>{isAdmin && <th scope="col">Actions</th>}</tr></thead>
          <tbody>
            {stages.map((s, i) => (
              <StageRow key={s.id} stage={s} first={i === 0} last={i === stages.length - 1} isAdmin={isAdmin}
                onMove={(delta) => onMove(s.id, delta)} onChanged={onChanged} onError={onError} />
            ))}
          </tbody>
        </table>
      )}
      {isAdmin && (
        <form className="builder-row add-stage" onSubmit={addStage} aria-label={`Add a stage to ${label}`}>
          <label className="sr-only" htmlFor={`${titleId}-stage`}>New stage name</label>
          <input id={`${titleId}-stage`} value={stageName} onChange={(e) => setStageName(e.target.value)} placeholder="New stage" required />
          <label className="sr-only" htmlFor={`${titleId}-percent`}>New stage win probability (%)</label>
          <input id={`${titleId}-percent`} className="narrow" inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} aria-invalid={problem ? true : undefined} />
          <label className="sr-only" htmlFor={`${titleId}-kind`}>New stage kind</label>
          <select id={`${titleId}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
            {stageKinds.map((k) => <option key={k} value={k}>{humanize(k)}</option>)}
          </select>
          <button className="primary" type="submit" disabled={!stageName.trim()}>Add stage</button>
          {problem && <small className="error" role="alert">{problem}</small>}
        </form>
      )}
    </section>
  );
}
