//! `--help` in the person's language. clap's texts (the doc comments on the
//! commands, and its own "Usage", "Options", "Print help") are English; for
//! Portuguese the built command is walked once and each about, heading and
//! built-in help line is replaced from the table below. A command missing
//! from the table keeps its English text rather than showing nothing.
//!
//! Longer than our ~500-line mark on purpose: it is mostly that bilingual
//! table, kept whole so that a command's help is found in one place.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};
use juntos::model::Lang;

/// `(command path, Portuguese about)`; the path is the subcommand names
/// after `juntos`, separated by spaces ("" is `juntos` itself).
const ABOUT_PT: &[(&str, &str)] = &[
    ("", "Juntos Studio: cursos bilingues offline"),
    ("init", "Criar a biblioteca (com o curso de exemplo) se for preciso e mostrar onde está"),
    ("courses", "Listar os cursos da biblioteca"),
    ("show", "Mostrar um curso: os seus módulos e lições"),
    ("new", "Criar um curso, um módulo ou uma lição"),
    ("new course", "Criar um curso"),
    ("new module", "Criar um módulo num curso"),
    ("new lesson", "Criar uma lição num módulo"),
    ("edit", "Escrever uma língua de um texto a partir de um ficheiro ou da entrada padrão"),
    ("review", "Marcar uma tradução como revista em relação ao texto de origem atual"),
    ("set", "Mudar as definições de um curso"),
    (
        "translation-status",
        "Estado da tradução por campo (completo / em falta / desatualizado) e percentagens",
    ),
    ("search", "Pesquisar nas duas línguas (acentos opcionais)"),
    ("mv", "Mover um módulo ou uma lição para outra posição"),
    ("mv module", "Mover um módulo"),
    ("mv lesson", "Mover uma lição"),
    ("duplicate", "Copiar um curso (id novo, ligado ao original)"),
    ("rm", "Apagar um curso (para o lixo, recuperável), ou um dos seus módulos ou lições"),
    ("rm module", "Apagar um módulo"),
    ("rm lesson", "Apagar uma lição"),
    ("attach", "Anexar um vídeo, imagem ou áudio a um curso (as lições mostram-no com `![Título](media:NOME)`)"),
    ("detach", "Retirar um ficheiro de media de um curso (recusado enquanto uma lição o mostrar)"),
    ("media", "Listar, mudar o nome e legendar os ficheiros de media de um curso, com avisos"),
    ("media list", "Os ficheiros de media do curso, com avisos (legendas em falta, início lento, codecs)"),
    ("media rename", "Mudar o nome de um ficheiro de media; as lições que o mostram são atualizadas"),
    ("media captions", "Anexar legendas (.srt ou .vtt) numa língua a um vídeo"),
    ("media prepare", "Preparar um vídeo para os formandos com o ffmpeg (MP4 H.264/AAC, mais pequeno, volume uniforme, cortes, imagem de capa); o original fica"),
    // sign-language interpreters (issue 16)
    ("media sign", "Dar a um vídeo um vídeo de intérprete de língua gestual (um ficheiro, ou um vídeo do curso), mostrado pelo leitor ao lado dele, sincronizado"),
    ("media unsign", "Retirar o intérprete de língua gestual de um vídeo (o vídeo do intérprete fica no curso)"),
    ("media sign-required", "Dizer que o curso precisa de interpretação em língua gestual (`--off`: não precisa); os vídeos sem intérprete ficam assinalados"),
    ("gc", "Apagar ficheiros guardados a que nada se refere, e restos de cópias interrompidas"),
    ("verify-library", "Verificar de novo cada ficheiro de media guardado; indicar os que faltam ou estão danificados (saída 1)"),
    ("render", "Mostrar uma lição como o HTML seguro que os formandos veem"),
    ("export", "Escrever um pacote .juntos assinado de um curso (para uma pen USB)"),
    ("verify", "Verificar um pacote por completo sem o importar"),
    ("import", "Importar o pacote de um parceiro (verificado primeiro; nunca substitui edições locais)"),
    ("revisions", "Revisões de um curso que importações substituíram (recuperáveis)"),
    ("restore", "Repor uma revisão que uma importação substituiu"),
    ("org", "O nome e a chave da sua organização, e as organizações em que confia"),
    ("org set", "Definir o nome da organização (mostrado aos parceiros em cada pacote)"),
    ("org show", "Mostrar o nome da organização e a impressão digital da chave"),
    ("org trusted", "Listar as organizações de confiança"),
    ("org untrust", "Deixar de confiar numa organização (pela impressão digital ou pelo nome)"),
    ("xliff", "Trocar traduções com as ferramentas dos tradutores (XLIFF 1.2)"),
    ("xliff export", "Escrever um ficheiro XLIFF 1.2 para traduzir um curso para a língua de destino"),
    ("xliff import", "Aplicar um ficheiro XLIFF traduzido ao curso de onde veio; um texto mudado aqui desde a exportação fica e é indicado como conflito"),
    ("quiz", "O questionário de uma lição: mostrar, acrescentar, editar ou retirar perguntas (ficheiros JSON)"),
    ("quiz show", "O questionário da lição (perguntas numeradas a partir de 1)"),
    ("quiz add", "Acrescentar uma pergunta de um ficheiro JSON (cria o questionário se a lição não tiver)"),
    ("quiz edit", "Substituir a pergunta indicada (número ou id) pela de um ficheiro JSON"),
    ("quiz rm", "Retirar a pergunta indicada (número ou id); retirar a última apaga o questionário"),
    // results (issue 17)
    ("results", "Resultados dos participantes vindos do leitor: importar, resumo, exportar, juntar, apagar"),
    ("results import", "Importar ficheiros de resultados guardados pelo leitor (.juntos-results); importar de novo o mesmo ficheiro não muda nada"),
    ("results show", "Um resumo legível dos resultados de um curso"),
    ("results export", "Uma linha por participante e lição: CSV (UTF-8 com BOM) para um ficheiro, ou JSON com --json"),
    ("results learners", "Os participantes do curso, com os ids para os juntar ou apagar"),
    ("results merge", "Contar o participante OTHER como o participante KEEP daqui em diante (a mesma pessoa em dois aparelhos)"),
    ("results delete-learner", "Apagar de vez os resultados de um participante (um ficheiro posterior não os traz de volta)"),
    // stick (issue 18)
    ("stick", "Uma pen USB de cursos com catálogo: escrever, verificar, listar, importar"),
    ("stick write", "Escrever cursos numa pen USB como catálogo (atualiza no lugar uma pen já escrita)"),
    ("stick verify", "Verificar cada ficheiro de uma pen contra o seu índice assinado"),
    ("stick list", "Listar os cursos de uma pen em relação à biblioteca (novo, mais recente, igual, edições locais)"),
    ("stick import", "Importar cursos de uma pen (todos, se não indicar nenhum), como a importação de um pacote"),
    ("bin", "Cursos apagados: listá-los, recuperar um, ou esvaziar o lixo"),
    ("bin restore", "Recuperar um curso apagado (o slug ou o id, como `juntos bin` os mostra)"),
    ("bin empty", "Apagar de vez os cursos do lixo"),
    ("help", "Mostrar esta mensagem ou a ajuda dos subcomandos indicados"),
];

