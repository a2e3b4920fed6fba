//! `juntos org`: the organisation's name and key, and the organisations
//! this library trusts.

use clap::Subcommand;
use juntos::org::grouped;
use juntos::{Library, Result};

use crate::cli::output::Out;

#[derive(Subcommand)]
pub enum OrgCommand {
    /// Set the organisation's name (shown to partners in every package).
    Set {
        /// The organisation's name.
        #[arg(long)]
        name: String,
    },
    /// Show the organisation's name and key fingerprint.
    Show,
    /// List trusted organisations.
    Trusted,
    /// Stop trusting an organisation (by fingerprint or name).
    Untrust {
        /// The organisation's fingerprint or name.
        who: String,
    },
}

pub fn run(lib: &mut Library, out: &Out, command: OrgCommand) -> Result<()> {
    match command {
        OrgCommand::Set { name } => {
            let identity = lib.set_org_name(&name)?;
            out.emit(&identity, || {
                println!("{} {}", out.t("Organização:", "Organisation:"), identity.name)
            });
        }
        OrgCommand::Show => {
            let identity = lib.org_identity()?;
            out.emit(&identity, || {
                let name = if identity.name.is_empty() {
                    out.t(
                        "(sem nome: use `juntos org set --name`)",
                        "(no name: use `juntos org set --name`)",
                    )
                } else {
                    &identity.name
                };
                println!("{}: {name}", out.t("Organização", "Organisation"));
                println!(
                    "{}: {}",
                    out.t("Impressão digital", "Fingerprint"),
                    grouped(&identity.fingerprint)
                );
            });
        }
        OrgCommand::Trusted => {
            let trusted = lib.trusted_organisations()?;
            out.emit(&trusted, || {
                if trusted.is_empty() {
                    println!(
                        "{}",
                        out.t(
                            "Ainda não confia em nenhuma organização.",
                            "You trust no organisation yet."
                        )
                    );
                }
                for t in &trusted {
                    println!("{}\n  {}  ({})", t.name, grouped(&t.fingerprint), t.trusted_at);
                }
            });
        }
        OrgCommand::Untrust { who } => {
            let removed = lib.untrust_organisation(&who)?;
            out.emit(&removed, || {
                println!("{} {}", out.t("Deixou de confiar em", "No longer trusted:"), removed.name)
            });
        }
    }
    Ok(())
}
