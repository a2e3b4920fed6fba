// Numbers → chart geometry, with no DOM: the part of every chart that the
// tests check exactly (bar lengths, column heights, percentages, ticks).
// Shares are rounded once, here, so a chart, its table and the report agree.

/** A whole percentage of `part` in `whole`; 0 when there is nothing to divide. */
export function percent(part: number, whole: number): number {
  if (!(whole > 0) || !(part > 0)) return 0;
  return Math.min(100, Math.round((part / whole) * 100));
}

export interface RowLayout {
  /** Top of the row (its label), in SVG units. */
  y: number;
  /** Top of the bar. */
  barY: number;
  /** Length of the filled bar. */
  length: number;
  /** 0–100, what the value text says. */
  share: number;
}

export interface BarOptions {
  /** Length of a full (100 %) bar. */
  track: number;
  /** Height of one row: a label line and the bar under it. */
  row: number;
  /** Height of the bar. */
  bar: number;
}

export const BAR_DEFAULTS: BarOptions = { track: 380, row: 44, bar: 14 };

/** Rows of a horizontal bar chart: each `value` of its own `max` (a share), drawn on one scale. */
export function barRows(rows: { value: number; max: number }[], options: BarOptions = BAR_DEFAULTS): { rows: RowLayout[]; height: number } {
  const laid = rows.map((r, i) => {
    const share = percent(r.value, r.max);
    const y = i * options.row;
    return { y, barY: y + options.row - options.bar - 8, length: (share / 100) * options.track, share };
  });
  return { rows: laid, height: rows.length * options.row };
}

export interface ColumnLayout {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Columns of a histogram: `counts` on a scale whose top is the largest count
 * (at least 1), inside a plot `width` × `height`, with `gap` between columns.
 */
export function columns(counts: number[], width: number, height: number, gap = 6): { columns: ColumnLayout[]; top: number; ticks: number[] } {
  const top = Math.max(1, ...counts.map((c) => (c > 0 ? c : 0)));
  const step = counts.length ? width / counts.length : 0;
  const laid = counts.map((c, i) => {
    const h = ((c > 0 ? c : 0) / top) * height;
    return { x: i * step + gap / 2, y: height - h, width: Math.max(0, step - gap), height: h };
  });
  return { columns: laid, top, ticks: ticks(top) };
}

/** Whole-number ticks from 0 to `top`: at most 5, evenly spaced, always 0 and `top`. */
export function ticks(top: number): number[] {
  if (top <= 4) return Array.from({ length: top + 1 }, (_, i) => i);
  const step = Math.ceil(top / 4);
  const out: number[] = [];
  for (let v = 0; v < top; v += step) out.push(v);
  out.push(top);
  return out;
}

export interface Segment {
  x: number;
  width: number;
  share: number;
}

/** A stacked bar of `values` over `width`: the segments touch and fill it whole when any value is > 0. */
export function segments(values: number[], width: number): Segment[] {
  const total = values.reduce((a, v) => a + (v > 0 ? v : 0), 0);
  let x = 0;
  return values.map((v) => {
    const w = total > 0 ? ((v > 0 ? v : 0) / total) * width : 0;
    const seg = { x, width: w, share: percent(v, total) };
    x += w;
    return seg;
  });
}
