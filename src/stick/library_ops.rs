//! The stick's operations on a [`Library`]: what the CLI and the app call.

use std::ops::ControlFlow;

use super::{
    preflight, stick_root, verify, write, BytesByChoice, StickOptions, StickPreflight,
    StickVerifyReport, StickWriteReport,
};
use crate::error::Result;
use crate::package::progress::Progress;
use crate::package::Languages;
use crate::Library;

impl Library {
    fn stick_course_ids(&self, options: &StickOptions) -> Result<Vec<String>> {
        options.courses.iter().map(|q| self.resolve_course(q)).collect()
    }

    /// What writing `options` would do, and whether it fits, before anything
    /// is written; with the set's size for each language choice.
    pub fn stick_preflight(&mut self, options: &StickOptions) -> Result<StickPreflight> {
        let ids = self.stick_course_ids(options)?;
        let root = stick_root(&options.to);
        let (mut plan, _) = self.plan_stick(&ids, options.languages)?;
        plan.keep_stick_catalogue(&root);
        let (mut report, _) = preflight::preflight(&root, &plan)?;
        let mut by = BytesByChoice::default();
        for choice in [Languages::Pt, Languages::En, Languages::Both] {
            let bytes = if choice == options.languages {
                plan.total_bytes()
            } else {
                self.plan_stick(&ids, choice)?.0.total_bytes()
            };
            match choice {
                Languages::Pt => by.pt = bytes,
                Languages::En => by.en = bytes,
                Languages::Both => by.both = bytes,
            }
        }
        report.bytes_by_choice = by;
        Ok(report)
    }

    /// Writes (or updates in place) the stick `options.to`; see
    /// `docs/stick-format.md`. A refusal writes nothing; a failure or a
    /// cancel midway leaves the stick opening its old set.
    pub fn write_stick(
        &mut self,
        options: &StickOptions,
        mut progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<StickWriteReport> {
        let ids = self.stick_course_ids(options)?;
        let root = stick_root(&options.to);
        let (mut plan, key) = self.plan_stick(&ids, options.languages)?;
        plan.keep_stick_catalogue(&root);
        write::write(&root, &plan, &key, &mut progress)
    }

    /// Checks every file of a stick (no library needed; here for symmetry).
    pub fn verify_stick(
        &self,
        path: &std::path::Path,
        mut progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<StickVerifyReport> {
        verify::verify_stick(path, &mut progress)
    }
}
