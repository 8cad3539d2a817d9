//! A seeded fuzzer that `cargo test` runs for a bounded time.
//!
//! It mutates the fixture sites' MOF files, tidy files, `site.toml` and
//! commentary (byte flips, truncations, duplicated, deleted and swapped
//! lines, extreme numbers, NUL bytes, long lines, spacer rows, hostile
//! Markdown and templates), builds each mutant with the real binary under
//! an address-space limit, and asserts:
//!
//! - the exit code is 0, 1 or 2, and nothing panicked or was killed;
//! - memory stays bounded (the limit holds, and the peak is recorded);
//! - for every accepted mutant, every figure in the built site's CSV
//!   downloads equals the source cell it cites, and for MOF files the last
//!   week published is the last week in the file.
//!
//! `FLOWSITE_FUZZ_CASES` (default 1,200) sets how many mutants run and
//! `FLOWSITE_FUZZ_SEED` the seed, so that a long campaign is one command:
//! `FLOWSITE_FUZZ_CASES=20000 cargo test --release --test fuzz -- --nocapture`.

// Tests make projects and inspect sites on disk.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{fixture, read_tree};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The address space each build may use, in KiB (`ulimit -v`).
const ADDRESS_SPACE_KIB: u64 = 1_500_000;
/// A build that takes longer than this is a hang.
const TIMEOUT: Duration = Duration::from_secs(60);

/// xorshift64*: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const EXTREMES: [&str; 12] = [
    "9000000000000000000",
    "9223372036854775807",
    "-9223372036854775808",
    "184467440737095517",
    "18446744073709551616",
    "1000000000000",
    "-1000000000000",
    "1000000000001",
    "0",
    "-0",
    "99999999999999999999999999999",
    "\"1,000,000,000,000 \"",
];

const MARKDOWN_SNIPPETS: [&str; 16] = [
    "<script>alert(1)</script>\n",
    "[x](javascript:alert(1))\n",
    "{{ 1 / 0 }}\n",
    "{{ latest(\"inward-equity\").nett }}\n",
    "{% for a in \"abcdefghij\" %}{% for b in \"abcdefghij\" %}{% for c in \"abcdefghij\" %}{{ a }}{% endfor %}{% endfor %}{% endfor %}\n",
    "```Chart\nseries = \"inward-equity\"\nkind = \"weekly\"\n```\n",
    "{% if true %}\n```chart\nseries = \"alpha\"\nkind = \"ytd\"\n```\n{% endif %}\n",
    "```chart\nseries = \"alpha\"\nkind = \"ytd\"\n```\n",
    "{{ \"x\" * 100000000 }}\n",
    "{{ debug() }}\n",
    "## Same\n\n## Same\n\n## Same\n",
    "{{ latest(\"alpha\").title }} {{ current(\"inward-equity\").net }}\n",
    "{{\n",
    "<scr{% if true %}{% endif %}ipt>\n",
    "\u{202e}\u{1b}[2J\n",
    "+++\n",
];

const TOML_SNIPPETS: [&str; 8] = [
    "lead_series = [\"nope\"]\n",
    "allow_raw_html = true\n",
    "[[series]]\nid = \"../x\"\n",
    "[[series]]\nid = \"alpha\"\ntitle = \"dup\"\nactor = \"a\"\nasset = \"b\"\npublisher = \"p\"\nunit = \"oku\"\nfrequency = \"weekly\"\n",
    "theme = 1\n",
    "base_url = \"javascript:alert(1)\"\n",
    "[[sources]]\npath = \"data/\"\nformat = \"tidy\"\n",
    "title = \"again\"\n",
];

