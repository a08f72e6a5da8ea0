// Shapes of the API's answers that the app reads (docs/api.md).

export type FieldType =
  | "text" | "long_text" | "int" | "decimal" | "currency" | "date" | "datetime" | "bool"
  | "enum" | "multi_enum" | "email" | "phone" | "url" | "link" | "link_many";

export interface FieldMeta {
  name: string;
  type: FieldType;
  label: string;
  description: string;
  required: boolean;
  unique: boolean;
  indexed: boolean;
  active: boolean;
  read_only: boolean;
  multiple: boolean;
  origin: "system" | "custom";
  options: string[];
  target: string | null;
  min: number | null;
  max: number | null;
  max_length: number | null;
  default: unknown;
}

export interface ObjectMeta {
  name: string;
  label: string;
  plural_label: string;
  path: string;
  title: string[];
  search: string[];
  writable: boolean;
  origin: "system" | "custom";
  fields: FieldMeta[];
}

export interface Meta {
  version: number;
  objects: ObjectMeta[];
}

export type ApiRecord = { id: number; version: number; created_at: string; updated_at: string } & Record<string, unknown>;

export interface Page<T = ApiRecord> {
  data: T[];
  next: string | null;
}

export interface User {
  id: number;
  email: string;
  name: string;
  role: string;
  teams: number[];
}

export interface Session {
  user: User;
  csrf_token?: string;
}

export interface TimelineEntry {
  kind: "interaction" | "note" | "task" | "stage_change" | string;
  at: string;
  record: ApiRecord;
}

export interface SearchHit {
  object: string;
  id: number;
  title: string;
}

export interface UpcomingDate {
  person: number;
  name: string;
  kind: string;
  label: string;
  date: string;
  next_on: string;
  in_days: number;
  years: number | null;
}

export interface ImportReport {
  object: string;
  dry_run: boolean;
  delimiter: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  columns: { header: string; field: string | null }[];
  ignored_columns: string[];
  errors: { row: number; field: string; problem: string }[];
  errors_omitted: number;
}
