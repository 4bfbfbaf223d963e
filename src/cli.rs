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
    /// Scan and hold every article to a policy (for CI): exit 0 it holds, 1 it fails, 2 unreadable files.
    #[command(after_help = "Examples:\n  libya-news check drops/\n  libya-news check drops/ --policy docs/policy.example.toml\n  \
libya-news check drops/ --format json | jq '.articles[] | select(any(.findings[]; .level==\"error\"))'\n\n\
Rules: decode, title, published, known_actors, new_actors, duplicates, off_topic; each error, warn or off.\n\
The policy format is in docs/POLICY.md.")]
    Check(CheckArgs),
    /// Compare two scan outputs (JSON or JSONL): articles added, removed, changed; actors, places
    /// and event roots that are new or whose counts changed.
    #[command(after_help = "Examples:\n  libya-news scan drops/ --output new.json && libya-news diff old.json new.json\n  \
libya-news diff old.jsonl new.jsonl --format json | jq '.actors[] | select(.status==\"new\")'\n\n\
Articles are matched by path, so scan both sides from the same folder. Exit 0 (also with differences), 2 on unreadable input.")]
    Diff(DiffArgs),
    /// Write one self-contained HTML page (map, timeline, actor network, tables, highlighted
    /// articles) that opens from disk with no network.
    #[command(after_help = "Examples:\n  libya-news report seeds/ -o report.html\n  \
libya-news scan drops/ --format jsonl --output scan.jsonl && libya-news report --from scan.jsonl -o report.html\n  \
libya-news report corpus/ --no-text --title 'February drop' -o report.html\n\n\
With --from, article texts are read from each article's path when the file is still there, unchanged.")]
    Report(crate::html_report::ReportArgs),
    /// Fold JSONL scan outputs (shards scanned apart, in any order) into the summary one scan of
    /// all their files would print.
    #[command(after_help = "Examples:\n  libya-news scan --files-from part1.txt --format jsonl --output part1.jsonl   # one per shard\n  \