/// A mutation, described for the failure message.
fn mutate(rng: &mut Rng, path: &str, bytes: &mut Vec<u8>) -> String {
    let lines =
        |bytes: &Vec<u8>| -> Vec<Vec<u8>> { bytes.split_inclusive(|&b| b == b'\n').map(<[u8]>::to_vec).collect() };
    match rng.below(13) {
        0 if !bytes.is_empty() => {
            let at = rng.below(bytes.len());
            let value = (rng.next() & 0xff) as u8;
            bytes[at] = value;
            format!("{path}: byte {at} = {value:#04x}")
        }
        1 => {
            let at = rng.below(bytes.len() + 1);
            bytes.truncate(at);
            format!("{path}: cut at byte {at}")
        }
        2..=4 => {
            let mut all = lines(bytes);
            if all.is_empty() {
                return format!("{path}: empty, left as is");
            }
            let (a, b) = (rng.below(all.len()), rng.below(all.len()));
            let what = match rng.below(3) {
                0 => {
                    let copy = all[a].clone();
                    all.insert(a, copy);
                    format!("line {} duplicated", a + 1)
                }
                1 => {
                    all.remove(a);
                    format!("line {} deleted", a + 1)
                }
                _ => {
                    all.swap(a, b);
                    format!("lines {} and {} swapped", a + 1, b + 1)
                }
            };
            *bytes = all.concat();
            format!("{path}: {what}")
        }
        5 | 6 => {
            // An extreme number where a number was.
            let digits: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i].is_ascii_digit()).collect();
            if digits.is_empty() {
                return format!("{path}: no number to replace");
            }
            let mut start = *rng.pick(&digits);
            while start > 0 && (bytes[start - 1].is_ascii_digit() || bytes[start - 1] == b',') {
                start -= 1;
            }
            let mut end = start;
            while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b',') {
                end += 1;
            }
            let extreme = *rng.pick(&EXTREMES);
            bytes.splice(start..end, extreme.bytes());
            format!("{path}: bytes {start}..{end} = {extreme}")
        }
        11 | 12 => {
            // Another figure within the bound: the build must publish it.
            let digits: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i].is_ascii_digit()).collect();
            if digits.is_empty() {
                return format!("{path}: no number to replace");
            }
            let at = *rng.pick(&digits);
            let (mut start, mut end) = (at, at);
            while start > 0 && bytes[start - 1].is_ascii_digit() {
                start -= 1;
            }
            while end < bytes.len() && bytes[end].is_ascii_digit() {
                end += 1;
            }
            let value = (rng.next() % 1_000_000_000_001).to_string();
            let value = &value[..value.len().min(1 + rng.below(13))];
            bytes.splice(start..end, value.bytes());
            format!("{path}: bytes {start}..{end} = {value}")
        }
        7 => {
            let at = rng.below(bytes.len() + 1);
            bytes.splice(at..at, [0u8, 0, 0]);
            format!("{path}: NUL bytes at {at}")
        }
        8 => {
            let at = rng.below(bytes.len() + 1);
            let long: Vec<u8> = std::iter::repeat_n(b"9,".as_slice(), 60_000)
                .flatten()
                .copied()
                .collect();
            bytes.splice(at..at, long);
            format!("{path}: a 120 KB line at {at}")
        }
        9 => {
            let mut all = lines(bytes);
            let at = rng.below(all.len() + 1);
            let spacer = if path.ends_with(".csv") {
                ",,,,,,,,,,,,,,,,,,,,,,\r\n".as_bytes().to_vec()
            } else {
                b"\n".to_vec()
            };
            all.insert(at, spacer);
            *bytes = all.concat();
            format!("{path}: blank row at line {}", at + 1)
        }
        _ => {
            let snippet = if path.ends_with(".md") {
                *rng.pick(&MARKDOWN_SNIPPETS)
            } else if path.ends_with(".toml") {
                *rng.pick(&TOML_SNIPPETS)
            } else {
                "2025-01-11,alpha,5\n"
            };
            let mut all = lines(bytes);
            let at = rng.below(all.len() + 1);
            all.insert(at, snippet.as_bytes().to_vec());
            *bytes = all.concat();
            format!("{path}: inserted {snippet:?} at line {}", at + 1)
        }
    }
}

