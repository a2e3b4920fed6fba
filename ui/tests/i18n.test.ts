import { describe, expect, it } from "vitest";

import { en } from "../src/i18n/en";
import { pt } from "../src/i18n/pt";

describe("dictionaries", () => {
  it("have identical key sets", () => {
    const ptKeys = Object.keys(pt).sort();
    const enKeys = Object.keys(en).sort();
    expect(ptKeys.filter((k) => !enKeys.includes(k)), "keys missing in en.ts").toEqual([]);
    expect(enKeys.filter((k) => !ptKeys.includes(k)), "keys missing in pt.ts").toEqual([]);
  });

  it("have no empty sentences and the same placeholders in both languages", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(pt) as (keyof typeof pt)[]) {
      expect(pt[key].trim(), `pt ${key}`).not.toBe("");
      expect(en[key].trim(), `en ${key}`).not.toBe("");
      expect(placeholders(en[key]), key).toEqual(placeholders(pt[key]));
    }
  });
});

import { describeError, initLanguage, setLanguage } from "../src/i18n";

describe("error codes", () => {
  // Codes the app's commands can return most often; each has its own sentence in both languages.
  const codes = [
    "library_corrupt", "library_locked", "course_not_found", "empty_title", "invalid_quiz", "media_unsupported_format",
    "media_in_use", "caption_parse", "org_name_missing", "export_too_big_for_fat32", "not_enough_space",
    "package_signature_invalid", "org_not_trusted", "org_key_changed", "cancelled", "ipc_failed",
  ];

  it("map to translated sentences, with the core's detail kept", () => {
    for (const lang of ["pt", "en"] as const) {
      setLanguage(lang);
      for (const code of codes) {
        const d = describeError({ code, message_pt: "detalhe", message_en: "detail", fields: {} });
        expect(d.title, `${lang} ${code}`).not.toBe("");
        expect(d.title).not.toBe(lang === "pt" ? "detalhe" : "detail");
        expect(d.detail).toBe(lang === "pt" ? "detalhe" : "detail");
      }
    }
    setLanguage("pt");
    initLanguage();
  });

  it("an unknown code shows the core's own sentence", () => {
    expect(describeError({ code: "something_new", message_pt: "Frase do núcleo.", message_en: "Core sentence.", fields: {} }).title).toBe("Frase do núcleo.");
  });
});
