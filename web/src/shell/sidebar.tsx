// The navigation: pages, search, theme and the signed-in user. On a phone it folds into a menu button.
import { useState } from "react";
import { Link, useLocation } from "wouter";
import { useSession } from "../auth/session";
import { currentTheme, setTheme } from "./theme";

const pages = [
  { href: "/", label: "My day" },
  { href: "/people", label: "People" },
  { href: "/organizations", label: "Organizations" },
  { href: "/tasks", label: "Tasks" },
  { href: "/pipeline", label: "Pipeline" },
  { href: "/deals", label: "Deals" },
  { href: "/orders", label: "Orders" },
  { href: "/import", label: "Import" },
  { href: "/settings", label: "Settings" },
];

export function openSearch(): void {
  window.dispatchEvent(new CustomEvent("rapport:search"));
}

export function Sidebar() {
  const [location] = useLocation();
  const { user, signOut } = useSession();
  const [open, setOpen] = useState(false);
  const [theme, setThemeState] = useState(currentTheme());
  const isMac = typeof navigator !== "undefined" && /Mac/.test(navigator.platform);

  function toggleTheme() {
    const next = theme === "dark" ? "light" : "dark";
    setTheme(next);
    setThemeState(next);
  }

  const current = (href: string) => (href === "/" ? location === "/" : location === href || location.startsWith(`${href}/`));

  return (
    <header className="sidebar">
      <div className="sidebar-top">
        <Link href="/" className="brand">Rapport</Link>
        <button className="menu-button" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>
          Menu
        </button>
      </div>
      <nav id="main-nav" aria-label="Main" className={open ? "open" : ""}>
        <button className="search-button" onClick={openSearch}>
          Search <kbd>{isMac ? "⌘" : "Ctrl"} K</kbd>
        </button>
        <ul>
          {pages.map((p) => (
            <li key={p.href}>
              <Link href={p.href} aria-current={current(p.href) ? "page" : undefined} onClick={() => setOpen(false)}>
                {p.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          <button onClick={toggleTheme} aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`}>
            {theme === "dark" ? "Light theme" : "Dark theme"}
          </button>
          {user && user.id !== 0 && (
            <>
              <span className="who" title={user.email}>{user.name || user.email}</span>
              <button onClick={() => void signOut()}>Sign out</button>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
