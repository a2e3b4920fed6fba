// The Results view's chart builders: numbers in, SVG geometry and labels out,
// and texts from imported files (names, question texts) kept as text.
import { beforeEach, describe, expect, it } from "vitest";

import { barChart, columnChart, shareChart, shareText, statTiles } from "../src/components/results/charts";
import { barRows, columns, percent, segments, ticks } from "../src/components/results/geometry";
import { clip } from "../src/components/results/svg";
import { initLanguage } from "../src/i18n";

const base = { id: "t", title: "Título", empty: "Nada", heads: ["A", "B"] as [string, string] };
const attr = (el: Element | null | undefined, name: string) => Number(el?.getAttribute(name));

describe("chart geometry", () => {
  it("percentages are whole, capped at 100, and 0 over nothing", () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(2, 3)).toBe(67);
    expect(percent(3, 3)).toBe(100);
    expect(percent(4, 3)).toBe(100);
    expect(percent(0, 0)).toBe(0);
    expect(percent(5, 0)).toBe(0);
    expect(percent(-1, 4)).toBe(0);
  });

  it("bar rows: lengths proportional to each row's own share, rows stacked", () => {
    const { rows, height } = barRows([{ value: 1, max: 4 }, { value: 3, max: 3 }, { value: 0, max: 5 }], { track: 400, row: 40, bar: 10 });
    expect(height).toBe(120);
    expect(rows.map((r) => r.share)).toEqual([25, 100, 0]);
    expect(rows.map((r) => r.length)).toEqual([100, 400, 0]);
    expect(rows.map((r) => r.y)).toEqual([0, 40, 80]);
    expect(rows[1].barY).toBe(40 + 40 - 10 - 8);
  });

  it("columns: the tallest count fills the plot, zero counts are flat", () => {
    const { columns: cols, top } = columns([0, 2, 4, 1], 400, 100, 0);
    expect(top).toBe(4);
    expect(cols.map((c) => c.height)).toEqual([0, 50, 100, 25]);
    expect(cols.map((c) => c.y)).toEqual([100, 50, 0, 75]);
    expect(cols.map((c) => c.x)).toEqual([0, 100, 200, 300]);
    expect(cols.every((c) => c.width === 100)).toBe(true);
    expect(columns([0, 0], 100, 50).top).toBe(1);
  });

  it("ticks: whole numbers from 0 to the top", () => {
    expect(ticks(1)).toEqual([0, 1]);
    expect(ticks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(ticks(10)).toEqual([0, 3, 6, 9, 10]);
  });

  it("segments fill the width in order, with their shares", () => {
    const segs = segments([3, 1], 600);
    expect(segs).toEqual([
      { x: 0, width: 450, share: 75 },
      { x: 450, width: 150, share: 25 },
    ]);
    expect(segments([0, 0], 600).map((s) => s.width)).toEqual([0, 0]);
  });

  it("labels too long are cut with an ellipsis, whole characters only", () => {
    expect(clip("curta", 10)).toBe("curta");
    expect(clip("abcdefghijk", 5)).toBe("abcd…");
    expect([...clip("ção".repeat(10), 4)]).toHaveLength(4);
  });
});

