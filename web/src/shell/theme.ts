// Light and dark themes: the system's choice (prefers-color-scheme) unless the user picked one.
export type Theme = "light" | "dark";
const key = "rapport.theme";

export function storedTheme(): Theme | null {
  const t = localStorage.getItem(key);
  return t === "light" || t === "dark" ? t : null;
}

export function currentTheme(): Theme {
  return storedTheme() ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
}

export function applyStoredTheme(): void {
  const t = storedTheme();
  if (t) document.documentElement.dataset.theme = t;
  else delete document.documentElement.dataset.theme;
}

export function setTheme(theme: Theme): void {
  localStorage.setItem(key, theme);
  applyStoredTheme();
}
