//! Command-line interface: clap stays here. Arguments become the library's own config types
//! (`ScanConfig`, `WalkOptions`), and each subcommand returns an [`Exit`].

use crate::corpus::WalkOptions;
use crate::report::{writer_for, Format};
use crate::rules::Engine;
use crate::scan::{self, ScanConfig};
use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;

/// Exit statuses (spec: 0 all read, 2 some files unreadable, 1 a check failed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success,
    PolicyFailed,
    SomeFilesFailed,
}

impl Exit {
    pub fn code(self) -> i32 {
        match self {
            Exit::Success => 0,
            Exit::PolicyFailed => 1,
            Exit::SomeFilesFailed => 2,
        }
    }
}

#[derive(Parser, Debug)]
#[command(name = "libya-news", version, about = "Actors, places, dates and CAMEO-coded events from Arabic news about Libya.",
    long_about = "Walks folders of Arabic news articles, normalizes the Arabic, and extracts actors, places, dates \
and events with rule tables. JSON when piped, a table on a terminal.\n\n\
Examples:\n  libya-news scan seeds/\n  libya-news scan seeds/ | jq '.summary.actors[:5]'\n  libya-news scan drops/ --format jsonl | jq -c 'select(.type==\"article\")'")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Scan files and folders and report what the articles contain.
    #[command(after_help = "Examples:\n  libya-news scan seeds/\n  libya-news scan a.txt b/ --format jsonl --output out.jsonl\n  \
find drops -name '*.txt' | libya-news scan -\n  libya-news scan corpus/ --reference-date 2020-02-21 --rules my-rules/")]
    Scan(ScanArgs),
    /// Print a file's normalized text, as the rule tables see it.
    #[command(after_help = "Example:\n  libya-news normalize seeds/001_1231ecc439629b3a.txt | less")]
    Normalize {
        /// The article to normalize (any encoding scan accepts).
        file: PathBuf,
    },
    /// Show, sentence by sentence, which rule produced each actor, place, date and event.
    #[command(after_help = "Example:\n  libya-news explain seeds/001_1231ecc439629b3a.txt")]
    Explain {
        /// The article to explain.
        file: PathBuf,
        #[command(flatten)]
        rules: RulesArg,
        /// Resolve relative dates against this date (YYYY-MM-DD) when the article has none.
        #[arg(long, value_name = "DATE")]
        reference_date: Option<chrono::NaiveDate>,
    },
    /// Inspect and check rule tables.
    #[command(subcommand, after_help = "Examples:\n  libya-news rules list --kind actor\n  libya-news rules show khalifa_haftar\n  libya-news rules validate my-rules/")]
    Rules(RulesCommand),
}

#[derive(Args, Debug, Clone, Default)]
pub struct RulesArg {
    /// Extra rule tables: every *.toml in DIR adds entries or overrides entries by id
    /// (repeatable; later folders win). Example: --rules my-rules/
    #[arg(long = "rules", value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ScanArgs {
    /// Files and folders to scan; "-" reads a list of paths, one a line, from stdin.
    #[arg(value_name = "PATH", required_unless_present = "files_from")]
    pub paths: Vec<PathBuf>,
    /// Read the list of paths to scan from FILE ("-" for stdin), one a line.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Output format [default: table on a terminal, json otherwise]. Example: --format jsonl
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Write the output to FILE instead of stdout. Example: --output scan.json
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Which files to read in folders (repeatable) [default: *.txt]. Example: --glob '*.md'
    #[arg(long = "glob", short = 'g', value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Also walk hidden files and folders (names starting with ".").
    #[arg(long)]
    pub hidden: bool,
    /// Follow symbolic links (loops are reported as errors, not followed forever).
    #[arg(long, short = 'L')]
    pub follow: bool,
    /// Refuse files larger than this many bytes as too_large. Example: --max-size 1048576
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    pub max_size: u64,
    /// Resolve relative dates against this date (YYYY-MM-DD) when an article has no dateline
    /// or sidecar date. Example: --reference-date 2020-02-21
    #[arg(long, value_name = "DATE")]
    pub reference_date: Option<chrono::NaiveDate>,
    /// Worker threads [default: all cores]. Output is identical for any value. Example: --threads 1
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub rules: RulesArg,
}

