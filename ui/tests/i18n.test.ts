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
