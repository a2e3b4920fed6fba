// The only module that talks to the Rust shell. Every call is typed with the
// declarations generated from Rust (./bindings.ts), and every failure is an
// ErrorReport `{ code, message_pt, message_en }`, so views never see raw
// strings from IPC. Tests replace this module with vi.mock.
import { invoke } from "@tauri-apps/api/core";

import type { AppInfo, Course, CourseSummary, ErrorReport, TranslationStatus } from "./bindings";

export type { ErrorReport };

export function listCourses(): Promise<CourseSummary[]> {
  return call("list_courses");
}

export function getCourse(id: string): Promise<Course> {
  return call("get_course", { id });
}

export function translationStatus(courseId: string): Promise<TranslationStatus> {
  return call("translation_status", { courseId });
}

export function appInfo(): Promise<AppInfo> {
  return call("app_info");
}

/** True for values shaped like the shell's ErrorReport. */
export function isErrorReport(value: unknown): value is ErrorReport {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ErrorReport).code === "string" &&
    typeof (value as ErrorReport).message_pt === "string" &&
    typeof (value as ErrorReport).message_en === "string"
  );
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toErrorReport(error);
  }
}

// Anything that is not an ErrorReport (a missing permission, a broken bridge)
// becomes one, so the error banner has a single shape to handle.
function toErrorReport(error: unknown): ErrorReport {
  if (isErrorReport(error)) return error;
  const text = error instanceof Error ? error.message : String(error);
  return { code: "ipc_failed", message_pt: text, message_en: text };
}