/// `(argument id, Portuguese help)` for arguments every command has, and
/// for `course`, which means the same wherever it is.
const ARG_PT: &[(&str, &str)] = &[
    (
        "library",
        "Pasta da biblioteca (por omissão: $JUNTOS_LIBRARY, senão a pasta de dados do sistema)",
    ),
    ("json", "Escrever JSON para programas em vez de texto"),
    ("help", "Mostrar esta ajuda"),
    ("version", "Mostrar a versão"),
    ("course", "Curso: slug, id ou início do id (4+ caracteres)"),
];

const LESSON: &str = "Lição: posição (2.1), id ou título";
const MODULE: &str = "Módulo: número, id ou título";
const QUESTION: &str = "Pergunta: o seu número (a partir de 1) ou id";
const PACKAGE: &str = "O ficheiro do pacote (.juntos)";
const ORGANISATION: &str = "A organização que faz o curso";
const NEW_ORGANISATION: &str =
    "A organização que faz o curso (por omissão: a da biblioteca, de `org set`)";
const TITLE_LANG: &str = "A língua do título (por omissão: a língua de origem do curso)";
const FIELD: &str = "Que texto: title (título), summary (resumo), body (corpo) ou notes (notas)";

/// `(command path, argument id, Portuguese help)` for every other argument;
/// an entry here wins over [`ARG_PT`].
const ARG_PT_CMD: &[(&str, &str, &str)] = &[
    ("new course", "title", "O título do curso"),
    ("new course", "lang", "A língua do título (a língua de origem do curso)"),
    ("new course", "slug", "Slug (por omissão: feito a partir do título)"),
    ("new course", "organisation", NEW_ORGANISATION),
    ("new module", "title", "O título do módulo"),
    ("new module", "lang", TITLE_LANG),
    ("new module", "position", "Posição, a partir de 1 (por omissão: no fim)"),
    ("new lesson", "module", MODULE),
    ("new lesson", "title", "O título da lição"),
    ("new lesson", "lang", TITLE_LANG),
    ("new lesson", "position", "Posição no módulo, a partir de 1 (por omissão: no fim)"),
    (
        "edit",
        "lesson",
        "Lição (posição como 2.1, id ou título); omita-a para editar o próprio curso",
    ),
    ("edit", "module", "Editar antes o título de um módulo (número, id ou título)"),
    ("edit", "field", FIELD),
    ("edit", "lang", "A língua escrita"),
    ("edit", "file", "Ler o texto deste ficheiro (por omissão: a entrada padrão)"),
    ("review", "lesson", "Lição (posição como 2.1, id ou título); omita-a para o próprio curso"),
    ("review", "field", FIELD),
    ("set", "slug", "Novo slug (o nome curto nos comandos e nos nomes de ficheiros)"),
    ("set", "source_lang", "A língua em que o curso é escrito primeiro"),
    ("set", "organisation", ORGANISATION),
    ("set", "licence", "A licença do curso, p. ex. CC-BY-4.0"),
    ("set", "topics", "Temas separados por vírgulas, na língua de origem do curso"),
    ("set", "topics_translation", "As traduções dos temas, separadas por vírgulas, pela mesma ordem"),
    ("translation-status", "lesson", "Só esta lição"),
    ("translation-status", "module", "Só este módulo"),
    ("search", "query", "As palavras a procurar"),
    ("search", "limit", "Mostrar no máximo este número de resultados"),
    ("mv module", "module", MODULE),
    ("mv module", "to", "Nova posição, a partir de 1"),
    ("mv lesson", "lesson", LESSON),
    ("mv lesson", "to", "Nova posição no seu módulo, a partir de 1"),
    ("mv lesson", "into", "Mover para outro módulo (número, id ou título)"),
    ("rm module", "module", MODULE),
    ("rm lesson", "lesson", LESSON),
    ("attach", "file", "O ficheiro de vídeo, imagem ou áudio"),
    ("attach", "name", "O nome que as lições usam (por omissão: feito a partir do nome do ficheiro)"),
    ("detach", "name", "O nome do ficheiro de media no curso"),
    ("media rename", "old", "O nome atual"),
    ("media rename", "new", "O nome novo"),
    ("media captions", "name", "O vídeo (o seu nome de media)"),
    ("media captions", "file", "O ficheiro de legendas (SRT é convertido para WebVTT)"),
    ("media captions", "lang", "A língua das legendas"),
    ("media captions", "remove", "Retirar antes as legendas dessa língua"),
    ("media prepare", "name", "O vídeo (o seu nome de media); ou --all"),
    ("media prepare", "all", "Todos os vídeos do curso, um a seguir ao outro"),
    (
        "media prepare",
        "profile",
        "Tamanho e qualidade: phone (telemóvel, 360p), standard (padrão, 480p) ou high (alta, 720p)",
    ),
    (
        "media prepare",
        "trim",
        "Guardar só INÍCIO-FIM, p. ex. 0:05-12:30 (recodificado, exato à imagem)",
    ),
    (
        "media prepare",
        "poster",
        "Imagem de capa neste tempo do original, p. ex. 1:00 (por omissão: a 10 %)",
    ),
    (
        "media prepare",
        "budget",
        "Com --all: manter os vídeos juntos abaixo deste tamanho, p. ex. 700MB",
    ),
    (
        "media prepare",
        "quick",
        "Só mover o índice para o início quando é tudo o que o vídeo precisa (segundos, não minutos)",
    ),
    (
        "media prepare",
        "original",
        "Mostrar de novo o original (o ficheiro preparado fica até `juntos gc`)",
    ),
    // sign-language interpreters (issue 16)
    ("media sign", "video", "O vídeo que os formandos veem (o seu nome de media)"),
    ("media sign", "interpreter", "O intérprete: um ficheiro de vídeo a anexar, ou o nome de media de um vídeo do curso"),
    ("media sign", "offset", "Segundos: onde está o intérprete quando o vídeo começa (negativo: começa depois)"),
    ("media sign", "lang", "Só para esta língua (por omissão: as duas)"),
    ("media sign", "name", "Nome do ficheiro do intérprete anexado (por omissão: feito a partir do nome do ficheiro)"),
    ("media unsign", "video", "O vídeo (o seu nome de media)"),
    ("media unsign", "lang", "Só o intérprete desta língua (por omissão: todos)"),
    ("media sign-required", "off", "O curso deixa de precisar de interpretação"),
    ("render", "lesson", LESSON),
    ("render", "lang", "A língua a mostrar"),
    ("export", "to", "Pasta ou ficheiro a escrever (por omissão: a pasta atual)"),
    ("export", "lang", "As línguas a incluir: pt, en ou both (as duas)"),
    ("export", "force", "Substituir um pacote com o mesmo nome"),
    (
        "export",
        "unpacked",
        "Escrever o pacote como uma pasta DIR (abrir DIR/index.html), não um zip",
    ),
    (
        "export",
        "format",
        "juntos (por omissão), scorm12 (LMS como o Moodle) ou html5 (Kolibri)",
    ),
    (
        "export",
        "allow_missing_media",
        "Exportar mesmo que as lições se refiram a media que o curso não tem",
    ),
    (
        "export",
        "failed_status",
        "SCORM: o que um questionário tentado e não aprovado comunica ao LMS",
    ),
    ("verify", "file", PACKAGE),
    ("import", "file", PACKAGE),
    (
        "import",
        "trust",
        "Confiar na organização que o assinou (confirme primeiro a impressão digital com ela)",
    ),
    ("import", "as_copy", "Importar sempre como uma cópia separada"),
    (
        "import",
        "trust_different_organisation",
        "Aceitar uma organização nova cujo nome se parece com o de uma em que confia, como \
         organização DIFERENTE: indique a sua impressão digital, depois de verificar as duas",
    ),
    ("restore", "revision", "O número da revisão, como `juntos revisions` o mostra"),
    ("org set", "name", "O nome da organização"),
    ("org untrust", "who", "A impressão digital ou o nome da organização"),
    ("xliff export", "target", "A língua para a qual traduzir"),
    (
        "xliff export",
        "to",
        "Ficheiro a escrever (por omissão: SLUG.DESTINO.xlf na pasta atual)",
    ),
    ("xliff import", "file", "O ficheiro XLIFF traduzido"),
    (
        "xliff import",
        "take_theirs",
        "Ficar com o texto do tradutor nesta unidade em conflito (pode repetir-se)",
    ),
    ("xliff import", "take_all_theirs", "Ficar com o texto do tradutor em todas as unidades em conflito"),
    ("quiz show", "lesson", LESSON),
    ("quiz add", "lesson", LESSON),
    ("quiz add", "file", "O ficheiro JSON da pergunta"),
    (
        "quiz add",
        "pass_mark",
        "Percentagem precisa para passar (por omissão 70 num questionário novo)",
    ),
    ("quiz edit", "lesson", LESSON),
    ("quiz edit", "question", QUESTION),
    ("quiz edit", "file", "O ficheiro JSON da pergunta"),
    ("quiz rm", "lesson", LESSON),
    ("quiz rm", "question", QUESTION),
    // results (issue 17)
    ("results import", "files", "Os ficheiros de resultados"),
    ("results show", "group", "Só os participantes deste grupo"),
    ("results show", "from", "Só a atividade a partir deste dia (AAAA-MM-DD)"),
    ("results show", "to", "Só a atividade até este dia (AAAA-MM-DD)"),
    ("results export", "csv", "Escrever o CSV neste ficheiro (por omissão: CSV na saída padrão)"),
    ("results export", "group", "Só os participantes deste grupo"),
    ("results export", "from", "Só a atividade a partir deste dia (AAAA-MM-DD)"),
    ("results export", "to", "Só a atividade até este dia (AAAA-MM-DD)"),
    ("results merge", "keep", "O participante a manter: id ou o seu início (4+ caracteres)"),
    ("results merge", "other", "O participante juntado a ele: id ou o seu início (4+ caracteres)"),
    ("results delete-learner", "learner", "O participante: id ou o seu início (4+ caracteres)"),
    // stick (issue 18)
    ("stick write", "to", "A pen ou pasta (é criada lá dentro uma pasta Juntos/)"),
    ("stick write", "courses", "Cursos: slug, id ou início do id"),
    ("stick write", "all", "Todos os cursos da biblioteca"),
    ("stick write", "lang", "As línguas a incluir: pt, en ou both (as duas)"),
    ("stick write", "dry_run", "Só mostrar o que seria escrito e se cabe"),
    ("stick verify", "path", "A pen ou a sua pasta Juntos/"),
    ("stick list", "path", "A pen ou a sua pasta Juntos/"),
    ("stick import", "path", "A pen ou a sua pasta Juntos/"),
    ("stick import", "courses", "Cursos: slug ou id (por omissão: todos os da pen)"),
    (
        "stick import",
        "trust",
        "Confiar na organização que a assinou (confirme antes a impressão digital com ela)",
    ),
    ("stick import", "as_copy", "Importar sempre como cópias separadas"),
    ("bin restore", "course", "O curso apagado: o seu slug ou id"),
    ("help", "subcommand", "Mostrar a ajuda dos subcomandos indicados"),
];

