// Portuguese: the interface's first language. Keys are shared with en.ts
// (the compiler and tests/i18n.test.ts both refuse a key missing in either).
// `{name}` marks a value filled in by t(); `.one`/`.other` pick the plural.
export const pt = {
  "app.name": "Juntos Studio",
  "app.tagline": "Cursos bilingues para formação em grupo",

  "lang.switch": "Língua da interface",
  "lang.pt": "PT",
  "lang.en": "EN",
  "lang.pt.name": "Português",
  "lang.en.name": "Inglês",

  "library.heading": "Os seus cursos",
  "library.intro": "Cada curso existe em português e em inglês. Veja quanto falta traduzir em cada língua.",
  "library.count.one": "{n} curso",
  "library.count.other": "{n} cursos",
  "library.loading": "A abrir a biblioteca…",
  "library.refresh": "Atualizar",
  "library.empty.title": "Ainda não há cursos nesta biblioteca",
  "library.empty.body": "Crie o primeiro curso na linha de comandos e depois carregue em «Atualizar»:",
  "library.empty.command": "juntos new course \"Título do curso\"",

  "course.untitled": "Curso sem título",
  "course.onlyIn.pt": "Título só em português",
  "course.onlyIn.en": "Título só em inglês",
  "course.organisation.none": "Organização não indicada",
  "course.revision": "Revisão {n}",
  "course.modules.one": "{n} módulo",
  "course.modules.other": "{n} módulos",
  "course.lessons.one": "{n} lição",
  "course.lessons.other": "{n} lições",
  "course.updated": "Atualizado em {date}",
  "course.translation": "Tradução",
  "course.source": "original",
  "course.percent": "{percent}%",
  "course.status.unavailable": "Estado da tradução indisponível",

  "footer.version": "Versão {version}",
  "footer.library": "Biblioteca: {path}",

  "error.title": "Algo correu mal",
  "error.retry": "Tentar de novo",
  "error.library_corrupt": "Não foi possível abrir a biblioteca: a base de dados está danificada ou não é do Juntos.",
  "error.library_locked": "A biblioteca está aberta noutro programa.",
  "error.library_not_writable": "Não é possível escrever na pasta da biblioteca.",
  "error.library_too_new": "Esta biblioteca foi criada por uma versão mais recente do Juntos Studio.",
  "error.course_not_found": "Este curso já não existe na biblioteca.",
  "error.io_error": "O disco não respondeu como esperado.",
  "error.database_error": "Erro interno da base de dados. Nada foi alterado.",
  "error.internal_error": "Erro interno do Juntos Studio.",
  "error.ipc_failed": "A janela não conseguiu comunicar com o Juntos Studio.",
} as const;

export type MessageKey = keyof typeof pt;