libya-news summarize part*.jsonl | jq '.actors[:5]'\n  libya-news summarize part*.jsonl --format jsonl   # scan's last JSONL line\n  \
cat parts/*.jsonl | libya-news summarize - --format table\n\n\
json is the summary object (scan's .summary), jsonl its {\"type\":\"summary\",…} line, table and geojson list the \
articles too. A path in two inputs with the same content counts once. Exit 0, or 2 when the inputs hold error records \
(like scan), are cut short, disagree, or were scanned with different rule tables.")]
    Summarize(SummarizeArgs),
    /// Print a shell completion script to stdout.
    #[command(after_help = "Examples:\n  libya-news completions bash > ~/.local/share/bash-completion/completions/libya-news\n  \
libya-news completions zsh > ~/.zfunc/_libya-news\n  libya-news completions fish > ~/.config/fish/completions/libya-news.fish\n  \
libya-news completions powershell >> $PROFILE")]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to stdout.
    #[command(after_help = "Example:\n  libya-news man > libya-news.1 && man ./libya-news.1")]
    Man,
}

#[derive(Args, Debug, Clone, Default)]
pub struct RulesArg {
    /// Extra rule tables: every *.toml in DIR adds entries or overrides entries by id
    /// (repeatable; later folders win). Example: --rules my-rules/
    #[arg(long = "rules", value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
}

/// What to read and how: shared by `scan` and `check`.
#[derive(Args, Debug)]
pub struct InputArgs {
    /// Files and folders to read; "-" reads a list of paths, one a line, from stdin.
    #[arg(value_name = "PATH", required_unless_present = "files_from")]
    pub paths: Vec<PathBuf>,
    /// Read the list of paths from FILE ("-" for stdin), one a line. Example: --files-from list.txt
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
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
    /// or sidecar date (for `check`, such a date does not satisfy the `published` rule).
    /// Example: --reference-date 2020-02-21
    #[arg(long, value_name = "DATE")]
    pub reference_date: Option<chrono::NaiveDate>,
    /// Worker threads [default: all cores]. Output is identical for any value. Example: --threads 1
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub rules: RulesArg,
    /// Keep each file's analysis in DIR and reuse it while the file, its sidecar, the rule tables,
    /// --reference-date and the libya-news version stay the same. Output is identical with or
    /// without it. Example: --cache ~/.cache/libya-news
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// No progress bar (it is drawn only on a terminal, for more than 200 files).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct ScanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format [default: table on a terminal, json otherwise]. Example: --format jsonl
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Write the output to FILE instead of stdout. Example: --output scan.json
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Compare this scan with an earlier scan output (JSON or JSONL) and print what changed to
    /// stderr as a table; stdout is unchanged. Example: --baseline main.json
    #[arg(long, value_name = "OLD")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: write the diff as JSON to FILE instead of the table on stderr.
    /// Example: --diff-output diff.json
    #[arg(long, value_name = "FILE", requires = "baseline")]
    pub diff_output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SummarizeArgs {
    /// JSONL outputs of `scan --format jsonl`, in any order ("-" for stdin).
    #[arg(value_name = "FILE", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output format [default: table on a terminal, json otherwise]. Example: --format jsonl
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Write the output to FILE instead of stdout. Example: --output summary.json
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Accept inputs scanned with different rule tables (rules_version becomes "A+B").
    #[arg(long)]
    pub allow_mixed_rules: bool,
}

/// Report format of `check` and `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Aligned text for people and CI logs (the default).
    Table,
    /// One JSON document.
    Json,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The policy (TOML, docs/POLICY.md) [default: built-in defaults]. Example: --policy ci/policy.toml
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Report format. Example: --format json
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Warnings fail the check too (exit 1).
    #[arg(long)]
    pub strict: bool,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The earlier scan output (JSON document or JSONL; "-" for stdin).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later scan output (JSON document or JSONL; "-" for stdin).
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Report format. Example: --format json
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
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

impl InputArgs {
    /// The library's config and the user's rule folders.
    pub fn into_config(self) -> anyhow::Result<(ScanConfig, Vec<PathBuf>)> {
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
            cache: self.cache.as_deref().map(crate::cache::Cache::open).transpose()?,
        };
        Ok((config, self.rules.dirs))
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
        Command::Check(args) => run_check(args),
        Command::Diff(args) => run_diff(args),
        Command::Report(args) => crate::html_report::run(args),
        Command::Summarize(args) => run_summarize(args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "libya-news", &mut io::stdout().lock());
            Ok(Exit::Success)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = io::stdout().lock();
            clap_mangen::Man::new(cmd).render(&mut out)?;
            out.flush()?;
            Ok(Exit::Success)
        }
    }
}

fn run_check(args: CheckArgs) -> anyhow::Result<Exit> {
    let policy = match &args.policy {
        Some(path) => crate::check::Policy::load(path)?,
        None => crate::check::Policy::default(),
    };
    let quiet = args.input.quiet;
    let (config, rule_dirs) = args.input.into_config()?;
    let (engine, entries) = scan::load_and_walk(&rule_dirs, &config);
    let engine = engine?;
    let entries = entries.map_err(anyhow::Error::msg)?;
    let mut progress = crate::progress::Progress::new(quiet);
    let mut checker = crate::check::Checker::new(policy, args.strict);
    let mut diagnostics = progress.diagnostics();
    {
        let mut tee = crate::progress::Tee(vec![&mut progress, &mut checker]);
        scan::scan_entries_observed(&entries, &engine, &config, &mut crate::check::NullWriter, &mut io::sink(), &mut diagnostics, &mut tee)?;
    }
    let report = checker.finish_report();
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        ReportFormat::Table => crate::check::write_table(&report, &mut out, crate::progress::color_stdout())?,
        ReportFormat::Json => crate::check::write_json(&report, &mut out)?,
    }
    out.flush()?;
    Ok(match report.exit_code {
        0 => Exit::Success,
        1 => Exit::PolicyFailed,
        _ => Exit::SomeFilesFailed,
    })
}

fn run_diff(args: DiffArgs) -> anyhow::Result<Exit> {
    if args.old.as_os_str() == "-" && args.new.as_os_str() == "-" {
        anyhow::bail!("only one of OLD and NEW can be read from stdin");
    }
    let old = crate::diff::Digest::read(&args.old)?;
    let new = crate::diff::Digest::read(&args.new)?;
    let report = crate::diff::diff(&old, &new, &args.old.display().to_string(), &args.new.display().to_string());
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        ReportFormat::Table => crate::diff::write_table(&report, &mut out)?,
        ReportFormat::Json => crate::diff::write_json(&report, &mut out)?,
    }
    out.flush()?;
    Ok(Exit::Success)
}

fn run_summarize(args: SummarizeArgs) -> anyhow::Result<Exit> {
    if args.inputs.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        anyhow::bail!("stdin (\"-\") can be read only once");
    }
    let format = args.format.unwrap_or(if args.output.is_none() && io::stdout().is_terminal() { Format::Table } else { Format::Json });
    let mut summarizer = crate::summarize::Summarizer::new(crate::summarize::lists_articles(format), args.allow_mixed_rules);
    for input in &args.inputs {
        if input.as_os_str() == "-" {
            summarizer.read("stdin", io::stdin().lock())?;
        } else {
            let file = std::fs::File::open(input).with_context(|| format!("cannot open {}", input.display()))?;
            summarizer.read(&input.display().to_string(), io::BufReader::with_capacity(1 << 16, file))?;
        }
    }
    let mut merged = summarizer.finish()?;
    if merged.duplicates > 0 {
        eprintln!("libya-news: {} records came in more than once (same path, same content): counted once", merged.duplicates);
    }
    match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            crate::summarize::write(&mut merged, format, &mut io::BufWriter::new(file))?;
        }
        None => crate::summarize::write(&mut merged, format, &mut io::BufWriter::new(io::stdout().lock()))?,
    }
    Ok(if merged.summary.errors > 0 { Exit::SomeFilesFailed } else { Exit::Success })
}

fn run_scan(mut args: ScanArgs) -> anyhow::Result<Exit> {
    let (quiet, baseline_path, diff_output) = (args.input.quiet, args.baseline.take(), args.diff_output.take());
    let (format, output) = (args.format, args.output.take());
    let (config, rule_dirs) = args.input.into_config()?;
    let (engine, entries) = scan::load_and_walk(&rule_dirs, &config);
    let engine = engine?;
    // Read the baseline first: a bad baseline fails before the scan, not after it.
    let baseline = baseline_path.as_deref().map(crate::diff::Digest::read).transpose()?;
    let format = format.unwrap_or(if output.is_none() && io::stdout().is_terminal() { Format::Table } else { Format::Json });
    let mut writer = writer_for(format);
    let mut progress = crate::progress::Progress::new(quiet);
    let mut stderr = progress.diagnostics();
    let mut digest = crate::diff::DigestObserver::default();
    let entries = entries.map_err(anyhow::Error::msg)?;
    let outcome = {
        let mut observers: Vec<&mut dyn scan::Observer> = vec![&mut progress];
        if baseline.is_some() {
            observers.push(&mut digest);
        }
        let mut tee = crate::progress::Tee(observers);
        match &output {
            Some(path) => {
                let file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
                let mut out = io::BufWriter::new(file);
                scan::scan_entries_observed(&entries, &engine, &config, writer.as_mut(), &mut out, &mut stderr, &mut tee)?
            }
            None => {
                let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
                scan::scan_entries_observed(&entries, &engine, &config, writer.as_mut(), &mut out, &mut stderr, &mut tee)?
            }
        }
    };
    if let (Some(cache), false) = (&config.cache, quiet) {
        let (reused, analyzed) = cache.counts();
        eprintln!("libya-news: cache: {reused} files reused, {analyzed} analyzed");
    }
    if let (Some(old), Some(old_path)) = (baseline, baseline_path) {
        let new_name = output.as_ref().map_or_else(|| "this scan".to_string(), |p| p.display().to_string());
        let report = crate::diff::diff(&old, &digest.0, &old_path.display().to_string(), &new_name);
        match diff_output {
            Some(path) => {
                let file = std::fs::File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
                let mut out = io::BufWriter::new(file);
                crate::diff::write_json(&report, &mut out)?;
                out.flush()?;
            }
            None => {
                let mut err = io::stderr().lock();
                crate::diff::write_table(&report, &mut err)?;
            }
        }
    }
    Ok(if outcome.errors > 0 { Exit::SomeFilesFailed } else { Exit::Success })
}