/// `(value, Portuguese help)` for the values that clap lists with a help
/// of their own under `--help` (`--format`, `--profile`).
const VALUE_PT: &[(&str, &str)] = &[
    ("juntos", "Um pacote .juntos assinado (importe-o, ou descomprima-o e abra index.html)"),
    ("scorm12", "Um pacote SCORM 1.2 para o Moodle e outros LMS (<slug>.scorm12.zip)"),
    ("html5", "Um zip de aplicação HTML5 para o Kolibri (<slug>.html5.zip)"),
    ("phone", "Telemóvel: 360p"),
    ("standard", "Padrão: 480p (por omissão)"),
    ("high", "Alta: 720p"),
    ("incomplete", "«incomplete» até aprovar: o formando pode tentar de novo (por omissão)"),
    ("failed", "«failed», para um LMS ou relatório que o exija"),
];

const TEMPLATE_PT: &str = "\
{before-help}{about-with-newline}
Uso: {usage}

{all-args}{after-help}";

/// The key of the command at `path` in [`ABOUT_PT`]: clap's `help`
/// subcommand is in every group, one entry for all of them; the commands it
/// repeats beneath it ("help init", "rm help module") are the ones they name.
fn about_key(path: &str) -> String {
    let words: Vec<&str> = path.split(' ').collect();
    if words.last() == Some(&"help") {
        return "help".to_string();
    }
    words.into_iter().filter(|w| *w != "help").collect::<Vec<_>>().join(" ")
}

