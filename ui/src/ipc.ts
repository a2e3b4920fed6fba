// The only module that talks to the Rust shell. Every call is typed with the
// declarations generated from Rust (./bindings.ts), and every failure is an
// ErrorReport `{ code, message_pt, message_en }`, so views never see raw
// strings from IPC. Tests replace this module with vi.mock.
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";

import type {
  ResultsDashboard,
  ResultsFilter,
  ResultsImportReport,
  ResultsLearner,
  AppInfo,
  CaptionInfo,
  Course,
  CourseCard,
  CourseChanges,
  CourseSummary,
  Drive,
  ErrorReport,
  ExportFormat,
  ExportPreflight,
  ExportReport,
  ImportPreview,
  BinnedCourse,
  ImportReport,
  JobProgress,
  Lang,
  Languages,
  Lesson,
  LessonField,
  MediaItem,
  MediaStatus,
  Module,
  OrgIdentity,
  PreparedInfo,
  PrepareReport,
  Profile,
  QueuePlan,
  SavedRevision,
  Quiz,
  SearchHit,
  SignStatus,
  TranslationStatus,
  TrustedOrg,
  XliffImportReport,
} from "./bindings";
import type {
  StickListing,
  StickPreflight,
  StickVerifyReport,
  StickWriteReport,
} from "./bindings";

export type { ErrorReport };
export type OnProgress = (progress: JobProgress) => void;

// ---- library
export const appInfo = (): Promise<AppInfo> => call("app_info");
export const listCourses = (): Promise<CourseSummary[]> => call("list_courses");
export const courseCards = (ids: string[]): Promise<CourseCard[]> => call("course_cards", { ids });
/** At most `limit` results; without it, the core's default (both capped by the core). */
export const search = (query: string, limit?: number): Promise<SearchHit[]> => call("search", { query, limit });
export const createCourse = (title: string, lang: Lang): Promise<Course> => call("create_course", { title, lang });
export const duplicateCourse = (id: string): Promise<Course> => call("duplicate_course", { id });
export const deleteCourse = (id: string): Promise<void> => call("delete_course", { id });
export const binnedCourses = (): Promise<BinnedCourse[]> => call("binned_courses");
export const restoreDeletedCourse = (id: string): Promise<Course> => call("restore_deleted_course", { id });
export const emptyBin = (): Promise<number> => call("empty_bin");
export const getCourse = (id: string): Promise<Course> => call("get_course", { id });
export const translationStatus = (courseId: string): Promise<TranslationStatus> =>
  call("translation_status", { courseId });

// ---- editor
export const addModule = (courseId: string, title: string, lang: Lang): Promise<Module> =>
  call("add_module", { courseId, title, lang });
export const renameModule = (moduleId: string, lang: Lang, title: string): Promise<void> =>
  call("rename_module", { moduleId, lang, title });
export const deleteModule = (moduleId: string): Promise<void> => call("delete_module", { moduleId });
export const moveModule = (moduleId: string, position: number): Promise<void> =>
  call("move_module", { moduleId, position });
export const addLesson = (moduleId: string, title: string, lang: Lang): Promise<Lesson> =>
  call("add_lesson", { moduleId, title, lang });
export const deleteLesson = (lessonId: string): Promise<void> => call("delete_lesson", { lessonId });
export const moveLesson = (lessonId: string, moduleId: string | null, position: number): Promise<void> =>
  call("move_lesson", { lessonId, moduleId, position });
/** Saves only if the stored text is still `base` (what the editor loaded or last saved); else `edit_conflict`. */
export const setLessonText = (lessonId: string, field: LessonField, lang: Lang, base: string, text: string): Promise<Lesson> =>
  call("set_lesson_text", { lessonId, field, lang, base, text });
export const setLessonMinutes = (lessonId: string, minutes: number): Promise<Lesson> =>
  call("set_lesson_minutes", { lessonId, minutes });
export const markLessonReviewed = (lessonId: string, field: LessonField): Promise<Lesson> =>
  call("mark_lesson_reviewed", { lessonId, field });
export const setQuiz = (lessonId: string, quiz: Quiz | null): Promise<Lesson> => call("set_quiz", { lessonId, quiz });
export const markQuizReviewed = (lessonId: string): Promise<Lesson> => call("mark_quiz_reviewed", { lessonId });
export const lessonStatus = (lessonId: string): Promise<TranslationStatus> => call("lesson_status", { lessonId });
export const renderPreview = (courseId: string, markdown: string, lang: Lang): Promise<string> =>
  call("render_preview", { courseId, markdown, lang });
/** editor: writes the course as learners get it and opens it in the system browser; the index.html path. */
export const seeAsLearner = (courseId: string): Promise<string> => call("see_as_learner", { courseId });
export const updateCourse = (courseId: string, changes: CourseChanges): Promise<Course> =>
  call("update_course", { courseId, changes });
export const setCourseText = (courseId: string, field: "title" | "summary", lang: Lang, text: string): Promise<Course> =>
  call("set_course_text", { courseId, field, lang, text });
