//! `scenario`: the trainers' command line over scenario-core — check files, play them,
//! import Twine stories (through scenario-twine), package them for an LMS (through
//! scenario-package).
//!
//! Exit codes: 0 fine, 1 the scenario has errors (or a play-through failed), 2 usage or
//! I/O problems.

mod audit;
mod check;
mod graph;
mod import;
mod new;
mod pack;
mod package;
mod play;
mod render;
mod report;
mod source;
mod stats;
mod template;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "scenario",
    version,
    about = "Check and play scenario-quiz scenarios"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Output format.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For machines.
    Json,
}

/// Graph output format.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz dot.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
    /// A standalone SVG, laid out by scenario-map (the studio's map).
    Svg,
}

#[derive(Subcommand)]
enum Command {
    /// Check scenario files or folders (default: scenarios/) and report every problem.
    Check {
        /// Files or folders.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Exit 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Advice across a library: where the strongest choice sits, red lines and -3 choices
    /// that still pass or end well, coverage, reading level, repeated reflection questions.
    Audit {
        /// Files or folders (default: scenarios/).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Exit 1 when the library is past the limits CI holds the bundled one to.
        #[arg(long)]
        strict: bool,
    },
    /// Counts, playthroughs and the score range a scenario's paths can reach.
    Stats {
        /// The scenario file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Draw the branching map as Graphviz dot, Mermaid or SVG.
    Graph {
        /// The scenario file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "dot")]
        format: GraphFormat,
    },
    /// Write a new scenario from a template that shows every feature of the format.
    New {
        /// The new scenario's id (also its file name).
        id: String,
        /// The folder to write it in.
        #[arg(long, default_value = "scenarios")]
        dir: PathBuf,
    },
    /// Import a Twee 3 or Twine 2 HTML story as a scenario skeleton, DIR/<id>.yaml (an id
    /// from the story's title), and list what did not map.
    Import {
        /// The Twine file (.twee, .tw, or published or archive .html).
        file: PathBuf,
        /// The folder to write the scenario in.
        #[arg(long, default_value = "scenarios")]
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Pack a folder for the app: one JSON file per YAML file, the scenario as loaded or its
    /// errors (trunk runs this after each build).
    Pack {
        /// The folder holding dimensions.yaml and the scenarios.
        #[arg(default_value = "scenarios")]
        dir: PathBuf,
        /// The folder to write the packs in (created when missing).
        #[arg(long)]
        out: PathBuf,
        /// The built app's folder, holding its index.html: the glossary (DIR/glossary.yaml)
        /// is written there as a page, glossary.html, with the app's policy and stylesheet,
        /// and its terms are linked in the packs' texts. Without it, neither.
        #[arg(long)]
        site: Option<PathBuf>,
    },
    /// Package scenario files as SCORM 1.2 or 2004 zips for an LMS, OUT/<id>-<standard>.zip:
    /// the built app opening straight on the scenario, imsmanifest.xml, the schema files
    /// (scripts/package.sh builds the app and fetches the schemas first).
    Package {
        /// scorm12 or scorm2004 (4th Edition).
        #[arg(long, value_parser = parse_standard)]
        standard: scenario_package::Standard,
        /// The built app (a release dist/; its scenarios/ folder is left out).
        #[arg(long, default_value = "dist")]
        app: PathBuf,
        /// The schema sets' folder (holding scorm12edition/ and scorm20044thedition/).
        #[arg(long)]
        schemas: PathBuf,
        /// The folder to write the zips in (created when missing).
        #[arg(long)]
        out: PathBuf,
        /// The scenario files, each with its dimensions.yaml beside it.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// A cohort report: what a group chose at each decision, where it went wrong, red lines,
    /// results by dimension; from xAPI statements, an LRS, an LMS export or ClickHouse.
    Report(Box<report::ReportArgs>),
    /// Play a scenario: the given choices in order, or interactively.
    Play {
        /// The scenario file.
        file: PathBuf,
        /// Choice ids in order, comma-separated (passages continue by themselves).
        #[arg(long)]
        choose: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

/// `--standard`: `scorm12` or `scorm2004`.
fn parse_standard(name: &str) -> Result<scenario_package::Standard, String> {
    scenario_package::Standard::parse(name)
        .ok_or_else(|| format!("`{name}` is not a standard: use scorm12 or scorm2004"))
}

/// A command's outcome: an exit code, or an I/O/usage failure (exit 2).
pub type Outcome = anyhow::Result<ExitCode>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check {
            paths,
            format,
            deny_warnings,
        } => check::run(&paths, format, deny_warnings),
        Command::Audit {
            paths,
            format,
            strict,
        } => audit::run(&paths, format, strict),
        Command::Stats { file, format } => stats::run(&file, format),
        Command::Graph { file, format } => graph::run(&file, format),
        Command::New { id, dir } => new::run(&id, &dir),
        Command::Import { file, dir, format } => import::run(&file, &dir, format),
        Command::Pack { dir, out, site } => pack::run(&dir, &out, site.as_deref()),
        Command::Package {
            standard,
            app,
            schemas,
            out,
            files,
        } => package::run(standard, &app, &schemas, &out, &files),
        Command::Report(args) => report::run(&args),
        Command::Play {
            file,
            choose,
            format,
        } => play::run(&file, choose.as_deref(), format),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
