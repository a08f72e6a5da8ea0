// The tabs of the settings pages.
import { Link, useLocation } from "wouter";

const tabs = [
  { href: "/settings", label: "Custom fields" },
  { href: "/settings/users", label: "Users" },
  { href: "/settings/teams", label: "Teams" },
  { href: "/settings/pipelines", label: "Pipelines" },
  { href: "/settings/sales", label: "Sales and lifecycle" },
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/account", label: "My account" },
];

export function SettingsNav() {
  const [location] = useLocation();
  return (
    <nav aria-label="Settings" className="settings-nav">
      {tabs.map((t) => (
        <Link key={t.href} href={t.href} aria-current={location === t.href ? "page" : undefined}>{t.label}</Link>
      ))}
    </nav>
  );
}
