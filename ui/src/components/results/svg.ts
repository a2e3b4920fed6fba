// SVG elements built with DOM calls only (createElementNS, textContent), the
// twin of ../../dom.ts's h(). Charts carry learner names and question texts
// from imported results files: they go in as text nodes, never as markup, and
// every attribute is set one by one (no style attribute: the app's CSP has
// style-src 'self', so colours come from classes in results.css).
const NS = "http://www.w3.org/2000/svg";

type Attrs = Record<string, string | number | undefined>;

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | null | undefined)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    el.setAttribute(name, typeof value === "number" ? round(value) : value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    el.append(child);
  }
  return el;
}

/** Coordinates with at most two decimals, so the markup stays small and stable in tests. */
export function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** A label cut to `max` characters with an ellipsis; the whole text goes in a <title> for hover. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}
