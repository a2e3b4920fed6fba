//! `--help` in the person's language. clap's texts (the doc comments on the
//! commands, and its own "Usage", "Options", "Print help") are English; for
//! Portuguese the built command is walked once and each about, heading and
//! built-in help line is replaced from the table below. A command missing
//! from the table keeps its English text rather than showing nothing.

use clap::Command;
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
    ("bin", "Cursos apagados: listá-los, recuperar um, ou esvaziar o lixo"),
    ("bin restore", "Recuperar um curso apagado (o slug ou o id, como `juntos bin` os mostra)"),
    ("bin empty", "Apagar de vez os cursos do lixo"),
    ("help", "Mostrar esta mensagem ou a ajuda dos subcomandos indicados"),
];

/// `(argument id, Portuguese help)` for arguments every command has.
const ARG_PT: &[(&str, &str)] = &[
    (
        "library",
        "Pasta da biblioteca (por omissão: $JUNTOS_LIBRARY, senão a pasta de dados do sistema)",
    ),
    ("json", "Escrever JSON para programas em vez de texto"),
    ("help", "Mostrar esta ajuda"),
    ("version", "Mostrar a versão"),
];

const TEMPLATE_PT: &str = "\
{before-help}{about-with-newline}
Uso: {usage}

{all-args}{after-help}";

/// The command line with its help in `lang`.
pub fn localised(mut command: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return command;
    }
    // Built first, so that clap's own help flag and help subcommand exist to be translated.
    command.build();
    translate(command, "")
}

fn translate(command: Command, path: &str) -> Command {
    let mut command = command
        .help_template(TEMPLATE_PT)
        .subcommand_help_heading("Comandos")
        .subcommand_value_name("COMANDO")
        .mut_args(|arg| {
            let heading = if arg.is_positional() { "Argumentos" } else { "Opções" };
            let arg = arg.help_heading(heading);
            match ARG_PT.iter().find(|(id, _)| arg.get_id() == *id) {
                Some((_, pt)) => arg.help(*pt),
                None => arg,
            }
        });
    // clap's `help` subcommand is in every group: one entry for all of them.
    let key = if path == "help" || path.ends_with(" help") { "help" } else { path };
    if let Some((_, pt)) = ABOUT_PT.iter().find(|(p, _)| *p == key) {
        command = command.about(*pt);
    }
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let sub_path = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        command = command.mut_subcommand(&name, |sub| translate(sub, &sub_path));
    }
    command
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
}
