// TEMPORARY (helper results-app): the results commands the shell is getting
// now (helper results-core, src-tauri/src/commands/results.rs). Once they and
// their generated types land, these move to ../../ipc.ts (the one module that
// talks to the shell) and this file goes.
import { invoke } from "@tauri-apps/api/core";
import type { ResultsDashboard, ResultsFilter, ResultsImportReport, ResultsLearner } from "./model";

const call = <T>(command: string, args?: Record<string, unknown>): Promise<T> => invoke<T>(command, args);

export const importResults = (paths: string[]): Promise<ResultsImportReport> => call("import_results", { paths });
export const chooseResultsFiles = (title: string): Promise<string[]> => call("choose_results_files", { title });
export const resultsDashboard = (courseId: string, filter: ResultsFilter): Promise<ResultsDashboard> => call("results_dashboard", { courseId, filter });
export const resultsLearners = (courseId: string): Promise<ResultsLearner[]> => call("results_learners", { courseId });
export const mergeLearners = (courseId: string, keep: string, merge: string): Promise<string> => call("merge_learners", { courseId, keep, merge });
export const deleteLearner = (courseId: string, learner: string): Promise<string[]> => call("delete_learner", { courseId, learner });
export const exportResultsCsv = (courseId: string, filter: ResultsFilter, title: string, fileName: string): Promise<string | null> => call("export_results_csv", { courseId, filter, title, fileName });