/// The Portuguese help of argument `id` of the command at `path`.
fn arg_pt(path: &str, id: &str) -> Option<&'static str> {
    let key = if path == "help" || path.ends_with(" help") { "help" } else { path };
    ARG_PT_CMD
        .iter()
        .find(|(p, i, _)| *p == key && *i == id)
        .map(|(_, _, pt)| *pt)
        .or_else(|| ARG_PT.iter().find(|(i, _)| *i == id).map(|(_, pt)| *pt))
}

/// The command line with its help in `lang`.
pub fn localised(mut command: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return command;
    }
    // Built first, so that clap's own help flag and help subcommand exist to be translated.
    command.build();
    translate(command, "")
}

/// `arg` with its Portuguese help, and clap's `[default: …]` and
/// `[possible values: …]` written by us in Portuguese (clap's are hidden).
fn translate_arg(arg: Arg, path: &str) -> Arg {
    let heading = if arg.is_positional() { "Argumentos" } else { "Opções" };
    let mut arg = arg.help_heading(heading);
    let id = arg.get_id().as_str().to_string();
    if id == "help" && arg.get_long_help().is_some() {
        // clap's help flag where a long help exists says "see more with '--help'".
        return arg
            .help("Mostrar a ajuda (mais com '--help')")
            .long_help("Mostrar a ajuda (resumo com '-h')");
    }
    let Some(pt) = arg_pt(path, &id) else { return arg };
    let takes_value = arg.get_action().takes_values();
    // " [valores possíveis: …]" on the short help; under `--help`, when
    // the values have a help of their own, a list of them instead.
    let mut brief_values = String::new();
    let mut value_list = None;
    let values: Vec<_> =
        arg.get_possible_values().into_iter().filter(|v| !v.is_hide_set()).collect();
    if takes_value && !arg.is_hide_possible_values_set() && !values.is_empty() {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        brief_values = format!(" [valores possíveis: {}]", names.join(", "));
        if values.iter().any(|v| v.get_help().is_some()) {
            let mut list = String::from("\n\nValores possíveis:");
            for name in names {
                match VALUE_PT.iter().find(|(n, _)| *n == name) {
                    Some((_, h)) => list.push_str(&format!("\n- {name}: {h}")),
                    None => list.push_str(&format!("\n- {name}")),
                }
            }
            value_list = Some(list);
        }
        arg = arg.hide_possible_values(true);
    }
    let mut default = String::new();
    if takes_value && !arg.is_hide_default_value_set() && !arg.get_default_values().is_empty() {
        let defaults: Vec<String> =
            arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        default = format!(" [por omissão: {}]", defaults.join(", "));
        arg = arg.hide_default_value(true);
    }
    let arg = arg.help(format!("{pt}{brief_values}{default}"));
    match value_list {
        Some(list) => arg.long_help(format!("{pt}{default}{list}")),
        None => arg,
    }
}

