#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The README's examples run as written: every `dutygrid …` line of its
//! ```sh blocks is run by `sh` against the built binary, from a folder that
//! has the repository's `packs/` and `keymaps/`, in a temporary home with a
//! records folder holding one call. Lines that are not `dutygrid` commands
//! (`cargo …`, and the `tmux …` lines, which need tmux and a terminal) are
//! not run.

mod support;

use std::path::Path;
use std::process::Stdio;

/// The full-screen examples, which need a terminal (tests/pty.rs runs the
/// app in one), and why each is not run here.
const SKIPPED: [(&str, &str); 4] = [
    ("dutygrid run --pack stoke-on-trent", "full screen: needs a terminal"),
    ("dutygrid run --keymap vim", "full screen: needs a terminal"),
    ("dutygrid run --at '2026-12-24 16:40'", "full screen: needs a terminal"),
    ("dutygrid train city-friday-teacher --present", "full screen: a training session needs a terminal"),
];

/// The placeholder the README uses for a record id; the test puts in the
/// id of the call it wrote.
const RECORD_ID: &str = "ID";

/// A line without its shell comment (a `#` outside quotes, at the start or
/// after a space).
fn without_comment(line: &str) -> &str {
    let mut quote = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if previous.is_whitespace() => return line[..i].trim_end(),
            _ => {}
        }
        previous = c;
    }
    line.trim_end()
}

/// The `dutygrid …` command lines of the README's sh blocks, in order.
fn examples(readme: &str) -> Vec<String> {
    let mut in_sh = false;
    let mut out = Vec::new();
    for line in readme.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_sh = !in_sh && trimmed == "```sh";
            continue;
        }
        let command = without_comment(trimmed);
        // The first word that is not an environment assignment (NO_COLOR=1).
        let program = command.split_whitespace().find(|w| !w.contains('='));
        if in_sh && program == Some("dutygrid") {
            out.push(command.to_string());
        }
    }
    out
}

/// Writes one ended call into the records folder and returns its id.
fn a_record(records: &Path) -> String {
    use dutygrid::call::store::Store;
    use dutygrid::call::{Call, Entry, PackStamp};
    let store = Store::open(records).expect("store");
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z").expect("time").to_utc();
    let pack = PackStamp { id: "nottingham-city".into(), title: "Threshold of Needs".into(), edition: None };
    let mut journal = store.create(&Call::new(pack, at, false)).expect("journal");
    journal.append(&Entry::Tick { id: "health-u1".into(), ticked: true, at }).expect("tick");
    journal.append(&Entry::End { at }).expect("end");
    journal.id()
}

#[test]
fn every_example_in_the_readme_runs_as_written() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(repo.join("README.md")).expect("README");
    let examples = examples(&readme);
    for (skipped, why) in SKIPPED {
        assert!(examples.iter().any(|e| e == skipped), "skipped ({why}) but not in the README: {skipped}");
    }
    let home = support::FakeHome::new();
    let work = home.path().join("work");
    std::fs::create_dir_all(&work).expect("work folder");
    for shipped in ["packs", "keymaps"] {
        std::os::unix::fs::symlink(repo.join(shipped), work.join(shipped)).expect("link");
    }
    let records = home.path().join("records");
    let id = a_record(&records);
    let binary = Path::new(env!("CARGO_BIN_EXE_dutygrid"));
    let path = std::env::join_paths(
        std::iter::once(binary.parent().expect("bin folder").to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .expect("PATH");
    let mut ran = Vec::new();
    let mut deleted = Vec::new();
    for example in &examples {
        if SKIPPED.iter().any(|(s, _)| s == example) {
            continue;
        }
        // Each `record delete` example deletes a record of its own, and is
        // answered with the first reason and a yes.
        let deletes = example.starts_with("dutygrid record delete");
        let target = if deletes { a_record(&records) } else { id.clone() };
        if deletes {
            deleted.push(target.clone());
        }
        let line =
            example.split(' ').map(|w| if w == RECORD_ID { target.as_str() } else { w }).collect::<Vec<_>>().join(" ");
        let answer = if deletes { "1\nyes\n" } else { "" };
        let mut command = std::process::Command::new("sh");
        support::isolate(&mut command, home.path())
            .args(["-c", &line])
            .current_dir(&work)
            .env("PATH", &path)
            .env("DUTYGRID_RECORDS", &records)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("sh");
        std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), answer.as_bytes()).expect("answer");
        let out = child.wait_with_output().expect("run");
        assert_eq!(
            out.status.code(),
            Some(0),
            "README example `{example}` failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty() || line.contains(" -o ") || line.contains(" delete "), "{example}: no output");
        ran.push(example.clone());
    }
    assert!(work.join("call.json").exists(), "the export example writes call.json");
    assert_eq!(deleted.len(), 2, "both delete examples ran");
    for gone in &deleted {
        assert!(!records.join(format!("{gone}.jsonl")).exists(), "the delete example deletes its record");
    }
    assert!(records.join(format!("{id}.jsonl")).exists(), "and no other");
    // Every example is either run or listed above with its reason.
    assert_eq!(ran.len() + SKIPPED.len(), examples.len(), "{ran:#?}");
    assert!(ran.len() >= 15, "{ran:#?}");
}

#[test]
fn comments_and_quotes_are_read_as_sh_reads_them() {
    assert_eq!(without_comment("dutygrid contact   # now"), "dutygrid contact");
    assert_eq!(
        without_comment("dutygrid run --at '10:00 # not a comment'"),
        "dutygrid run --at '10:00 # not a comment'"
    );
    assert_eq!(without_comment("# trainer"), "");
    let readme = "```sh\nNO_COLOR=1 dutygrid   # plain\ntmux new 'dutygrid'\n```\n```text\ndutygrid x\n```\n";
    assert_eq!(examples(readme), vec!["NO_COLOR=1 dutygrid"]);
}