describe("charts", () => {
  beforeEach(() => {
    localStorage.clear();
    initLanguage();
  });

  it("a bar chart draws one bar per row with its share, and the same numbers in a table", () => {
    const fig = barChart({ ...base, rows: [{ label: "Pergunta 1", value: 2, max: 8, detail: "2 / 8", tone: "low" }, { label: "Pergunta 2", value: 6, max: 6 }] });
    const bars = fig.querySelectorAll("rect.chart-bar");
    expect(bars).toHaveLength(2);
    expect(attr(bars[0], "width")).toBe(95); // 25 % of the 380 track
    expect(attr(bars[1], "width")).toBe(380);
    expect(bars[0].getAttribute("class")).toContain("chart-bar-low");
    expect([...fig.querySelectorAll(".chart-value")].map((e) => e.textContent)).toEqual(["25% (2 / 8)", "100%"]);
    expect([...fig.querySelectorAll("g.chart-row")].map((g) => g.getAttribute("data-share"))).toEqual(["25", "100"]);
    const svg = fig.querySelector("svg")!;
    expect(svg.getAttribute("viewBox")).toBe("0 0 600 88");
    expect(svg.getAttribute("aria-hidden")).toBe("true");
    // The text alternative: caption and every row, for screen readers.
    const table = fig.querySelector("table.chart-table")!;
    expect(table.querySelector("caption")?.textContent).toBe("Título");
    expect([...table.querySelectorAll("tbody tr")].map((r) => r.textContent)).toEqual(["Pergunta 125% (2 / 8)", "Pergunta 2100%"]);
    expect(fig.getAttribute("aria-labelledby")).toBe(fig.querySelector("figcaption")?.id);
  });

  it("headings in a bar chart are labels without a bar; a text replaces the share when given", () => {
    const fig = barChart({ ...base, rows: [{ label: "1. Módulo", value: 0, max: 0, heading: true }, { label: "1.1 Lição", value: 90, max: 180, text: "3 min" }] });
    expect(fig.querySelectorAll("rect.chart-bar")).toHaveLength(1);
    expect(fig.querySelector(".chart-heading")?.textContent).toBe("1. Módulo");
    expect(fig.querySelector(".chart-value")?.textContent).toBe("3 min");
    expect(fig.querySelector('th[scope="rowgroup"]')?.textContent).toBe("1. Módulo");
  });

  it("a long label is cut in the picture and whole in its tooltip and table", () => {
    const long = "Qual destas frases descreve melhor o dever de participar na vida da comunidade onde se vive e trabalha?";
    const fig = barChart({ ...base, rows: [{ label: long, value: 1, max: 2 }] });
    const label = fig.querySelector("text.chart-label")!;
    expect(label.firstChild?.textContent?.endsWith("…")).toBe(true);
    expect(label.querySelector("title")?.textContent).toBe(long);
    expect(fig.querySelector("tbody th")?.textContent).toBe(long);
  });

  it("names and texts with markup stay text: no element is made from them", () => {
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    const fig = barChart({ ...base, title: hostile, rows: [{ label: hostile, value: 1, max: 1, detail: hostile }] });
    const share = shareChart({ ...base, parts: [{ key: "a", label: hostile, value: 1 }] });
    const tiles = statTiles([{ key: "k", label: hostile, value: hostile }]);
    for (const el of [fig, share, tiles]) {
      document.body.append(el);
      expect(el.querySelector("img, script")).toBeNull();
    }
    expect(fig.querySelector("figcaption")?.textContent).toBe(hostile);
    expect(fig.querySelector("text.chart-label")?.textContent?.startsWith("<img src=x")).toBe(true);
    expect(fig.querySelector("tbody th")?.textContent).toBe(hostile);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it("a histogram: column heights on the largest count, counts above, bins below", () => {
    const fig = columnChart({ ...base, columns: [{ label: "0–9%", value: 0 }, { label: "10–19%", value: 1 }, { label: "20–29%", value: 4 }] });
    const rects = fig.querySelectorAll("g.chart-column rect");
    expect([...rects].map((r) => attr(r, "height"))).toEqual([0, 40, 160]);
    // Bottoms line up on the axis (top 18 + plot 160).
    expect([...rects].map((r) => attr(r, "y") + attr(r, "height"))).toEqual([178, 178, 178]);
    expect([...fig.querySelectorAll("g.chart-column .chart-value")].map((e) => e.textContent)).toEqual(["1", "4"]);
    expect([...fig.querySelectorAll(".chart-axis")].map((e) => e.textContent)).toEqual(["0–9%", "10–19%", "20–29%"]);
    expect([...fig.querySelectorAll(".chart-tick")].map((e) => e.textContent)).toEqual(["0", "1", "2", "3", "4"]);
    expect([...fig.querySelectorAll("tbody td")].map((e) => e.textContent)).toEqual(["0", "1", "4"]);
  });

  it("a share bar: segments side by side, a legend and a table in words", () => {
    const fig = shareChart({ ...base, parts: [{ key: "pt", label: "Português", value: 3 }, { key: "en", label: "Inglês", value: 1 }] });
    const parts = fig.querySelectorAll("rect.chart-part");
    expect([...parts].map((p) => [attr(p, "x"), attr(p, "width")])).toEqual([[0, 450], [450, 150]]);
    expect([...fig.querySelectorAll(".chart-legend li")].map((li) => li.textContent)).toEqual(["Português: 3 (75%)", "Inglês: 1 (25%)"]);
    expect([...fig.querySelectorAll("tbody td")].map((e) => e.textContent)).toEqual(["3 (75%)", "1 (25%)"]);
  });

  it("with nothing to draw, a chart says so instead of an empty picture", () => {
    for (const fig of [barChart({ ...base, rows: [] }), columnChart({ ...base, columns: [{ label: "x", value: 0 }] }), shareChart({ ...base, parts: [{ key: "a", label: "a", value: 0 }] })]) {
      expect(fig.querySelector("svg")).toBeNull();
      expect(fig.querySelector(".chart-empty")?.textContent).toBe("Nada");
    }
  });

  it("share text", () => {
    expect(shareText(40)).toBe("40%");
    expect(shareText(40, "2 de 5")).toBe("40% (2 de 5)");
  });

  it("no chart uses a style attribute (the CSP refuses them)", () => {
    const all = [barChart({ ...base, rows: [{ label: "a", value: 1, max: 2 }] }), columnChart({ ...base, columns: [{ label: "a", value: 2 }] }), shareChart({ ...base, parts: [{ key: "a", label: "a", value: 1 }] })];
    for (const fig of all) expect(fig.querySelectorAll("[style]")).toHaveLength(0);
  });
});