fn translate(command: Command, path: &str) -> Command {
    let mut command = command
        .help_template(TEMPLATE_PT)
        .subcommand_help_heading("Comandos")
        .subcommand_value_name("COMANDO")
        .mut_args(|arg| translate_arg(arg, path));
    let key = about_key(path);
    if let Some((_, pt)) = ABOUT_PT.iter().find(|(p, _)| *p == key) {
        command = command.about(*pt);
    }
    // clap's usage line, rendered once and written back in Portuguese: it is
    // also the one parse errors show.
    let usage = command.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    let usage = usage.replace("[OPTIONS]", "[OPÇÕES]").replace("\n       ", "\n     ");
    command = command.override_usage(usage);
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let sub_path = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        command = command.mut_subcommand(&name, |sub| translate(sub, &sub_path));
    }
    command
}

/// Ends the program on a parse error: clap's own words in English, ours in
/// Portuguese (on stderr, exit 2, as clap does). `--help` and `--version`
/// (and the help clap shows when a subcommand is missing) are clap's exits
/// either way: the help is already translated.
pub fn exit_on(e: clap::Error, lang: Lang) -> ! {
    let clap_exits = matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            | ErrorKind::DisplayVersion
            | ErrorKind::Io
            | ErrorKind::Format
    );
    if lang == Lang::En || clap_exits {
        e.exit()
    }
    eprint!("{}", error_pt(&e));
    std::process::exit(2)
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<&str> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(s)) => s.clone(),
        _ => Vec::new(),
    }
}