#[derive(Subcommand, Debug)]
pub enum RulesCommand {
    /// List table entries: id, kind and canonical names.
    #[command(after_help = "Example:\n  libya-news rules list --kind actor")]
    List {
        /// Only entries of this kind.
        #[arg(long, value_enum)]
        kind: Option<RuleKind>,
        #[command(flatten)]
        rules: RulesArg,
    },
    /// Show one entry (actor, place, role or trigger) as the tables define it.
    #[command(after_help = "Example:\n  libya-news rules show khalifa_haftar")]
    Show {
        /// The entry's id.
        id: String,
        #[command(flatten)]
        rules: RulesArg,
    },
    /// Check a folder of user tables against the built-ins; exits 0 when they load cleanly.
    #[command(after_help = "Example:\n  libya-news rules validate my-rules/")]
    Validate {
        /// The folder of *.toml tables to check.
        dir: PathBuf,
    },
    /// Print every alias, one a line (for grep, ripgrep and benchmarks).
    #[command(after_help = "Example:\n  rg -F -f <(libya-news rules names) corpus/")]
    Names {
        #[command(flatten)]
        rules: RulesArg,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RuleKind {
    Actor,
    Place,
    Role,
    Trigger,
}

/// Paths from a reader, one a line; blank lines skipped.
fn read_path_list(reader: impl BufRead) -> anyhow::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for line in reader.lines() {
        let line = line.context("reading the list of paths")?;
        let line = line.trim_end_matches('\r');
        if !line.is_empty() {
            paths.push(PathBuf::from(line));
        }
    }
    Ok(paths)
}

impl ScanArgs {
    pub fn into_config(self) -> anyhow::Result<(ScanConfig, Option<Format>, Option<PathBuf>, Vec<PathBuf>)> {
        let mut paths = Vec::new();
        for p in self.paths {
            if p.as_os_str() == "-" {
                paths.extend(read_path_list(io::stdin().lock())?);
            } else {
                paths.push(p);
            }
        }
        if let Some(list) = self.files_from {
            if list.as_os_str() == "-" {
                paths.extend(read_path_list(io::stdin().lock())?);
            } else {
                let file = std::fs::File::open(&list).with_context(|| format!("cannot open --files-from {}", list.display()))?;
                paths.extend(read_path_list(io::BufReader::new(file))?);
            }
        }
        let globs = if self.globs.is_empty() { WalkOptions::default().globs } else { self.globs };
        let threads = self.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
        let config = ScanConfig {
            paths,
            walk: WalkOptions { globs, hidden: self.hidden, follow_links: self.follow },
            max_size: self.max_size,
            reference_date: self.reference_date,
            threads,
        };
        Ok((config, self.format, self.output, self.rules.dirs))
    }
}

pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    match cli.command {
        Command::Scan(args) => run_scan(args),
        Command::Normalize { file } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let decoded = crate::corpus::decode(&bytes).map_err(|e| anyhow::anyhow!("{}: {}", file.display(), e.0))?;
            let mut out = io::stdout().lock();
            out.write_all(crate::normalize::normalize(&decoded.text).text.as_bytes())?;
            Ok(Exit::Success)
        }
        Command::Explain { file, rules, reference_date } => {
            let engine = Engine::load(&rules.dirs)?;
            crate::explain::explain(&file, &engine, reference_date, &mut io::stdout().lock())?;
            Ok(Exit::Success)
        }
        Command::Rules(cmd) => crate::rules_cli::run(cmd),
    }
}

fn run_scan(args: ScanArgs) -> anyhow::Result<Exit> {
    let (config, format, output, rule_dirs) = args.into_config()?;
    let engine = Engine::load(&rule_dirs)?;
    let format = format.unwrap_or(if output.is_none() && io::stdout().is_terminal() { Format::Table } else { Format::Json });
    let mut writer = writer_for(format);
    let mut stderr = io::stderr().lock();
    let outcome = match output {
        Some(path) => {
            let file = std::fs::File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = io::BufWriter::new(file);
            scan::scan(&engine, &config, writer.as_mut(), &mut out, &mut stderr)?
        }
        None => {
            let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
            scan::scan(&engine, &config, writer.as_mut(), &mut out, &mut stderr)?
        }
    };
    Ok(if outcome.errors > 0 { Exit::SomeFilesFailed } else { Exit::Success })
}
