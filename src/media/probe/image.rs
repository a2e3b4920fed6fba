//! Image dimensions from headers (PNG, JPEG, GIF, WebP), via `imagesize`.

use std::io::{BufReader, Read, Seek};

use super::reader::Source;
use super::sniff::ImageFormat;
use super::Probe;
use crate::error::Result;
use crate::media::model::MediaKind;

pub fn probe<R: Read + Seek>(src: &mut Source<R>, format: ImageFormat) -> Result<Probe> {
    // Only the header is read (for a JPEG, the marker chain up to the frame header).
    src.seek(0)?;
    let size = imagesize::reader_size(BufReader::new(src.inner())).map_err(|_| {
        src.corrupt("o cabeçalho da imagem está danificado", "the image header is damaged")
    })?;
    let (name, mime) = match format {
        ImageFormat::Png => ("png", "image/png"),
        ImageFormat::Jpeg => ("jpeg", "image/jpeg"),
        ImageFormat::Gif => ("gif", "image/gif"),
        ImageFormat::WebP => ("webp", "image/webp"),
    };
    if size.width == 0 || size.height == 0 {
        return Err(src.corrupt("a imagem tem tamanho zero", "the image has zero size"));
    }
    let mut probe = Probe::new(MediaKind::Image, name, mime);
    probe.width = Some(size.width as u32);
    probe.height = Some(size.height as u32);
    Ok(probe)
}