/// Why a value was refused, when the reason is one we can say in Portuguese.
fn value_reason(e: &clap::Error) -> Option<&'static str> {
    use std::num::IntErrorKind;
    let source = std::error::Error::source(e)?;
    let int = source.downcast_ref::<std::num::ParseIntError>()?;
    Some(match int.kind() {
        IntErrorKind::PosOverflow => "número grande demais",
        IntErrorKind::NegOverflow => "número pequeno demais",
        _ => "não é um número inteiro",
    })
}

/// clap's parse error `e` said in Portuguese.
fn error_pt(e: &clap::Error) -> String {
    let arg = string(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(e, ContextKind::InvalidValue).unwrap_or_default();
    let list = |items: &[String]| items.iter().map(|i| format!("\n  {i}")).collect::<String>();
    let values = |kind: ContextKind, name: &str| {
        let items = strings(e, kind);
        if items.is_empty() {
            String::new()
        } else {
            format!("\n  [{name}: {}]", items.join(", "))
        }
    };
    let mut text = match e.kind() {
        ErrorKind::UnknownArgument => format!("argumento inesperado '{arg}'"),
        ErrorKind::InvalidSubcommand => format!(
            "subcomando desconhecido '{}'",
            string(e, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => format!(
            "faltam estes argumentos obrigatórios:{}",
            list(&strings(e, ContextKind::InvalidArg))
        ),
        ErrorKind::MissingSubcommand => format!(
            "'{}' precisa de um subcomando, e nenhum foi indicado{}",
            string(e, ContextKind::InvalidSubcommand).unwrap_or_default(),
            values(ContextKind::ValidSubcommand, "subcomandos")
        ),
        ErrorKind::InvalidValue if value.is_empty() => {
            format!(
                "'{arg}' precisa de um valor, e nenhum foi indicado{}",
                values(ContextKind::ValidValue, "valores possíveis")
            )
        }
        ErrorKind::InvalidValue => format!(
            "valor inválido '{value}' para '{arg}'{}",
            values(ContextKind::ValidValue, "valores possíveis")
        ),
        ErrorKind::ValueValidation => match value_reason(e) {
            Some(reason) => format!("valor inválido '{value}' para '{arg}': {reason}"),
            None => format!("valor inválido '{value}' para '{arg}'"),
        },
        ErrorKind::TooManyValues => {
            format!("valor a mais '{value}' para '{arg}'; não se esperava mais nenhum")
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("número errado de valores para '{arg}'")
        }
        ErrorKind::NoEquals => format!("'{arg}' precisa de um sinal de igual antes do valor"),
        ErrorKind::InvalidUtf8 => "há texto que não é UTF-8 válido nos argumentos".to_string(),
        ErrorKind::ArgumentConflict => {
            let prior = strings(e, ContextKind::PriorArg);
            let subject = match string(e, ContextKind::InvalidSubcommand) {
                Some(sub) if arg.is_empty() => format!("o subcomando '{sub}'"),
                _ => format!("o argumento '{arg}'"),
            };
            match prior.as_slice() {
                [one] if one == arg => format!("{subject} não pode ser usado mais de uma vez"),
                [] => format!("{subject} não pode ser usado com os outros argumentos indicados"),
                [one] => format!("{subject} não pode ser usado com '{one}'"),
                many => format!("{subject} não pode ser usado com:{}", list(many)),
            }
        }
        _ => "os argumentos não são válidos".to_string(),
    };
    let mut tips = Vec::new();
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, "um subcomando parecido"),
        (ContextKind::SuggestedArg, "um argumento parecido"),
        (ContextKind::SuggestedValue, "um valor parecido"),
    ] {
        let found = strings(e, kind);
        if !found.is_empty() {
            let quoted: Vec<String> = found.iter().map(|f| format!("'{f}'")).collect();
            tips.push(format!("dica: existe {what}: {}", quoted.join(", ")));
        }
    }
    // clap's other tip for an unknown argument: passing it as a value.
    if e.kind() == ErrorKind::UnknownArgument
        && arg.starts_with('-')
        && matches!(e.get(ContextKind::Suggested), Some(ContextValue::StyledStrs(s)) if !s.is_empty())
    {
        tips.push(format!("dica: para passar '{arg}' como valor, use '-- {arg}'"));
    }
    if !tips.is_empty() {
        text.push('\n');
        for tip in tips {
            text.push_str(&format!("\n  {tip}"));
        }
    }
    let mut out = format!("erro: {text}\n");
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        out.push_str(&format!("\nUso: {usage}\n"));
    }
    out.push_str("\nPara mais informação, use '--help'.\n");
    out
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Every command has its Portuguese about: a new command without one fails here.
    #[test]
    fn every_command_has_a_portuguese_about() {
        fn walk(command: &Command, path: &str, missing: &mut Vec<String>) {
            if !ABOUT_PT.iter().any(|(p, _)| *p == path) {
                missing.push(path.to_string());
            }
            for sub in command.get_subcommands() {
                let name = sub.get_name();
                let sub_path =
                    if path.is_empty() { name.to_string() } else { format!("{path} {name}") };
                walk(sub, &sub_path, missing);
            }
        }
        let mut command = crate::cli::Cli::command();
        command.build();
        let mut missing = Vec::new();
        walk(&command, "", &mut missing);
        // clap's `help` subcommand (and the command names it repeats beneath
        // it) is translated by its own entry.
        missing.retain(|p| !p.split(' ').any(|word| word == "help"));
        assert!(missing.is_empty(), "commands without a Portuguese about: {missing:?}");
    }

    /// Every argument of every command has its help in both languages: a
    /// new option without a Portuguese entry fails here.
    #[test]
    fn every_argument_has_a_help_in_both_languages() {
        fn walk(command: &Command, path: &str, missing: &mut Vec<String>) {
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if arg_pt(path, id).is_none() {
                    missing.push(format!("{path}: {id} (pt)"));
                }
                if arg.get_help().is_none() {
                    missing.push(format!("{path}: {id} (en)"));
                }
            }
            for sub in command.get_subcommands() {
                let name = sub.get_name();
                let sub_path =
                    if path.is_empty() { name.to_string() } else { format!("{path} {name}") };
                walk(sub, &sub_path, missing);
            }
        }
        let mut command = crate::cli::Cli::command();
        command.build();
        let mut missing = Vec::new();
        walk(&command, "", &mut missing);
        assert!(missing.is_empty(), "arguments without a help: {missing:?}");
        // And the Portuguese command line has no English help left.
        let mut pt = localised(crate::cli::Cli::command(), Lang::Pt);
        for path in [&["export"][..], &["media", "prepare"], &["search"]] {
            let mut sub = &mut pt;
            for name in path {
                sub = sub.find_subcommand_mut(name).unwrap();
            }
            let help = sub.render_long_help().to_string();
            for english in ["[default:", "[possible values:", "[OPTIONS]", "Print help", "Usage:"] {
                assert!(!help.contains(english), "{path:?}: {english}\n{help}");
            }
        }
    }
}