/// What one run of the binary did.
struct Run {
    code: Option<i32>,
    signal: Option<i32>,
    stderr: String,
    elapsed: Duration,
    peak_kib: i64,
}

/// Builds `root` into `out` under the address-space limit, recording the
/// peak resident memory from the kernel's accounting of the child.
fn run_build(root: &Path, out: &Path, stderr_file: &Path) -> Run {
    let started = Instant::now();
    let error_log = fs::File::create(stderr_file).expect("stderr file");
    // Reaped below by wait4, which std's `wait` cannot do: it alone returns
    // the child's resource usage.
    #[allow(clippy::zombie_processes)]
    let child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {ADDRESS_SPACE_KIB}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_flowsite"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        // Mutants share their unchanged weeks' PNGs through one cache, as
        // every test build does; what is drawn is drawn as without it.
        .env("FLOWSITE_CACHE_DIR", common::shared_image_cache())
        .stdout(Stdio::null())
        .stderr(error_log)
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own child, and status and usage outlive the call.
        let waited = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if waited == pid {
            break;
        }
        assert!(waited == 0, "wait4 failed");
        if started.elapsed() > TIMEOUT {
            // SAFETY: sending a signal to our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let (code, signal) = if libc::WIFEXITED(status) {
        (Some(libc::WEXITSTATUS(status)), None)
    } else {
        (None, libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)))
    };
    Run {
        code,
        signal,
        stderr: fs::read_to_string(stderr_file).unwrap_or_default(),
        elapsed: started.elapsed(),
        peak_kib: usage.ru_maxrss,
    }
}

/// A CSV file's records by the line each starts on, read independently of
/// flowsite: decoded, split by the csv crate, lines counted from byte
/// offsets.
fn records_by_line(bytes: &[u8]) -> BTreeMap<usize, Vec<String>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(body) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::SHIFT_JIS.decode(body).0.into_owned(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = BTreeMap::new();
    let mut record = csv::StringRecord::new();
    while let Ok(true) = reader.read_record(&mut record) {
        let mut offset = record.position().map_or(0, |p| p.byte() as usize);
        while text.as_bytes().get(offset).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            offset += 1;
        }
        let line = 1 + text.as_bytes()[..offset.min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        records.insert(line, record.iter().map(str::to_string).collect());
    }
    records
}

/// A source cell: file, line, column.
type CellKey = (String, usize, usize);

