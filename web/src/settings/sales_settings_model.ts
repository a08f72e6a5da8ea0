// The sales and lifecycle settings as a form: each key of GET /settings/sales with its label and
// unit, revenue shown in whole units of the base currency (the API keeps micros), and the changes
// to PATCH, checked as the API checks them.
export type SalesSettings = Record<string, string | number>;

export interface SettingField {
  key: string;
  label: string;
  help: string;
  min: number;
  micros?: boolean;
}

export const currencyKey = "sales.base_currency";

export const settingFields: SettingField[] = [
  { key: "lifecycle.repeat_window_days", label: "Repeat window (days)", help: "A purchase within this many days of the one before makes a repeat customer.", min: 1 },
  { key: "lifecycle.loyal_purchases", label: "Loyal after purchases", help: "This many purchases make a loyal customer…", min: 2 },
  { key: "lifecycle.loyal_revenue_micros", label: "…or loyal after revenue", help: "…or this much revenue, in the base currency.", min: 1, micros: true },
  { key: "lifecycle.churn_days", label: "Churned after (days)", help: "A customer with neither a purchase nor a touch for this many days is churned by the daily sweep.", min: 1 },
];

export type SettingsForm = Record<string, string>;

export function toForm(settings: SalesSettings): SettingsForm {
  const form: SettingsForm = { [currencyKey]: String(settings[currencyKey] ?? "") };
  for (const f of settingFields) {
    const v = Number(settings[f.key]);
    form[f.key] = f.micros ? String(v / 1e6) : String(v);
  }
  return form;
}

// The keys whose value differs from the stored settings, or the problems that stop the save.
export function settingsChanges(settings: SalesSettings, form: SettingsForm): { changes: SalesSettings; problems: Record<string, string> } {
  const changes: SalesSettings = {};
  const problems: Record<string, string> = {};
  const currency = form[currencyKey].trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) problems[currencyKey] = "must be a three-letter ISO 4217 code";
  else if (currency !== settings[currencyKey]) changes[currencyKey] = currency;
  for (const f of settingFields) {
    const n = Number(form[f.key].trim());
    const value = f.micros ? Math.round(n * 1e6) : n;
    if (form[f.key].trim() === "" || !Number.isFinite(n) || !Number.isInteger(value) || value < f.min) {
      problems[f.key] = f.micros ? "must be an amount above 0" : `must be a whole number of at least ${f.min}`;
    } else if (value !== Number(settings[f.key])) {
      changes[f.key] = value;
    }
  }
  return { changes, problems };
}
