//! `juntos media prepare`: one video, or every video of a course under a
//! size budget, made fit for learners by ffmpeg; `--original` goes back.
//! A queue shows the predicted size of each video and of the whole before
//! it starts, a bar per video (time left from ffmpeg's own progress) and
//! the real sizes after. Ctrl-C cancels the video being made; nothing half
//! made stays in the library.

use clap::{Args, ValueEnum};
use juntos::media::prepare::{
    clock, mb, parse_size, parse_time, parse_trim, PrepareOptions, PrepareReport, Profile,
};
use juntos::{Library, Result};
use serde_json::json;

use super::output::Out;
use super::progress::Bar;

#[derive(Clone, Copy, ValueEnum)]
pub enum ProfileArg {
    /// Telemóvel / Phone: 360p.
    #[value(alias = "360p", alias = "telemovel")]
    Phone,
    /// Padrão / Standard: 480p (default).
    #[value(alias = "480p", alias = "padrao")]
    Standard,
    /// Alta / High: 720p.
    #[value(alias = "720p", alias = "alta")]
    High,
}

impl From<ProfileArg> for Profile {
    fn from(p: ProfileArg) -> Profile {
        match p {
            ProfileArg::Phone => Profile::Phone,
            ProfileArg::Standard => Profile::Standard,
            ProfileArg::High => Profile::High,
        }
    }
}

#[derive(Args)]
pub struct PrepareArgs {
    /// Course: slug, id or start of the id (4+ characters).
    course: String,
    /// The video (its media name); or --all.
    #[arg(required_unless_present = "all")]
    name: Option<String>,
    /// Every video of the course, one after the other.
    #[arg(long, conflicts_with = "name")]
    all: bool,
    /// Size and quality: phone (360p), standard (480p) or high (720p).
    #[arg(long, value_enum, default_value = "standard")]
    profile: ProfileArg,
    /// Keep only START-END, e.g. 0:05-12:30 (re-encoded, exact to the frame).
    #[arg(long, conflicts_with = "all")]
    trim: Option<String>,
    /// Poster frame at this time of the original, e.g. 1:00 (default: 10 % in).
    #[arg(long, conflicts_with = "all")]
    poster: Option<String>,
    /// With --all: keep the videos together under this size, e.g. 700MB.
    #[arg(long, requires = "all")]
    budget: Option<String>,
    /// Only move the index to the front when that is all the video needs (seconds, not minutes).
    #[arg(long, conflicts_with = "all")]
    quick: bool,
    /// Show the original again instead (the prepared file stays until `juntos gc`).
    #[arg(long, conflicts_with_all = ["all", "trim", "poster", "budget", "quick"])]
    original: bool,
}

pub fn run(lib: &mut Library, out: &Out, args: PrepareArgs) -> Result<()> {
    let course_id = lib.resolve_course(&args.course)?;
    let profile = Profile::from(args.profile);
    if args.original {
        let name = args.name.unwrap_or_default();
        let item = lib.restore_original(&course_id, &name)?;
        out.emit(&json!({ "restored": item }), || {
            println!(
                "{} {} ({})",
                out.t("De volta ao original:", "Back to the original:"),
                item.name,
                mb(item.size)
            )
        });
        return Ok(());
    }
    if args.all {
        return run_all(lib, out, &course_id, profile, args.budget.as_deref());
    }
    let name = args.name.unwrap_or_default();
    let options = PrepareOptions {
        profile,
        trim: args.trim.as_deref().map(parse_trim).transpose()?,
        poster_ms: args.poster.as_deref().map(parse_time).transpose()?,
        quick: args.quick,
        video_kbps: None,
    };
    let mut bar = Bar::new(out, &format!("{} {name}", out.t("A preparar", "Preparing")));
    let report =
        lib.prepare_media(&course_id, &name, &options, |p| bar.update_time(p.done, p.total));
    bar.finish();
    let report = report?;
    out.emit(&report, || print_report(out, &report));
    Ok(())
}

fn run_all(
    lib: &mut Library,
    out: &Out,
    course_id: &str,
    profile: Profile,
    budget: Option<&str>,
) -> Result<()> {
    let budget = budget.map(parse_size).transpose()?;
    let plan = lib.plan_prepare_all(course_id, profile, budget)?;
    if !out.json {
        let (pt, en) = profile.label();
        println!(
            "{} {} {}:",
            out.t("A preparar", "Preparing"),
            plan.items.len(),
            out.t(&format!("vídeo(s), perfil {pt}"), &format!("video(s), profile {en}"))
        );
        for item in &plan.items {
            println!(
                "  {:<32} {}  {} -> {} {}",
                item.name,
                clock(item.duration_ms),
                mb(item.original_size),
                out.t("no máximo", "at most"),
                mb(item.predicted_size)
            );
        }
        println!(
            "  {} {} {}{}",
            out.t("Pacote previsto:", "Predicted package:"),
            out.t("no máximo", "at most"),
            mb(plan.predicted_total),
            plan.budget.map_or(String::new(), |b| format!(" / {}", mb(b)))
        );
    }
    let mut current = usize::MAX;
    let mut bar: Option<Bar> = None;
    let names: Vec<String> = plan.items.iter().map(|i| i.name.clone()).collect();
    let reports = lib.prepare_queue(course_id, &plan, |i, p| {
        if i != current {
            if let Some(mut b) = bar.take() {
                b.finish();
            }
            current = i;
            bar = Some(Bar::new(
                out,
                &format!("[{}/{}] {}", i + 1, names.len(), names.get(i).map_or("", |n| n)),
            ));
        }
        bar.as_mut().map_or(std::ops::ControlFlow::Continue(()), |b| b.update_time(p.done, p.total))
    });
    if let Some(mut b) = bar.take() {
        b.finish();
    }
    let reports = reports?;
    let total: u64 = reports.iter().map(|r| r.prepared_size).sum::<u64>() + plan.other_bytes;
    out.emit(&json!({ "plan": plan, "prepared": reports, "total_size": total }), || {
        for r in &reports {
            print_report(out, r);
        }
        println!("{} {}", out.t("Pacote (aprox.):", "Package (approx.):"), mb(total));
    });
    Ok(())
}

fn print_report(out: &Out, r: &PrepareReport) {
    let (pt, en) = r.recipe.profile.label();
    println!(
        "{} {}: {} -> {} ({} {}), {}",
        out.t("Preparado", "Prepared"),
        r.name,
        mb(r.original_size),
        mb(r.prepared_size),
        out.t("previsto no máximo", "predicted at most"),
        mb(r.predicted_size),
        out.t(pt, en)
    );
}
