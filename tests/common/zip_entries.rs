//! Every entry of a zip as the `zip` crate reads it: (name, uncompressed
//! bytes), in archive order. Shared by the test suites that look inside
//! packages and platform zips (included with `#[path]`).

use std::io::Read;
use std::path::Path;

pub fn read_entries(package: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(package).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().to_string(), bytes)
        })
        .collect()
}
