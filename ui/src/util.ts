// Small helpers shared by the views.
import type { Bilingual, Lang } from "./bindings";

/** A unique enough id for jobs and new quiz items (no crypto needed). */
export function newId(prefix = ""): string {
  return `${prefix}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function other(lang: Lang): Lang {
  return lang === "pt" ? "en" : "pt";
}

/** The text in `lang`, or in the other language when empty. */
export function pick(text: Bilingual, lang: Lang): { text: string; lang: Lang; fallback: boolean } {
  const second = other(lang);
  if (text[lang].trim()) return { text: text[lang], lang, fallback: false };
  if (text[second].trim()) return { text: text[second], lang: second, fallback: true };
  return { text: "", lang, fallback: false };
}

/** 1.5 MB, 820 kB, 3.2 GB (decimal units, as file managers show them). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** A fingerprint in groups of four, as `juntos org show` prints it. */
export function groupFingerprint(hex: string): string {
  // One format everywhere (the CLI's too, org::keys::grouped): upper case, groups of 4, whole.
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(" ");
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}
