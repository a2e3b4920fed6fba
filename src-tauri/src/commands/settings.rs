//! Settings and the window: organisation, interface language, closing.

use juntos::model::Lang;
use juntos::org::{OrgIdentity, TrustedOrg};
use juntos::ErrorReport;
use tauri::{Runtime, State, WebviewWindow};

use crate::{CloseGuard, LibraryState};

#[tauri::command(async)]
pub fn org_identity(state: State<'_, LibraryState>) -> Result<OrgIdentity, ErrorReport> {
    state.with(|library| library.org_identity())
}

#[tauri::command(async)]
pub fn set_org_name(
    state: State<'_, LibraryState>,
    name: String,
) -> Result<OrgIdentity, ErrorReport> {
    state.with(|library| library.set_org_name(&name))
}

#[tauri::command(async)]
pub fn trusted_organisations(
    state: State<'_, LibraryState>,
) -> Result<Vec<TrustedOrg>, ErrorReport> {
    state.with(|library| library.trusted_organisations())
}

/// Stops accepting packages signed with this key (its full fingerprint, as
/// Settings lists it); returns the organisation that was trusted.
#[tauri::command(async)]
pub fn untrust_organisation(
    state: State<'_, LibraryState>,
    fingerprint: String,
) -> Result<TrustedOrg, ErrorReport> {
    state.with(|library| library.untrust_organisation(&fingerprint))
}

/// The shell's own native dialogs follow the interface language.
#[tauri::command]
pub fn set_ui_language(state: State<'_, LibraryState>, lang: Lang) {
    state.set_ui_lang(lang);
}

/// Closes the window once the UI has saved everything (see `lib.rs`, close requests).
#[tauri::command]
pub fn close_window<R: Runtime>(
    window: WebviewWindow<R>,
    guard: State<'_, CloseGuard>,
) -> Result<(), ErrorReport> {
    guard.confirm();
    window.destroy().map_err(|e| ErrorReport::from(&juntos::Error::Internal(e.to_string())))
}
