//! The Portuguese and English messages of the media errors (their codes are
//! in `error.rs` with all the others). Each names the file, says what is
//! wrong and what to do about it.

use crate::error::Error;
use crate::media::MediaKind;

const CONVERT_VIDEO_PT: &str = "Converta-o para MP4 (H.264/AAC), por exemplo com o HandBrake ou com `ffmpeg -i ENTRADA -c:v libx264 -c:a aac -movflags +faststart SAIDA.mp4`";
const CONVERT_VIDEO_EN: &str = "Convert it to MP4 (H.264/AAC), e.g. with HandBrake or `ffmpeg -i IN -c:v libx264 -c:a aac -movflags +faststart OUT.mp4`";

fn convert(kind: MediaKind) -> (&'static str, &'static str) {
    match kind {
        MediaKind::Video => (CONVERT_VIDEO_PT, CONVERT_VIDEO_EN),
        MediaKind::Image => ("Guarde-a como JPEG ou PNG", "Save it as JPEG or PNG"),
        MediaKind::Audio => ("Converta-o para MP3 ou M4A (AAC)", "Convert it to MP3 or M4A (AAC)"),
    }
}

pub(crate) fn error_messages(e: &Error) -> (String, String) {
    match e {
        Error::MediaNotFound { path } => (
            format!("O ficheiro {} não existe. Verifique o caminho.", path.display()),
            format!("The file {} does not exist. Check the path.", path.display()),
        ),
        Error::MediaIsDirectory { path } => (
            format!("{} é uma pasta, não um ficheiro. Indique o ficheiro de vídeo, imagem ou áudio dentro dela.", path.display()),
            format!("{} is a folder, not a file. Give the video, image or audio file inside it.", path.display()),
        ),
        Error::MediaUnreadable { path, source } => (
            format!("Não foi possível abrir {} ({source}). Verifique as permissões do ficheiro ou copie-o primeiro para o computador.", path.display()),
            format!("Could not open {} ({source}). Check the file's permissions or copy it to this computer first.", path.display()),
        ),
        Error::MediaEmptyFile { path } => (
            format!("O ficheiro {} está vazio (0 bytes). Copie-o de novo do telemóvel ou da câmara.", path.display()),
            format!("The file {} is empty (0 bytes). Copy it again from the phone or camera.", path.display()),
        ),
        Error::MediaReadFailed { path, source } => (
            format!("A leitura de {} falhou a meio ({source}). Nada foi guardado. Verifique a pen USB ou o cartão, copie o ficheiro para o computador e tente de novo.", path.display()),
            format!("Reading {} failed part-way ({source}). Nothing was saved. Check the USB stick or card, copy the file to this computer and try again.", path.display()),
        ),
        Error::MediaUnsupportedFormat { path, format, kind } => {
            let (pt, en) = convert(*kind);
            (
                format!("{} está no formato {format}, que os navegadores não conseguem mostrar. {pt}.", path.display()),
                format!("{} is in {format} format, which browsers cannot play. {en}.", path.display()),
            )
        }
        Error::MediaUnknownFormat { path, extension } => {
            let (claim_pt, claim_en) = match extension {
                Some(ext) => (
                    format!("tem a extensão .{ext} mas o conteúdo não é desse formato (pode estar danificado ou ter o nome errado)"),
                    format!("has the extension .{ext} but its content is not in that format (it may be damaged or misnamed)"),
                ),
                None => ("não é um vídeo, imagem ou áudio conhecido".into(), "is not a known video, image or audio file".into()),
            };
            (
                format!("{} {claim_pt}. Aceitamos MP4, MOV, WebM, PNG, JPEG, GIF, WebP, MP3, M4A e OGG. {CONVERT_VIDEO_PT}.", path.display()),
                format!("{} {claim_en}. We accept MP4, MOV, WebM, PNG, JPEG, GIF, WebP, MP3, M4A and OGG. {CONVERT_VIDEO_EN}.", path.display()),
            )
        }
        Error::MediaSvgRefused { path } => (
            format!("{} é uma imagem SVG, que pode conter programas (scripts) e por isso não é aceite. Exporte-a como PNG.", path.display()),
            format!("{} is an SVG image, which can carry scripts and so is not accepted. Export it as PNG.", path.display()),
        ),
        Error::MediaTruncated { path, reason } => (
            format!("{} está incompleto: {}. Nada foi guardado. Copie o ficheiro de novo do telemóvel; se a gravação foi interrompida, grave de novo.", path.display(), reason.pt),
            format!("{} is incomplete: {}. Nothing was saved. Copy the file again from the phone; if the recording was interrupted, record it again.", path.display(), reason.en),
        ),
        Error::MediaCorrupt { path, reason } => (
            format!("{} está danificado: {}. Nada foi guardado. Copie-o de novo ou {}.", path.display(), reason.pt, lower_first(CONVERT_VIDEO_PT)),
            format!("{} is damaged: {}. Nothing was saved. Copy it again or {}.", path.display(), reason.en, lower_first(CONVERT_VIDEO_EN)),
        ),
        Error::MediaNameInvalid { name } => (
            format!("«{name}» não é um nome válido para um ficheiro de media: use só letras sem acentos, algarismos, «.», «-» e «_», sem espaços (por exemplo «entrevista-1.mp4»)."),
            format!("'{name}' is not a valid media name: use only letters without accents, digits, '.', '-' and '_', no spaces (e.g. 'interview-1.mp4')."),
        ),
        Error::MediaNameTaken { name } => (
            format!("Este curso já tem um ficheiro chamado «{name}». Escolha outro nome, ou mude o nome do existente."),
            format!("This course already has a file called '{name}'. Choose another name, or rename the existing one."),
        ),
        Error::MediaItemNotFound { name } => (
            format!("Este curso não tem nenhum ficheiro chamado «{name}»."),
            format!("This course has no file called '{name}'."),
        ),
        Error::MediaInUse { name, lessons } => (
            format!("«{name}» ainda é usado nas lições {}. Retire as referências `media:{name}` dessas lições e tente de novo.", lessons.join("; ")),
            format!("'{name}' is still used in lessons {}. Remove the `media:{name}` references from those lessons and try again.", lessons.join("; ")),
        ),
        Error::CaptionsNeedVideo { name } => (
            format!("«{name}» é uma imagem: só vídeos e áudios têm legendas. Indique o nome do vídeo."),
            format!("'{name}' is an image: only videos and audio have captions. Give the name of the video."),
        ),
        Error::CaptionParse { path, line, reason } => (
            format!("{}, linha {line}: {}. Corrija essa linha no editor de texto e tente de novo.", path.display(), reason.pt),
            format!("{}, line {line}: {}. Fix that line in a text editor and try again.", path.display(), reason.en),
        ),
        Error::CaptionNotUtf8 { path, line } => (
            format!("As legendas {} não estão em UTF-8 (a linha {line} tem letras noutra codificação, por exemplo Latin-1). Abra o ficheiro no editor, guarde-o como UTF-8 e tente de novo.", path.display()),
            format!("The captions {} are not UTF-8 (line {line} has letters in another encoding, e.g. Latin-1). Open the file in an editor, save it as UTF-8 and try again.", path.display()),
        ),
        Error::CaptionUnsupportedFormat { path } => (
            format!("{} não é um ficheiro de legendas SRT nem WebVTT. Exporte as legendas como .srt ou .vtt.", path.display()),
            format!("{} is not an SRT or WebVTT caption file. Export the captions as .srt or .vtt.", path.display()),
        ),
        Error::CaptionTooLarge { path, limit } => (
            format!("{} tem mais de {} MB: não parece um ficheiro de legendas. Indique o ficheiro .srt ou .vtt.", path.display(), limit / (1024 * 1024)),
            format!("{} is larger than {} MB: it does not look like a caption file. Give the .srt or .vtt file.", path.display(), limit / (1024 * 1024)),
        ),
        Error::DiskFull { path } => (
            format!("O disco onde está a biblioteca ({}) está cheio. Nada foi guardado. Liberte espaço (apagando ficheiros de que não precisa) e tente de novo.", path.display()),
            format!("The disk holding the library ({}) is full. Nothing was saved. Free some space (by deleting files you do not need) and try again.", path.display()),
        ),
        Error::Cancelled => (
            "Cancelado. Nada foi guardado.".into(),
            "Cancelled. Nothing was saved.".into(),
        ),
        Error::MediaDamaged { count } => (
            format!("{count} ficheiro(s) de media estão em falta ou danificados (ver a lista acima). Volte a anexá-los a partir do original, ou restaure a pasta media/ de uma cópia de segurança."),
            format!("{count} media file(s) are missing or damaged (see the list above). Attach them again from the original, or restore the media/ folder from a backup."),
        ),
        other => (other.to_string(), other.to_string()),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}
