#!/usr/bin/env bash
# Writes the stick the catalogue's browser tests open (catalogue.test.mjs),
# with the real command line, as a person would: a new library (with its
# sample course), two more courses in both languages (one lesson of one of
# them holds the word "Maçaroca", which the tests search without accents),
# then `juntos stick write --all --lang both`.
#   tests/player/make-stick.sh JUNTOS_BIN OUT     writes OUT/library and OUT/stick/Juntos/
set -euo pipefail
juntos="$1"
out="$2"
j() { "$juntos" --library "$out/library" "$@" >/dev/null; }
text() { printf '%s\n' "$1" >"$out/text.md"; echo "$out/text.md"; }

mkdir -p "$out"
j init
# Every stick is signed by an organisation with a name.
j org set --name "Associação Kuyakana"

j new course "Água e saneamento" --slug agua --organisation "Associação Kuyakana"
j edit agua --field title --lang en --file "$(text 'Water and sanitation')"
j edit agua --field summary --lang pt --file "$(text 'Como guardar a água e manter a casa **limpa**.')"
j edit agua --field summary --lang en --file "$(text 'How to store water and keep the home **clean**.')"
j new module agua "Em casa"
j edit agua --module 1 --field title --lang en --file "$(text 'At home')"
j new lesson agua 1 "Guardar a água"
j edit agua 1.1 --field title --lang en --file "$(text 'Storing water')"
j edit agua 1.1 --field body --lang pt --file "$(text 'Guarde a água num bidão tapado. Ao almoço, uma Maçaroca cozida.')"
j edit agua 1.1 --field body --lang en --file "$(text 'Keep water in a covered jerrycan. For lunch, a boiled corn cob.')"
j new lesson agua 1 "Lavar as mãos"
j edit agua 1.2 --field title --lang en --file "$(text 'Washing hands')"
j edit agua 1.2 --field body --lang pt --file "$(text 'Lave as mãos com sabão antes de comer.')"

j new course "Saúde materna" --slug saude --organisation "Ministério da Saúde"
j edit saude --field title --lang en --file "$(text 'Maternal health')"
j edit saude --field summary --lang pt --file "$(text 'As consultas pré-natais, passo a passo.')"
j new module saude "Consultas"
j new lesson saude 1 "A primeira consulta"
j edit saude 1.1 --field body --lang pt --file "$(text 'A primeira consulta é gratuita e faz-se no centro de saúde.')"

j stick write --to "$out/stick" --all --lang both
test -f "$out/stick/Juntos/index.html"
test -f "$out/stick/Juntos/catalogue/data.js"
