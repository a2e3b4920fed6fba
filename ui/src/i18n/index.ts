// Interface language: Portuguese by default, English on the switch, the
// choice remembered in localStorage. Views call t() for every visible string
// and re-render when the language changes (onLanguageChange).
import type { ErrorReport, Lang } from "../bindings";
import { en } from "./en";
import { pt, type MessageKey } from "./pt";

export type { MessageKey };

const dictionaries: Record<Lang, Record<MessageKey, string>> = { pt, en };
const STORAGE_KEY = "juntos.lang";

let current: Lang = "pt";
const listeners = new Set<(lang: Lang) => void>();

/** Reads the remembered language (Portuguese when none) and applies it to <html lang>. */
export function initLanguage(): Lang {
  current = readStored() ?? "pt";
  document.documentElement.lang = current;
  return current;
}

export function language(): Lang {
  return current;
}

export function setLanguage(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage can be unavailable; the choice then lasts for this session.
  }
  for (const listener of listeners) listener(lang);
}

/** Calls `listener` after every language change; returns the unsubscribe function. */
export function onLanguageChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(pt, key);
}

/** The sentence for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  const template = dictionaries[current][key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

/** Singular or plural form: `base.one` for 1, `base.other` otherwise, with `{n}` filled. */
export function plural(base: PluralBase, n: number): string {
  return t((n === 1 ? `${base}.one` : `${base}.other`) as MessageKey, { n });
}

/**
 * An error as a person should read it: the app's own sentence for its code,
 * with the error's fields (`{path}`, `{query}`…) filled in, and the core's
 * plain description as the detail. The core never puts command-line advice
 * in its descriptions (a Rust test guards that), so none reaches the app.
 */
export function describeError(report: ErrorReport): { title: string; detail: string } {
  const detail = current === "pt" ? report.message_pt || report.message_en : report.message_en || report.message_pt;
  const key = `error.${report.code}`;
  if (isMessageKey(key)) {
    const title = t(key, errorFields(report));
    return { title, detail: detail === title ? "" : detail };
  }
  return { title: detail || t("error.title"), detail: "" };
}

function errorFields(report: ErrorReport): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(report.fields ?? {})) {
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

/** The locale numbers and dates are written in: Mozambican Portuguese or British English. */
export function localeTag(): string {
  return current === "pt" ? "pt-MZ" : "en-GB";
}

/** Dates as "28 de novembro de 2026" / "28 November 2026"; the raw text when it is not a date. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeTag(), { day: "numeric", month: "long", year: "numeric" }).format(date);
}

function readStored(): Lang | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === "pt" || stored === "en" ? stored : null;
  } catch {
    return null;
  }
}
