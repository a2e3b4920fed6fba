// The Results view's charts: horizontal bars (shares), a histogram (score
// distribution) and a stacked share bar (language used), in plain SVG built
// with DOM calls. Why not a chart package: the ones that draw SVG without
// inline styles under style-src 'self' are large for three chart shapes, and
// these are ~200 lines we test exactly (tests/results-charts.test.ts).
//
// Every chart is a <figure> whose picture is hidden from screen readers and
// whose numbers are repeated in a <table> they read instead (visually hidden,
// printed neither), so nothing is only a picture. Texts (lesson titles,
// question texts, group names) are data from imported files: always text nodes.
import { h } from "../../dom";
import { BAR_DEFAULTS, barRows, columns, segments } from "./geometry";
import { clip, s } from "./svg";

// Drawn at 600 px wide and never larger (results.css: max-width 100 %,
// height auto), so labels keep their size on a wide window and shrink only
// to fit a narrow column.
const WIDTH = 600;

export interface BarDatum {
  label: string;
  value: number;
  max: number;
  /** What the value column says besides the share, e.g. "7 / 9". */
  detail?: string;
  /** Said instead of the share (a bar on a scale that is not a share, e.g. minutes). */
  text?: string;
  /** A module heading inside a lesson list: a bold label, with a bar only when `max` > 0. */
  heading?: boolean;
  /** Language of the label (question texts, titles), for screen readers. */
  lang?: string;
  /** Marks the bar (for example "low" when most learners missed a question). */
  tone?: "low" | "mid" | "high";
}

interface ChartBase {
  id: string;
  title: string;
  note?: string;
  /** Shown instead of the picture when there is nothing to draw. */
  empty: string;
  /** The two column heads of the text alternative. */
  heads: [string, string];
}

function figure(base: ChartBase, picture: SVGSVGElement | null, table: HTMLTableElement | null, extra?: HTMLElement): HTMLElement {
  const captionId = `chart-${base.id}-title`;
  if (picture) {
    picture.setAttribute("aria-hidden", "true");
    picture.setAttribute("focusable", "false");
  }
  return h(
    "figure",
    { class: "chart", "data-chart": base.id, "aria-labelledby": captionId },
    h("figcaption", { class: "chart-title", id: captionId }, base.title),
    base.note ? h("p", { class: "chart-note muted small" }, base.note) : null,
    picture ?? h("p", { class: "chart-empty muted" }, base.empty),
    extra ?? null,
    table,
  );
}

function textTable(caption: string, heads: [string, string], rows: { label: string; value: string; lang?: string; heading?: boolean }[]): HTMLTableElement {
  return h(
    "table",
    { class: "chart-table sr-only" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, heads[0]), h("th", { scope: "col" }, heads[1]))),
    h(
      "tbody",
      {},
      ...rows.map((r) =>
        r.heading
          ? h("tr", { class: "chart-table-group" }, h("th", { scope: "rowgroup", colspan: 2, lang: r.lang }, r.label))
          : h("tr", {}, h("th", { scope: "row", lang: r.lang }, r.label), h("td", {}, r.value)),
      ),
    ),
  );
}

/** "78 %" plus the detail: the value text of a bar and of its table row. */
export function shareText(share: number, detail?: string): string {
  return detail ? `${share}% (${detail})` : `${share}%`;
}

/** Horizontal bars, one per row, each a share of its own maximum. */
export function barChart(base: ChartBase & { rows: BarDatum[] }): HTMLElement {
  const barred = (r: BarDatum) => !r.heading || r.max > 0;
  const bars = base.rows.filter(barred);
  if (bars.length === 0) return figure(base, null, null);
  const layout = barRows(base.rows);
  const picture = s("svg", { class: "chart-svg chart-bars", viewBox: `0 0 ${WIDTH} ${layout.height}`, width: WIDTH, height: layout.height, preserveAspectRatio: "xMinYMin meet" });
  base.rows.forEach((row, i) => {
    const at = layout.rows[i];
    const label = s("text", { class: row.heading ? "chart-label chart-heading" : "chart-label", x: 0, y: at.y + 16 }, clip(row.label, 80));
    if (row.lang) label.setAttribute("lang", row.lang);
    if (clip(row.label, 80) !== row.label) label.append(s("title", {}, row.label));
    const g = s("g", { class: "chart-row", "data-row": i, "data-share": barred(row) ? at.share : undefined }, label);
    if (barred(row)) {
      const tone = row.tone ?? "mid";
      g.append(
        s("rect", { class: "chart-track", x: 0, y: at.barY, width: BAR_DEFAULTS.track, height: BAR_DEFAULTS.bar, rx: 3 }),
        s("rect", { class: `chart-bar chart-bar-${tone}`, x: 0, y: at.barY, width: at.length, height: BAR_DEFAULTS.bar, rx: 3 }),
        s("text", { class: "chart-value", x: BAR_DEFAULTS.track + 10, y: at.barY + BAR_DEFAULTS.bar - 2 }, row.text ?? shareText(at.share, row.detail)),
      );
    }
    picture.append(g);
  });
  const table = textTable(
    base.title,
    base.heads,
    base.rows.map((r, i) => ({ label: r.label, lang: r.lang, heading: r.heading && !barred(r), value: r.text ?? shareText(layout.rows[i].share, r.detail) })),
  );
  return figure(base, picture, table);
}