/// Every published figure equals its source cell, and every monthly
/// figure flowsite summed equals the sum of the weeks it names (the cited
/// cell is the first of them); returns what differs.
fn check_figures(root: &Path, out: &Path) -> Vec<String> {
    let mut wrong = Vec::new();
    let mut sources: BTreeMap<String, BTreeMap<usize, Vec<String>>> = BTreeMap::new();
    // Each weekly download's rows: (source cell, figure), in week order.
    let mut weekly: Vec<Vec<(CellKey, i64)>> = Vec::new();
    // Summed months: (download, figure, weeks summed, first week's cell).
    let mut summed: Vec<(String, i64, usize, CellKey)> = Vec::new();
    for (path, bytes) in read_tree(out) {
        let Some(rest) = path.strip_prefix("series/") else {
            continue;
        };
        if !rest.ends_with(".csv") {
            continue;
        }
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let headers = reader.headers().expect("download header").clone();
        let column = |name: &str| headers.iter().position(|h| h == name || h.starts_with(name));
        let (Some(net), Some(file), Some(line), Some(cell)) = (
            column("net_"),
            column("source_file"),
            column("source_line"),
            column("source_column"),
        ) else {
            wrong.push(format!("{path}: no net or source columns"));
            continue;
        };
        let weeks_summed = column("weeks_summed");
        let mut rows = Vec::new();
        for row in reader.records() {
            let row = row.expect("download row");
            let (Ok(line), Ok(cell), Ok(published)) = (
                row[line].parse::<usize>(),
                row[cell].parse::<usize>(),
                row[net].parse::<i64>(),
            ) else {
                wrong.push(format!("{path}: unreadable figure or source reference"));
                continue;
            };
            let at = (row[file].to_string(), line, cell);
            if let Some(weeks) = weeks_summed.and_then(|c| row[c].parse::<usize>().ok()) {
                summed.push((path.clone(), published, weeks, at));
                continue;
            }
            let source = sources
                .entry(row[file].to_string())
                .or_insert_with(|| records_by_line(&fs::read(root.join(&row[file])).unwrap_or_default()));
            let written = source
                .get(&line)
                .and_then(|fields| fields.get(cell - 1))
                .map(|text| text.trim().replace(',', ""));
            if written.as_deref().and_then(|w| w.parse::<i64>().ok()) != Some(published) {
                wrong.push(format!(
                    "{path}: {published} but {}:{line}:{cell} holds {written:?}",
                    &row[file]
                ));
            }
            rows.push((at, published));
        }
        weekly.push(rows);
    }
    for (path, published, weeks, first) in summed {
        let sum = weekly.iter().find_map(|rows| {
            let start = rows.iter().position(|(at, _)| *at == first)?;
            let taken = rows.get(start..start + weeks)?;
            Some(taken.iter().map(|(_, net)| net).sum::<i64>())
        });
        if sum != Some(published) {
            wrong.push(format!(
                "{path}: {published} summed from {weeks} weeks from {first:?}, which add to {sum:?}"
            ));
        }
    }
    wrong
}

