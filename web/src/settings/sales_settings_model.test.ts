import { describe, expect, it } from "vitest";
import { settingsChanges, toForm } from "./sales_settings_model";

const stored = {
  "sales.base_currency": "EUR",
  "lifecycle.repeat_window_days": 180,
  "lifecycle.loyal_purchases": 5,
  "lifecycle.loyal_revenue_micros": 5_000_000_000,
  "lifecycle.churn_days": 365,
};

describe("sales settings form", () => {
  it("shows revenue in whole units and nothing changed sends nothing", () => {
    const form = toForm(stored);
    expect(form["lifecycle.loyal_revenue_micros"]).toBe("5000");
    expect(settingsChanges(stored, form)).toEqual({ changes: {}, problems: {} });
  });

  it("sends only the changed keys, revenue back in micros and the currency upper-cased", () => {
    const form = { ...toForm(stored), "lifecycle.churn_days": "200", "lifecycle.loyal_revenue_micros": "2500.5", "sales.base_currency": "usd" };
    expect(settingsChanges(stored, form)).toEqual({
      changes: { "lifecycle.churn_days": 200, "lifecycle.loyal_revenue_micros": 2_500_500_000, "sales.base_currency": "USD" },
      problems: {},
    });
  });

  it("names each bad value as the API would", () => {
    const form = { ...toForm(stored), "lifecycle.loyal_purchases": "1", "lifecycle.churn_days": "3.5", "lifecycle.repeat_window_days": "", "sales.base_currency": "EURO" };
    const { problems } = settingsChanges(stored, form);
    expect(problems).toEqual({
      "sales.base_currency": "must be a three-letter ISO 4217 code",
      "lifecycle.loyal_purchases": "must be a whole number of at least 2",
      "lifecycle.churn_days": "must be a whole number of at least 1",
      "lifecycle.repeat_window_days": "must be a whole number of at least 1",
    });
  });
});