/** A histogram: one column per bin, its count written above it and its bin below. */
export function columnChart(base: ChartBase & { columns: { label: string; value: number }[] }): HTMLElement {
  if (base.columns.every((c) => !(c.value > 0))) return figure(base, null, null);
  const left = 34;
  const top = 18;
  const plotW = WIDTH - left;
  const plotH = 160;
  const laid = columns(base.columns.map((c) => c.value), plotW, plotH);
  const picture = s("svg", { class: "chart-svg chart-columns", viewBox: `0 0 ${WIDTH} ${top + plotH + 30}`, width: WIDTH, height: top + plotH + 30, preserveAspectRatio: "xMinYMin meet" });
  for (const tick of laid.ticks) {
    const y = top + plotH - (tick / laid.top) * plotH;
    picture.append(
      s("line", { class: "chart-grid", x1: left, x2: WIDTH, y1: y, y2: y }),
      s("text", { class: "chart-tick", x: left - 6, y: y + 4, "text-anchor": "end" }, String(tick)),
    );
  }
  laid.columns.forEach((c, i) => {
    const x = left + c.x;
    const value = base.columns[i].value;
    picture.append(
      s(
        "g",
        { class: "chart-column", "data-column": i, "data-value": value },
        s("rect", { class: "chart-bar chart-bar-mid", x, y: top + c.y, width: c.width, height: c.height, rx: 2 }),
        value > 0 ? s("text", { class: "chart-value", x: x + c.width / 2, y: top + c.y - 4, "text-anchor": "middle" }, String(value)) : null,
        s("text", { class: "chart-axis", x: x + c.width / 2, y: top + plotH + 18, "text-anchor": "middle" }, base.columns[i].label),
      ),
    );
  });
  const table = textTable(base.title, base.heads, base.columns.map((c) => ({ label: c.label, value: String(c.value) })));
  return figure(base, picture, table);
}

/** One bar split into parts (e.g. attempts in Portuguese and in English), with a legend in words. */
export function shareChart(base: ChartBase & { parts: { key: string; label: string; value: number }[] }): HTMLElement {
  if (base.parts.every((p) => !(p.value > 0))) return figure(base, null, null);
  const segs = segments(base.parts.map((p) => p.value), WIDTH);
  const picture = s("svg", { class: "chart-svg chart-share", viewBox: `0 0 ${WIDTH} 28`, width: WIDTH, height: 28, preserveAspectRatio: "xMinYMin meet" });
  base.parts.forEach((p, i) => {
    if (segs[i].width > 0) {
      picture.append(s("rect", { class: `chart-part chart-part-${i}`, "data-part": p.key, x: segs[i].x, y: 0, width: segs[i].width, height: 28 }));
    }
  });
  const legend = h(
    "ul",
    { class: "chart-legend", "aria-hidden": "true" },
    ...base.parts.map((p, i) => h("li", { "data-part": p.key }, h("span", { class: `chart-swatch chart-part-${i}` }), `${p.label}: ${p.value} (${segs[i].share}%)`)),
  );
  const table = textTable(base.title, base.heads, base.parts.map((p, i) => ({ label: p.label, value: `${p.value} (${segs[i].share}%)` })));
  return figure(base, picture, table, legend);
}

/** Big numbers in a row (learners, pass rate, time spent). */
export function statTiles(tiles: { key: string; label: string; value: string; detail?: string }[]): HTMLElement {
  return h(
    "dl",
    { class: "stat-tiles" },
    ...tiles.map((tile) =>
      h("div", { class: "stat-tile", "data-stat": tile.key }, h("dt", {}, tile.label), h("dd", { class: "stat-value" }, tile.value), tile.detail ? h("dd", { class: "stat-detail muted small" }, tile.detail) : null),
    ),
  );
}
