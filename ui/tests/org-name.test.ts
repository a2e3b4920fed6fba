import { beforeEach, describe, expect, it, vi } from "vitest";

import type { ExportPreflight, OrgIdentity } from "../src/bindings";
import { initLanguage } from "../src/i18n";
import * as ipc from "../src/ipc";
import { openExportDialog } from "../src/views/export";
import { openSettings } from "../src/views/settings";
import { settle } from "./fixtures";

vi.mock("../src/ipc");
const mocked = vi.mocked(ipc);
const click = (css: string) => (document.querySelector(css) as HTMLElement).click();
const type = (css: string, text: string) => {
  const input = document.querySelector<HTMLInputElement>(css)!;
  input.value = text;
  input.dispatchEvent(new Event("input"));
};

const identity = (name: string): OrgIdentity => ({ id: "o1", name, public_key: "ab".repeat(32), fingerprint: "ab".repeat(32) });
const fine: ExportPreflight = { path: "/media/stick/curso.juntos", size: 2_000_000, available: 8_000_000_000, fat32: false, exists: false };
const unnamed: ExportPreflight = { ...fine, problem: { code: "org_name_missing", message_pt: "… `juntos org set --name` …", message_en: "… `juntos org set --name` …", fields: {} } };

beforeEach(() => {
  localStorage.clear();
  initLanguage();
  vi.resetAllMocks();
  mocked.removableDrives.mockResolvedValue([]);
  mocked.trustedOrganisations.mockResolvedValue([]);
  document.body.replaceChildren();
});

describe("the first export just works", () => {
  it("the export dialog asks for the organisation's name itself, saves it as typed, and then may export", async () => {
    let name = "";
    mocked.orgIdentity.mockImplementation(async () => identity(name));
    mocked.setOrgName.mockImplementation(async (n) => identity((name = n.trim())));
    mocked.exportPreflight.mockImplementation(async () => (name ? fine : unnamed));
    mocked.chooseFolder.mockResolvedValue("/media/stick");
    void openExportDialog("c1", "Curso");
    await settle();
    const area = document.querySelector<HTMLElement>("#export-org")!;
    expect(area.hidden).toBe(false);
    click("#export-choose-folder");
    await settle();
    expect(document.querySelector("#export-need-org")?.textContent).toContain("Falta o nome da sua organização");
    expect(document.querySelector("#export-ok")).toBeNull();
    expect((document.querySelector("#export-start") as HTMLButtonElement).disabled).toBe(true);
    // The reason sits in the action row, visible however far the dialog scrolls.
    expect(document.querySelector(".modal-actions #export-reason")?.textContent).toContain("Falta o nome da sua organização");
    // Never advice for a command the app does not install.
    expect(document.body.textContent).not.toContain("juntos org");

    type("#export-org-name", "Associação Kuyakana");
    await new Promise((r) => setTimeout(r, 700));
    await settle();
    expect(mocked.setOrgName).toHaveBeenCalledWith("Associação Kuyakana");
    expect(document.querySelector("#export-ok")).not.toBeNull();
    expect((document.querySelector("#export-start") as HTMLButtonElement).disabled).toBe(false);
    expect(document.querySelector("#export-reason")?.textContent).toBe("");
  });

  it("a named organisation is not asked again", async () => {
    mocked.orgIdentity.mockResolvedValue(identity("Kuyakana"));
    void openExportDialog("c1", "Curso");
    await settle();
    expect(document.querySelector<HTMLElement>("#export-org")!.hidden).toBe(true);
  });

  it("in Settings the name is saved without a Save button, even when Fechar is pressed at once", async () => {
    mocked.orgIdentity.mockResolvedValue(identity(""));
    mocked.setOrgName.mockImplementation(async (n) => identity(n));
    void openSettings(null);
    await settle();
    expect(document.querySelector('[data-testid="settings"] button[type="submit"]')).toBeNull();
    type("#org-name", "Associação Kuyakana");
    const close = [...document.querySelectorAll<HTMLButtonElement>(".modal-actions button")].find((b) => b.textContent === "Fechar")!;
    close.click();
    await settle();
    expect(mocked.setOrgName).toHaveBeenCalledWith("Associação Kuyakana");
  });

  it("a name with no letter or digit is not sent", async () => {
    mocked.orgIdentity.mockResolvedValue(identity(""));
    void openSettings(null);
    await settle();
    type("#org-name", "  -- ");
    document.querySelector<HTMLInputElement>("#org-name")!.dispatchEvent(new Event("blur"));
    await settle();
    expect(mocked.setOrgName).not.toHaveBeenCalled();
  });
});

describe("first start", () => {
  it("the library asks for the organisation's name once, without a dialog in the way", async () => {
    const { mountLibrary } = await import("../src/views/library");
    mocked.listCourses.mockResolvedValue([]);
    mocked.orgIdentity.mockResolvedValue(identity(""));
    mocked.setOrgName.mockImplementation(async (n) => identity(n));
    const holder = document.createElement("div");
    document.body.append(holder);
    const view = mountLibrary(holder, { open: vi.fn(), importPackage: vi.fn(), exportCourse: vi.fn() });
    await view.refresh();
    await settle();
    expect(holder.querySelector<HTMLElement>("#welcome-org")!.hidden).toBe(false);
    expect(document.querySelector(".modal")).toBeNull();
    type("#welcome-org-name", "Kuyakana");
    document.querySelector<HTMLInputElement>("#welcome-org-name")!.dispatchEvent(new Event("blur"));
    await settle();
    expect(mocked.setOrgName).toHaveBeenCalledWith("Kuyakana");
  });
});

describe("trusted organisations in Settings", () => {
  it("shows each whole fingerprint in the one format, and stops trusting one after asking", async () => {
    mocked.orgIdentity.mockResolvedValue(identity("Kuyakana"));
    const liga = { name: "Liga", fingerprint: "0123456789abcdef".repeat(4), public_key: "x", trusted_at: "2026-11-28T05:30:00Z" };
    mocked.trustedOrganisations.mockResolvedValueOnce([liga] as never).mockResolvedValue([]);
    mocked.untrustOrganisation.mockResolvedValue(liga as never);
    void openSettings(null);
    await settle();
    const item = document.querySelector('.trusted li[data-fingerprint]')!;
    expect(item.querySelector(".fingerprint")?.textContent).toBe("0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567 89AB CDEF");
    expect(document.querySelector("#org-fingerprint")?.textContent).toBe(("ABAB ".repeat(16)).trim());
    (item.querySelector('[data-action="untrust"]') as HTMLElement).click();
    await settle();
    const confirm = [...document.querySelectorAll<HTMLButtonElement>(".modal-actions button")].find((b) => b.textContent === "Deixar de confiar")!;
    confirm.click();
    await settle();
    expect(mocked.untrustOrganisation).toHaveBeenCalledWith(liga.fingerprint);
    expect(document.querySelector(".trusted li")).toBeNull();
  });
});
