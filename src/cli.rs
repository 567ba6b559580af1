//! The command line, as clap derive types.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  invalid input (a pack or time that cannot be used; each problem is printed as path:line:col: message)
  2  usage error (unknown option, unknown pack id)";

#[derive(Debug, Parser)]
#[command(
    name = "dutygrid",
    version,
    about = "Threshold-of-need grids for children's-safeguarding duty desks",
    long_about = "Threshold-of-need grids for children's-safeguarding duty desks in England.\n\n\
        With no command, opens the full-screen grid on the default pack (or prints its summary when \
        the output is not a terminal).",
    after_help = EXIT_CODES,
)]
pub struct Cli {
    /// Folder of extra packs (*.ron) and calendars (calendars/*.ron).
    #[arg(long, global = true, env = "DUTYGRID_PACKS", value_name = "DIR")]
    pub packs_dir: Option<PathBuf>,

    /// Folder of call records (default: the platform state directory,
    /// e.g. ~/.local/state/dutygrid/calls). Created 0700; records are 0600.
    #[arg(long, global = true, env = "DUTYGRID_RECORDS", value_name = "DIR")]
    pub records_dir: Option<PathBuf>,

    /// Settings file (default: the platform config directory's
    /// dutygrid/config.ron), e.g. (pack: "stoke-on-trent", keymap: "vim").
    #[arg(long, global = true, env = "DUTYGRID_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct RunArgs {
    /// Pack id or path to a .ron file (default: an unfinished call's pack,
    /// else the config file's, else nottingham-city).
    #[arg(long, value_name = "ID|PATH")]
    pub pack: Option<String>,
    /// Keymap: a built-in name (default, vim) or a path to a .ron file
    /// (default: the config file's, else "default").
    #[arg(long, value_name = "NAME|PATH")]
    pub keymap: Option<String>,
    /// Start the clock at TIME (shown as SIMULATED TIME): RFC 3339 or local "YYYY-MM-DD HH:MM".
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// Presentation mode for a projector (F2 switches it in the app).
    #[arg(long)]
    pub present: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the full-screen grid (the same as no command).
    #[command(after_help = "Examples:
  dutygrid run
  dutygrid run --pack nottingham-city --keymap vim
  dutygrid run --at '2026-11-27 16:45'     # a simulated clock, for training")]
    Run(RunArgs),
    /// Check keymap files; every problem is printed as path:line:col: message.
    #[command(subcommand)]
    Keymap(KeymapCommand),
    /// Call records: list, export, delete.
    #[command(subcommand)]
    Record(RecordCommand),
    /// Training: list the scenarios, or run one on the grid with a simulated clock.
    #[command(after_help = "Examples:
  dutygrid train                                  # list the scenarios
  dutygrid train city-friday-teacher --present    # run one on a projector

In a scenario: V the vignette, n what the caller says next, K the key;
+ moves the clock 15 minutes, > to the next working morning, B to the next bank holiday;
F2 presentation mode. Nothing is saved in training.")]
    Train {
        /// Scenario id (from the list) or a path to a scenario file.
        #[arg(value_name = "SCENARIO")]
        scenario: Option<String>,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Work with threshold packs.
    #[command(subcommand)]
    Pack(PackCommand),
    /// Say which number to ring now (or at --at), and until when.
    #[command(after_help = "Examples:
  dutygrid contact
  dutygrid contact --at '2026-12-28 10:00'
  dutygrid contact --pack nottingham-city --at 2026-03-30T07:45:00Z --format json
  dutygrid contact --all                  # every number of the pack, the live one marked

Exit codes: 0 ok, 1 invalid input (bad pack or time), 2 usage.")]
    Contact {
        /// Pack id or path to a .ron file.
        #[arg(long, value_name = "ID|PATH")]
        pack: Option<String>,
        /// RFC 3339 (2026-03-30T07:45:00Z) or local "YYYY-MM-DD HH:MM" in the pack's time zone. Default: now.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        /// Every number of the pack with the document's words, the live one marked.
        #[arg(long)]
        all: bool,
    },
    /// The document's guidance as one column of text: levels, referral, consent, escalation, numbers.
    #[command(after_help = "Examples:
  dutygrid guide                          # the whole guide, with its contents
  dutygrid guide consent                  # one section, by id or the start of its title
  dutygrid guide --pack stoke-on-trent numbers --format md > numbers.md

Exit codes: 0 ok, 1 invalid pack, 2 usage (unknown pack or section).")]
    Guide {
        /// Pack id or path to a .ron file.
        #[arg(long, value_name = "ID|PATH")]
        pack: Option<String>,
        /// A section id (from the contents) or a unique start of its title.
        #[arg(value_name = "SECTION")]
        section: Option<String>,
        #[arg(long, value_enum, default_value_t = GuideFormat::Text)]
        format: GuideFormat,
    },
    /// The shift's calls for the day team: alerts first, then by urgency; for each the children,
    /// what was ticked, the outcomes, what must be done and by when, who handled it, the callback.
    #[command(after_help = "Examples:
  dutygrid handover                                   # since the shift's start, else the last 24 hours
  dutygrid handover --since '2026-12-04 17:00' -o handover.md
  dutygrid handover --format json -o handover.json

Each call is due with the day team by the next working morning at the config's handover_by
(default 09:00), counted with the pack's calendar. Written files are 0600; each handover adds a
line to the records folder's audit log (no names or numbers in it).

Exit codes: 0 ok, 1 a file or folder cannot be written or read, 2 usage (a time that cannot be read).")]
    Handover {
        /// Calls started at or after TIME: RFC 3339 or local "YYYY-MM-DD HH:MM" in the pack's
        /// zone (default: the shift's start, else 24 hours ago).
        #[arg(long, value_name = "TIME")]
        since: Option<String>,
        #[arg(long, value_enum, default_value_t = MdOrJson::Md)]
        format: MdOrJson,
        /// Write to FILE (created 0600, atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Make it as if the time were TIME (training, or an earlier shift's handover again);
        /// the handover says SIMULATED TIME.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GuideFormat {
    Text,
    Md,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum RecordCommand {
    /// List the saved calls, newest last: local start, the children, the highest level
    /// indicated and any alert, the outcomes, each clock, entered in the case system or not.
    #[command(after_help = "Examples:
  dutygrid record list
  dutygrid record list --not-entered --since '2026-12-04 17:00'
  dutygrid record list --overdue --format json")]
    List {
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        /// Only calls still open.
        #[arg(long)]
        open: bool,
        /// Only calls with a clock past due and not done.
        #[arg(long)]
        overdue: bool,
        /// Only calls not yet marked entered in the case system.
        #[arg(long)]
        not_entered: bool,
        /// Only calls started at or after TIME (RFC 3339, or local "YYYY-MM-DD HH:MM").
        #[arg(long, value_name = "TIME")]
        since: Option<String>,
    },
    /// Write a call's consultation record as Markdown (to paste into a case system) or JSON.
    #[command(after_help = "Examples:
  dutygrid record export call-20261127-100000-a1b2 --format md
  dutygrid record export call-20261127-100000-a1b2 --format json -o call.json")]
    Export {
        /// Record id (from `record list`) or a journal file's path.
        #[arg(value_name = "ID|FILE")]
        record: String,
        #[arg(long, value_enum, default_value_t = MdOrJson::Md)]
        format: MdOrJson,
        /// Write to FILE (created 0600) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Mark a call's record as entered in the council's case system, with that system's reference.
    #[command(after_help = "Examples:
  dutygrid record mark-entered call-20261127-100000-a1b2 --ref CS-123456")]
    MarkEntered {
        /// Record id (from `record list`) or a journal file's path.
        #[arg(value_name = "ID|FILE")]
        record: String,
        /// The case system's reference for the contact.
        #[arg(long = "ref", value_name = "REF")]
        reference: String,
    },
    /// Delete a call's record (and any damaged copy of it), after asking why and for
    /// confirmation. The audit log in the records folder says when, who and why.
    #[command(after_help = "Examples:
  dutygrid record delete call-20261127-100000-a1b2
  dutygrid record delete call-20261127-100000-a1b2 --reason entered --yes")]
    Delete {
        #[arg(value_name = "ID")]
        record: String,
        /// Why: asked for when not given. Never free text, so the audit log holds nothing
        /// about a family.
        #[arg(long, value_enum)]
        reason: Option<crate::call::audit::DeleteReason>,
        /// Do not ask for confirmation (for scripts; --reason is then needed).
        #[arg(long)]
        yes: bool,
    },
    /// Delete the ended records marked entered in the case system whose retention has passed
    /// (the config's retention_days, counted from the call's end; set by the council's
    /// information-governance team). Lists them first and asks; an open record, one not
    /// entered, or one that cannot be read is kept, and said why.
    #[command(after_help = "Examples:
  dutygrid record purge
  dutygrid record purge --yes      # for a scheduled job")]
    Purge {
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MdOrJson {
    Md,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum KeymapCommand {
    /// Validate keymap files: unknown keys, unknown actions, a key bound twice.
    #[command(after_help = "Examples:
  dutygrid keymap check keymaps/vim.ron my-keys.ron")]
    Check {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PackCommand {
    /// List the built-in packs and those in the packs directory.
    #[command(after_help = "Examples:
  dutygrid pack list
  dutygrid pack list --format json --packs-dir ./my-packs")]
    List {
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Validate pack files; every problem is printed as path:line:col: message.
    #[command(after_help = "Examples:
  dutygrid pack check packs/nottingham-city.ron
  dutygrid pack check my-area.ron other-area.ron

Exit codes: 0 all files valid, 1 a problem in any file, 2 usage.")]
    Check {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// What changed between two packs: indicators added, removed, reworded, moved; contacts and hours.
    #[command(after_help = "Examples:
  dutygrid pack diff nottingham-city-cfd nottingham-city
  dutygrid pack diff old-edition.ron new-edition.ron --format json")]
    Diff {
        #[arg(value_name = "A")]
        from: String,
        #[arg(value_name = "B")]
        to: String,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Print every grid indicator, then the immediate-referral items.
    #[command(after_help = "Examples:
  dutygrid pack indicators nottingham-city
  dutygrid pack indicators my-area.ron --format csv > indicators.csv")]
    Indicators {
        /// Pack id or path to a .ron file.
        #[arg(value_name = "ID|PATH")]
        pack: String,
        #[arg(long, value_enum, default_value_t = JsonOrCsv::Json)]
        format: JsonOrCsv,
    },
    /// Search a pack as the search screen does: ranked results and why each matched.
    #[command(after_help = "Examples:
  dutygrid pack search stoke-on-trent cse
  dutygrid pack search nottingham-city \"hit with a belt\" --limit 5 --format json")]
    Search {
        /// Pack id or path to a .ron file.
        #[arg(value_name = "ID|PATH")]
        pack: String,
        /// What the caller said.
        query: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum JsonOrCsv {
    Json,
    Csv,
}