export const markCourseReviewed = (courseId: string, field: "title" | "summary"): Promise<Course> =>
  call("mark_course_reviewed", { courseId, field });
export const chooseCover = (courseId: string, title: string): Promise<MediaItem | null> =>
  call("choose_cover", { courseId, title });
export const removeCover = (courseId: string): Promise<boolean> => call("remove_cover", { courseId });
export const exportXliff = (courseId: string, title: string): Promise<string | null> => call("export_xliff", { courseId, title });
export const importXliff = (title: string): Promise<XliffImportReport | null> => call("import_xliff", { title });
/** Applies the file of the last XLIFF import again, taking the translator's text for the chosen conflicts. */
export const reimportXliff = (title: string, takeTheirs: string[], takeAllTheirs: boolean): Promise<XliffImportReport | null> =>
  call("import_xliff", { title, again: true, takeTheirs, takeAllTheirs });

// ---- media
export const listMedia = (courseId: string): Promise<MediaItem[]> => call("list_media", { courseId });
export const mediaStatus = (courseId: string): Promise<MediaStatus> => call("media_status", { courseId });
export const attachMedia = (courseId: string, title: string, job: string, onProgress: OnProgress): Promise<MediaItem | null> =>
  call("attach_media", { courseId, title, job, progress: channel(onProgress) });
export const cancelJob = (job: string): Promise<boolean> => call("cancel_job", { job });
export const chooseCaptions = (courseId: string, name: string, lang: Lang, title: string): Promise<CaptionInfo | null> =>
  call("choose_captions", { courseId, name, lang, title });
export const removeCaptions = (courseId: string, name: string, lang: Lang): Promise<boolean> =>
  call("remove_captions", { courseId, name, lang });
export const captionText = (courseId: string, name: string, lang: Lang): Promise<string | null> =>
  call("caption_text", { courseId, name, lang });
export const renameMedia = (courseId: string, name: string, newName: string): Promise<MediaItem> =>
  call("rename_media", { courseId, name, newName });
export const detachMedia = (courseId: string, name: string): Promise<void> => call("detach_media", { courseId, name });

// ---- sign-language interpreters (issue 16)
export const setInterpreter = (courseId: string, video: string, interpreter: string, lang: Lang | null, offsetMs: number): Promise<MediaItem> =>
  call("set_interpreter", { courseId, video, interpreter, lang, offsetMs });
export const chooseInterpreter = (
  courseId: string,
  video: string,
  lang: Lang | null,
  offsetMs: number,
  title: string,
  job: string,
  onProgress: OnProgress,
): Promise<MediaItem | null> => call("choose_interpreter", { courseId, video, lang, offsetMs, title, job, progress: channel(onProgress) });
export const removeInterpreter = (courseId: string, video: string, lang: Lang | null): Promise<boolean> =>
  call("remove_interpreter", { courseId, video, lang });
export const setSignRequired = (courseId: string, required: boolean): Promise<SignStatus> => call("set_sign_required", { courseId, required });
export const signStatus = (courseId: string): Promise<SignStatus> => call("sign_status", { courseId });

// ---- prepare-ui: "Preparar para partilhar" (issue 12)
/** Every video of the course with its predicted size, under `budget` bytes when given; `ffmpeg_missing` without ffmpeg. */
export const planPrepare = (courseId: string, profile: Profile, budget: number | null): Promise<QueuePlan> =>
  call("plan_prepare", { courseId, profile, budget });
/** Prepares the videos of `plan` as the job `job`: progress in ms of video of the whole queue, `phase` = the video's name. */
export const prepareVideos = (courseId: string, plan: QueuePlan, job: string, onProgress: OnProgress): Promise<PrepareReport[]> =>
  call("prepare_videos", { courseId, plan, job, progress: channel(onProgress) });
export const preparedMedia = (courseId: string): Promise<PreparedInfo[]> => call("prepared_media", { courseId });
/** Shows the original again; the prepared copy stays until the library is cleaned. */
export const restoreOriginalMedia = (courseId: string, name: string): Promise<MediaItem> =>
  call("restore_original_media", { courseId, name });

// ---- packages
export const chooseFolder = (title: string): Promise<string | null> => call("choose_folder", { title });
export const removableDrives = (): Promise<Drive[]> => call("removable_drives");
export const choosePackage = (title: string): Promise<string | null> => call("choose_package", { title });
export const exportPreflight = (
  courseId: string,
  folder: string,
  languages: Languages,
  format: ExportFormat,
): Promise<ExportPreflight> => call("export_preflight", { courseId, folder, languages, format });
export const exportCourse = (
  courseId: string,
  folder: string,
  languages: Languages,
  format: ExportFormat,
  overwrite: boolean,
  job: string,
  onProgress: OnProgress,
  scormFailed = false,
): Promise<ExportReport> =>
  call("export_course", { courseId, folder, languages, format, overwrite, job, progress: channel(onProgress), scormFailed });
export const importPreview = (path: string, job: string, onProgress: OnProgress): Promise<ImportPreview> =>
  call("import_preview", { path, job, progress: channel(onProgress) });
