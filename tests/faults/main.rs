//! Faults of the machine and its disks, and the inputs that fuzzing found:
//! a full disk (as library and as export target), a read-only target, an
//! I/O error mid-read of a source video, a FAT32 stick, what a crash leaves
//! behind, and every seed and crash input of `fuzz/corpus` replayed. Each
//! fault gives a clear error code and loses nothing.

mod disk_full;
mod fat32;
mod fuzz_corpus;
mod imported_captions;
mod read_error;
mod read_only;
mod recovery;
mod support;
