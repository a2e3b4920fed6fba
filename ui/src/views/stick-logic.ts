// The rules of the "Pen USB" view, without the DOM (tests/stick.test.ts):
// which courses of a stick are ticked for import at first, what each state
// means in words, and what the pre-flight says before anything is written
// (free space, FAT32's 4 GiB per file, the size of each language choice).
import type { Languages, StickCourseState, StickListEntry, StickPreflight, StickVerifyReport, StickWriteReport } from "../bindings";
import { formatBytes } from "../util";

/** FAT32 cannot hold a file of 4 GiB or more. */
export const FAT32_LIMIT = 4 * 1024 * 1024 * 1024;

/** Courses worth importing are ticked at first: new ones and newer revisions. */
export function tickedAtFirst(entry: StickListEntry): boolean {
  return entry.state === "new" || entry.state === "newer";
}

/** The i18n key that says what a state means for this library. */
export function stateKey(state: StickCourseState): string {
  return `stick.state.${state}`;
}

/** The order courses are listed for import: what can be imported first, then the rest. */
export function importOrder(entries: StickListEntry[]): StickListEntry[] {
  const rank: Record<StickCourseState, number> = { new: 0, newer: 1, local_edits: 2, same: 3, older: 4 };
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank[a.e.state] - rank[b.e.state] || a.i - b.i)
    .map((x) => x.e);
}

export type Check = { ok: boolean; key: string; values?: Record<string, string> };

/**
 * The pre-flight in lines a person reads before writing: space (what is
 * still to write against what is free), FAT32 (the largest file against
 * 4 GiB) and whether this is an update of a stick that has the set already.
 */
export function preflightChecks(p: StickPreflight, locale: string): Check[] {
  const checks: Check[] = [];
  const toWrite = formatBytes(p.bytes_to_write, locale);
  if (p.available === null) {
    checks.push({ ok: true, key: "stick.check.space.unknown", values: { size: toWrite } });
  } else {
    const fits = !p.problem || p.problem.code !== "not_enough_space";
    checks.push({
      ok: fits && p.bytes_to_write <= p.available,
      key: fits && p.bytes_to_write <= p.available ? "stick.check.space.ok" : "stick.check.space.no",
      values: { size: toWrite, free: formatBytes(p.available, locale) },
    });
  }
  if (p.fat32) {
    const ok = p.largest_size < FAT32_LIMIT;
    checks.push({
      ok,
      key: ok ? "stick.check.fat32.ok" : "stick.check.fat32.no",
      values: { name: p.largest_file ?? "", size: formatBytes(p.largest_size, locale) },
    });
  }
  if (p.files_to_write < p.files) {
    checks.push({
      ok: true,
      key: "stick.check.update",
      values: { files: String(p.files_to_write), all: String(p.files), size: toWrite },
    });
  }
  return checks;
}

/** Whether "Write" may be pressed: a pre-flight with no problem and at least one course. */
export function canWrite(p: StickPreflight | null): boolean {
  return !!p && !p.problem && p.courses.length > 0;
}

/** The size of the set for each language choice, for the language options' labels. */
export function sizeOfChoice(p: StickPreflight | null, choice: Languages, locale: string): string {
  if (!p) return "";
  return formatBytes(p.bytes_by_choice[choice], locale);
}

/** The words after a write: what was written and removed, of how much. */
export function writeSummary(r: StickWriteReport, locale: string): { key: string; values: Record<string, string> } {
  return {
    key: "stick.write.done",
    values: {
      courses: String(r.courses.length),
      written: formatBytes(r.bytes_written, locale),
      files: String(r.files_written),
      total: formatBytes(r.total_bytes, locale),
      removed: String(r.files_removed),
    },
  };
}

/** The verification in one line, and the problems by path. */
export function verifySummary(r: StickVerifyReport): { ok: boolean; key: string; problems: string[] } {
  return {
    ok: r.ok,
    key: r.ok ? "stick.verify.ok" : "stick.verify.bad",
    problems: r.problems.map((p) => `${p.path} (${p.problem})`),
  };
}