export const importPackage = (
  path: string,
  trust: boolean,
  asCopy: boolean,
  job: string,
  onProgress: OnProgress,
  trustDifferentOrganisation: string | null = null,
): Promise<ImportReport> =>
  call("import_package", { path, trust, asCopy, trustDifferentOrganisation, job, progress: channel(onProgress) });
/** Revisions of a course that imports replaced, oldest first. */
export const savedRevisions = (courseId: string): Promise<SavedRevision[]> => call("saved_revisions", { courseId });
/** Puts back a revision an import replaced; resolves to the media no longer stored. */
export const restoreRevision = (courseId: string, revision: number): Promise<string[]> => call("restore_revision", { courseId, revision });
// ---- stick (issue 18): a USB stick of courses with a catalogue
/** What writing these courses (all when empty) would do, per language choice; writes nothing. */
export const stickPreflight = (to: string, courses: string[], languages: Languages): Promise<StickPreflight> =>
  call("stick_preflight", { to, courses, languages });
/** Writes or updates the stick in place (a job: progress and cancel). */
export const writeStick = (
  to: string,
  courses: string[],
  languages: Languages,
  job: string,
  onProgress: OnProgress,
): Promise<StickWriteReport> => call("write_stick", { to, courses, languages, job, progress: channel(onProgress) });
/** Checks every file of the stick against its signed index (a job). */
export const verifyStick = (path: string, job: string, onProgress: OnProgress): Promise<StickVerifyReport> =>
  call("verify_stick", { path, job, progress: channel(onProgress) });
/** The stick's courses against the library. */
export const stickList = (path: string): Promise<StickListing> => call("stick_list", { path });
/** Imports the chosen courses (all when empty) with every rule of package import (a job). */
export const stickImport = (
  path: string,
  courses: string[],
  trust: boolean,
  asCopy: boolean,
  job: string,
  onProgress: OnProgress,
): Promise<ImportReport[]> =>
  call("stick_import", { path, courses, trust, asCopy, job, progress: channel(onProgress) });

// ---- settings and window
export const orgIdentity = (): Promise<OrgIdentity> => call("org_identity");
export const setOrgName = (name: string): Promise<OrgIdentity> => call("set_org_name", { name });
export const trustedOrganisations = (): Promise<TrustedOrg[]> => call("trusted_organisations");
export const untrustOrganisation = (fingerprint: string): Promise<TrustedOrg> => call("untrust_organisation", { fingerprint });
export const setUiLanguage = (lang: Lang): Promise<void> => call("set_ui_language", { lang });
export const closeWindow = (): Promise<void> => call("close_window");

/** Calls `handler` when the person closes the window; the window stays open until closeWindow(). */
export function onCloseRequested(handler: () => void): Promise<() => void> {
  return listen("close-requested", handler);
}

// ---- results (issue 17, helper results-core): the shell's results commands
/** Results files chosen in the native dialog (several at once); empty when cancelled. */
export const chooseResultsFiles = (title: string): Promise<string[]> => call("choose_results_files", { title });
/** Imports results files (all checked first, then one transaction; a refused file changes nothing). */
export const importResults = (paths: string[]): Promise<ResultsImportReport> => call("import_results", { paths });
export const resultsDashboard = (courseId: string, filter: ResultsFilter): Promise<ResultsDashboard> =>
  call("results_dashboard", { courseId, filter });
export const resultsLearners = (courseId: string): Promise<ResultsLearner[]> => call("results_learners", { courseId });
/** Counts learner `merge` as learner `keep` from now on; the kept id. */
export const mergeLearners = (courseId: string, keep: string, merge: string): Promise<string> =>
  call("merge_learners", { courseId, keep, merge });
/** Deletes a learner's results for good; the ids deleted. */
export const deleteLearner = (courseId: string, learner: string): Promise<string[]> => call("delete_learner", { courseId, learner });
/** Writes the CSV where the person chooses in the save dialog; the path, or null when cancelled. */
export const exportResultsCsv = (courseId: string, filter: ResultsFilter, title: string, fileName: string): Promise<string | null> =>
  call("export_results_csv", { courseId, filter, title, fileName });
// ---- results (issue 17): files dropped on the window (the Results view imports them)
export type FileDrop = { type: "enter" | "over" | "leave" } | { type: "drop"; paths: string[] };
/** Calls `handler` while files from the file manager are dragged over the window and when dropped (paths only). */
export function onFileDrop(handler: (event: FileDrop) => void): Promise<() => void> {
  return getCurrentWebview().onDragDropEvent((event) => {
    const p = event.payload;
    handler(p.type === "drop" ? { type: "drop", paths: p.paths } : { type: p.type });
  });
}
// ---- end results

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

function channel(onProgress: OnProgress): Channel<JobProgress> {
  const ch = new Channel<JobProgress>();
  ch.onmessage = onProgress;
  return ch;
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
  return { code: "ipc_failed", message_pt: text, message_en: text, fields: {} };
}
