/**
 * A bilingual text in the language shown, else the other one: the player's
 * rule (`pick` in player/src/context.ts), here without a running player.
 */

import { Lang, Texts } from '../../player/src/course-data.js';

export interface Chosen {
  text: string;
  /** The language the text is in: the other one when it falls back. */
  lang: Lang;
}

export function otherLang(lang: Lang): Lang {
  return lang === 'pt' ? 'en' : 'pt';
}

export function choose(texts: Texts | null | undefined, lang: Lang): Chosen {
  var other = otherLang(lang);
  if (texts && texts[lang] && String(texts[lang]).trim()) {
    return { text: String(texts[lang]), lang: lang };
  }
  if (texts && texts[other] && String(texts[other]).trim()) {
    return { text: String(texts[other]), lang: other };
  }
  return { text: '', lang: lang };
}