/// For an accepted MOF file: the last week of `inward-equity.csv` is the
/// last period written in the file.
fn check_last_week(root: &Path, out: &Path) -> Option<String> {
    let data = root.join("data/week.csv");
    let download = out.join("series/inward-equity/inward-equity.csv");
    if !data.is_file() || !download.is_file() {
        return None;
    }
    let last_in_file = records_by_line(&fs::read(&data).ok()?)
        .values()
        .filter_map(|fields| flowsite::validate::parse_period(fields.first()?).ok())
        .map(|dates| dates.end)
        .max()?;
    let text = fs::read_to_string(download).ok()?;
    let last_published = text.lines().last()?.split(',').nth(1)?.to_string();
    (last_published != last_in_file.format("%Y-%m-%d").to_string())
        .then(|| format!("the file's last week ends {last_in_file}, the site's {last_published}"))
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn mutated_projects_exit_cleanly_in_bounded_memory_and_publish_only_their_figures() {
    let cases = env_number("FLOWSITE_FUZZ_CASES", 1_200);
    let seed = env_number("FLOWSITE_FUZZ_SEED", 0x5EED_F10E_2026);
    let bases: Vec<(PathBuf, BTreeMap<String, Vec<u8>>)> = [
        "valid/small-utf8",
        "valid/small-cp932",
        "valid/tidy",
        "valid/tidy-monthly",
    ]
    .iter()
    .map(|name| (fixture(name), read_tree(&fixture(name))))
    .collect();
    let scratch = tempfile::tempdir().expect("temp dir");
    let mut rng = Rng(seed);
    let mut codes: BTreeMap<String, u64> = BTreeMap::new();
    let mut failures = Vec::new();
    let (mut slowest, mut hungriest) = ((Duration::ZERO, 0i64, 0u64), (Duration::ZERO, 0i64, 0u64));
    let mut slowest_mutations = String::new();
    let mut accepted = 0u64;
    let started = Instant::now();
    for case in 0..cases {
        let (_, files) = rng.pick(&bases);
        let mut files = files.clone();
        let paths: Vec<String> = files.keys().cloned().collect();
        let mut done = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let path = rng.pick(&paths).clone();
            let bytes = files.get_mut(&path).expect("file");
            done.push(mutate(&mut rng, &path, bytes));
        }
        let root = scratch.path().join(format!("case-{case}"));
        for (path, bytes) in &files {
            let target = root.join(path);
            fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
            fs::write(target, bytes).expect("write");
        }
        let out = scratch.path().join(format!("out-{case}"));
        let run = run_build(&root, &out, &scratch.path().join("stderr.txt"));
        let key = match (run.code, run.signal) {
            (Some(code), _) => format!("exit {code}"),
            (None, Some(signal)) => format!("signal {signal}"),
            (None, None) => "unknown".to_string(),
        };
        *codes.entry(key.clone()).or_default() += 1;
        if run.elapsed > slowest.0 {
            slowest = (run.elapsed, run.peak_kib, case);
            slowest_mutations = done.join("; ");
        }
        if run.peak_kib > hungriest.1 {
            hungriest = (run.elapsed, run.peak_kib, case);
        }
        let mut wrong = Vec::new();
        if !matches!(run.code, Some(0..=2)) {
            wrong.push(format!("{key}: {}", run.stderr));
        }
        if run.stderr.contains("panicked") || run.stderr.contains("memory allocation") {
            wrong.push(format!("panic: {}", run.stderr));
        }
        if run.code == Some(0) {
            accepted += 1;
            wrong.extend(check_figures(&root, &out));
            wrong.extend(check_last_week(&root, &out));
        }
        if wrong.is_empty() {
            let _ = fs::remove_dir_all(&root);
            let _ = fs::remove_dir_all(&out);
        } else {
            let kept = std::env::temp_dir().join(format!("flowsite-fuzz-{seed}-{case}"));
            let _ = fs::remove_dir_all(&kept);
            let _ = fs::rename(&root, &kept);
            failures.push(format!(
                "case {case} ({}), kept in {}: {}",
                done.join("; "),
                kept.display(),
                wrong.join(" | ")
            ));
        }
    }
    eprintln!(
        "fuzz: {cases} mutants (seed {seed:#x}) in {:.1} s; {accepted} accepted; exits {codes:?}; slowest case {} ({} ms, {} MiB peak: {}); largest peak case {} ({} MiB, {} ms)",
        started.elapsed().as_secs_f64(),
        slowest.2,
        slowest.0.as_millis(),
        slowest.1 / 1024,
        slowest_mutations.chars().take(200).collect::<String>(),
        hungriest.2,
        hungriest.1 / 1024,
        hungriest.0.as_millis()
    );
    assert!(
        failures.is_empty(),
        "{} failing mutants:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        hungriest.1 < (ADDRESS_SPACE_KIB as i64) / 2,
        "a build used {} MiB",
        hungriest.1 / 1024
    );
}

#[test]
fn the_figure_check_catches_a_figure_that_differs_from_its_cell() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("site-out");
    let root = fixture("valid/tidy-monthly");
    let run = run_build(&root, &out, &temp.path().join("stderr.txt"));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(check_figures(&root, &out).is_empty());
    assert_eq!(
        check_last_week(&fixture("valid/small-utf8"), &out),
        None,
        "no MOF download here"
    );
    for download in ["series/alpha/alpha.csv", "series/alpha-monthly/alpha-monthly.csv"] {
        let path = out.join(download);
        let original = fs::read_to_string(&path).expect("download");
        let mut lines: Vec<String> = original.lines().map(str::to_string).collect();
        let mut fields: Vec<String> = lines[2].split(',').map(str::to_string).collect();
        let net = if download.contains("monthly") { 1 } else { 6 };
        fields[net] = format!("{}1", fields[net]);
        lines[2] = fields.join(",");
        fs::write(&path, lines.join("\n") + "\n").expect("write");
        assert!(
            !check_figures(&root, &out).is_empty(),
            "{download}: a changed figure went unnoticed"
        );
        fs::write(&path, original).expect("restore");
    }
}
