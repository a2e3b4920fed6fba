//! The USB stick (issue #18): one `Juntos/` folder of courses with a shared
//! player and media pool, written, rewritten in place, verified, listed and
//! imported, on real libraries and real files; bad input; SIGKILL during
//! rewrites; a FAT32 image.

mod bad_input;
mod crash;
mod fat32;
mod import;
mod support;
mod write;
