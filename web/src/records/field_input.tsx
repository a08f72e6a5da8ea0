// One form control per field, chosen by the field's type from the metadata.
import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { FieldMeta, Page } from "../api/types";
import { humanize } from "../format";
import { LinkInput } from "./link_input";

let usersPromise: Promise<{ id: number; name: string }[]> | null = null;

// The users, for owner and assignee fields (a small list; read once).
export function useUsers(): { id: number; name: string }[] {
  const [users, setUsers] = useState<{ id: number; name: string }[]>([]);
  useEffect(() => {
    usersPromise ??= api
      .get<Page<{ id: number; name: string; email: string } & Record<string, unknown>>>("/users", { limit: 200, sort: "name" })
      .then((p) => p.data.map((u) => ({ id: u.id, name: u.name || u.email })))
      .catch(() => {
        usersPromise = null;
        return [];
      });
    let live = true;
    void usersPromise.then((u) => live && setUsers(u));
    return () => {
      live = false;
    };
  }, []);
  return users;
}

interface Props {
  field: FieldMeta;
  value: string;
  onChange: (value: string) => void;
  problem?: string;
  idPrefix?: string;
}

export function FieldInput({ field, value, onChange, problem, idPrefix = "f" }: Props) {
  const id = `${idPrefix}-${field.name}`;
  const users = useUsers();
  const common = {
    id,
    "aria-invalid": problem ? true : undefined,
    "aria-describedby": problem ? `${id}-problem` : field.description ? `${id}-hint` : undefined,
    required: field.required,
    name: field.name,
  } as const;
  let control;
  if (field.type === "bool") {
    control = (
      <input {...common} required={false} type="checkbox" checked={value === "true"} onChange={(e) => onChange(e.target.checked ? "true" : "false")} />
    );
  } else if (field.type === "enum") {
    control = (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {field.options.map((o) => <option key={o} value={o}>{humanize(o)}</option>)}
      </select>
    );
  } else if (field.type === "link" && field.target === "user") {
    control = (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {users.map((u) => <option key={u.id} value={String(u.id)}>{u.name}</option>)}
        {value && !users.some((u) => String(u.id) === value) && <option value={value}>#{value}</option>}
      </select>
    );
  } else if (field.type === "link") {
    control = (
      <LinkInput field={field} id={id} value={value} onChange={onChange} invalid={!!problem} describedBy={common["aria-describedby"]} />
    );
  } else if (field.type === "long_text") {
    control = <textarea {...common} rows={3} value={value} onChange={(e) => onChange(e.target.value)} />;
  } else {
    const type =
      field.type === "date" ? "date"
      : field.type === "datetime" ? "datetime-local"
      : field.type === "email" && !field.multiple ? "email"
      : field.type === "url" ? "url"
      : field.type === "phone" && !field.multiple ? "tel"
      : "text";
    const placeholder =
      field.type === "currency" ? "1200.00 EUR"
      : field.multiple || field.type === "link_many" || field.type === "multi_enum" ? "comma, separated"
      : undefined;
    control = (
      <input
        {...common}
        type={type}
        inputMode={field.type === "int" || field.type === "decimal" ? "decimal" : undefined}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className={`field field-${field.type}${problem ? " has-problem" : ""}`}>
      <label htmlFor={id}>
        {field.label}
        {field.required && <span aria-hidden="true"> *</span>}
      </label>
      {control}
      {field.description && !problem && <small id={`${id}-hint`}>{field.description}</small>}
      {problem && <small id={`${id}-problem`} className="error">{field.label} {problem}</small>}
    </div>
  );
}
