#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Malformed packs: each gives its own message at the right line:col, and no
//! input makes the loader panic or hang.

use dutygrid::pack::load::load_pack;
use dutygrid::source::diagnostic::Diagnostics;

const VALID: &str = include_str!("fixtures/valid.ron");

fn calendars() -> Vec<String> {
    vec!["england-and-wales".to_string()]
}

fn load(source: &[u8]) -> Result<dutygrid::pack::Pack, Diagnostics> {
    load_pack("area.ron", source.to_vec(), &calendars())
}

/// The 1-based line and column of the `nth` occurrence of `needle`.
fn position_of(source: &str, needle: &str, nth: usize) -> (usize, usize) {
    let offset = source.match_indices(needle).nth(nth).map(|(i, _)| i).expect("needle in source");
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn replace_once(from: &str, to: &str) -> String {
    assert!(VALID.contains(from), "fixture lacks {from:?}");
    VALID.replacen(from, to, 1)
}

struct Case {
    name: &'static str,
    source: String,
    /// Where the problem should be reported: (needle, occurrence).
    at: Option<(&'static str, usize)>,
    message: &'static str,
}

fn cases() -> Vec<Case> {
    let seven_levels = {
        let level = |n: usize| format!("(id: \"l{n}\", name: \"L{n}\", description: \"d\"),");
        let levels: String = (0..7).map(level).collect();
        replace_once("levels: [", &format!("levels: [{levels}"))
    };
    vec![
        Case {
            name: "truncated file",
            source: VALID[..VALID.find("immediate: (").expect("fixture")].to_string(),
            at: None,
            message: "Unexpected end of RON",
        },
        Case { name: "empty file", source: String::new(), at: None, message: "Expected opening `(` for struct `Pack`" },
        Case {
            name: "wrong type",
            source: replace_once("timezone: \"Europe/London\"", "timezone: 1"),
            at: Some((" 1,", 0)), // ron points at the gap before the value
            message: "Expected string",
        },
        Case {
            name: "unknown field",
            source: replace_once("edition: \"2025\",", "edition: \"2025\",\n    colour: \"red\","),
            at: Some(("colour", 0)),
            message: "Unexpected field named `colour`",
        },
        Case {
            name: "missing required field",
            source: replace_once("    title: \"Test Area Threshold of Need\",\n", ""),
            at: None,
            message: "Unexpected missing field named `title`",
        },
        Case {
            name: "duplicate indicator id",
            source: replace_once("(id: \"edu-eh1\"", "(id: \"health-eh1\""),
            at: Some(("\"health-eh1\"", 1)),
            message: "duplicate indicator id \"health-eh1\"",
        },
        Case {
            name: "duplicate level id",
            source: replace_once("(id: \"protection\", name", "(id: \"early-help\", name"),
            at: Some(("\"early-help\"", 1)),
            message: "duplicate level id \"early-help\"",
        },
        Case {
            name: "duplicate row id",
            source: replace_once("id: \"education\"", "id: \"health\""),
            at: Some(("\"health\"", 1)),
            message: "duplicate row id \"health\"",
        },
        Case {
            name: "dangling trigger link",
            source: replace_once("trigger: \"imm-bruising\"", "trigger: \"imm-bruises\""),
            at: Some(("\"imm-bruises\"", 0)),
            message: "links to \"imm-bruises\", which is not an immediate-referral item",
        },
        Case {
            name: "overlapping hours",
            source: replace_once("(days: [Fri], open: \"08:30\"", "(days: [Thu, Fri], open: \"08:30\""),
            at: Some(("\"08:30\"", 1)),
            message: "Thu 08:30–16:30 overlaps another slot",
        },
        Case {
            name: "opening after closing",
            source: replace_once("open: \"08:30\", close: \"17:00\"", "open: \"17:00\", close: \"08:30\""),
            at: Some(("\"17:00\"", 0)),
            message: "opening time 17:00 is not before closing time 08:30",
        },
        Case {
            name: "badly written time",
            source: replace_once("open: \"08:30\", close: \"17:00\"", "open: \"8.30am\", close: \"17:00\""),
            at: Some(("8.30am", 0)),
            message: "\"8.30am\" is not a time of day",
        },
        Case {
            name: "unknown day",
            source: replace_once("[Fri]", "[Funday]"),
            at: Some(("Funday", 0)),
            message: "Unexpected variant named `Funday` in enum `Day`",
        },
        Case {
            name: "unknown time zone",
            source: replace_once("\"Europe/London\"", "\"Europe/Nottingham\""),
            at: Some(("\"Europe/Nottingham\"", 0)),
            message: "unknown time zone \"Europe/Nottingham\"",
        },
        Case {
            // A real zone, but the binary keeps only the zones its packs
            // need (chrono-tz's filter): the error must say so.
            name: "a real time zone the binary does not carry",
            source: replace_once("\"Europe/London\"", "\"America/New_York\""),
            at: Some(("\"America/New_York\"", 0)),
            message: "unknown time zone \"America/New_York\": dutygrid knows only these time zones: Europe/London",
        },
        Case {
            name: "unknown calendar",
            source: replace_once("closed_on: \"england-and-wales\"", "closed_on: \"scotland\""),
            at: Some(("\"scotland\"", 0)),
            message: "unknown calendar \"scotland\"",
        },
        Case {
            name: "implausible phone number",
            source: replace_once("\"0115 876 1000\"", "\"0115 876 100\""),
            at: Some(("\"0115 876 100\"", 0)),
            message: "\"0115 876 100\" is not a plausible UK phone number",
        },
        Case {
            name: "no levels",
            source: {
                let start = VALID.find("    levels: [").expect("levels");
                let end = VALID[start..].find("    ],\n").expect("end of levels") + start + "    ],\n".len();
                format!("{}    levels: [],\n{}", &VALID[..start], &VALID[end..])
            },
            at: Some(("levels: [", 0)),
            message: "a pack has 2 to 6 levels; this one has 0",
        },
        Case { name: "seven levels", source: seven_levels, at: Some(("levels: [", 0)), message: "this one has 9" },
        Case {
            name: "cell for unknown level",
            source: replace_once("(level: \"protection\", empty: true)", "(level: \"protecton\", empty: true)"),
            at: Some(("\"protecton\"", 0)),
            message: "has a cell for unknown level \"protecton\"",
        },
        Case {
            name: "missing cell",
            source: replace_once("(level: \"protection\", empty: true),", ""),
            at: Some(("\"education\"", 0)),
            message: "row \"education\" has no cell for level \"protection\"",
        },
        Case {
            name: "blank cell not marked empty",
            source: replace_once("(level: \"protection\", empty: true)", "(level: \"protection\")"),
            at: Some(("\"protection\")", 0)),
            message: "no indicators; write `empty: true`",
        },
        Case {
            name: "cell marked empty with indicators",
            source: replace_once(
                "(level: \"early-help\", indicators: [(id: \"edu-eh1\"",
                "(level: \"early-help\", empty: true, indicators: [(id: \"edu-eh1\"",
            ),
            at: None,
            message: "a cell marked empty lists indicators",
        },
        Case {
            name: "unknown row shape",
            source: replace_once("rows: Domains([", "rows: Grid(["),
            at: Some(("Grid", 0)),
            message: "Unexpected variant named `Grid` in enum `Rows`",
        },
        Case {
            name: "bad pack id",
            source: replace_once("id: \"test-area\"", "id: \"Test Area\""),
            at: Some(("\"Test Area\"", 0)),
            message: "pack id \"Test Area\" must be lower-case letters, digits and '-'",
        },
        Case {
            name: "empty indicator text",
            source: replace_once("text: \"Poor attendance\"", "text: \"  \""),
            at: Some(("\"  \"", 0)),
            message: "an indicator has no text",
        },
    ]
}

#[test]
fn the_fixture_itself_is_valid() {
    let pack = load(VALID.as_bytes()).map_err(|d| d.to_string());
    assert!(pack.is_ok(), "{pack:?}");
}

#[test]
fn each_malformed_pack_gets_its_own_message_at_its_position() {
    let cases = cases();
    assert!(cases.len() >= 20);
    let mut failures = Vec::new();
    for case in cases {
        let result = load(case.source.as_bytes());
        let Err(diagnostics) = result else {
            failures.push(format!("{}: loaded without error", case.name));
            continue;
        };
        let Some(found) = diagnostics.0.iter().find(|d| d.message.contains(case.message)) else {
            failures.push(format!("{}: no {:?} in\n{diagnostics}", case.name, case.message));
            continue;
        };
        if let Some((needle, nth)) = case.at {
            let (line, col) = position_of(&case.source, needle, nth);
            if (found.at.line, found.at.col) != (line, col) {
                failures.push(format!("{}: expected {line}:{col}, got {found}", case.name));
            }
        }
        let prefix = format!("area.ron:{}:{}: ", found.at.line, found.at.col);
        if !found.to_string().starts_with(&prefix) {
            failures.push(format!("{}: shown as {found}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn non_utf8_bytes_are_reported_where_they_are() {
    let mut bytes = VALID.as_bytes().to_vec();
    let at = VALID.find("Missed").expect("fixture text");
    bytes[at] = 0xff;
    let err = load(&bytes).err().map(|d| d.to_string()).unwrap_or_default();
    let (line, col) = position_of(VALID, "Missed", 0);
    assert_eq!(err, format!("area.ron:{line}:{col}: the file is not valid UTF-8 text (save it as UTF-8)"));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let source = replace_once("[\"No known errors.\"]", &nested);
    let err = load(source.as_bytes()).err().map(|d| d.to_string()).unwrap_or_default();
    let (line, col) = position_of(&source, "[[", 0);
    assert_eq!(err, format!("area.ron:{line}:{}: Expected string", col + 1));
    let top_level = "(".repeat(100_000);
    let err = load(top_level.as_bytes()).err().map(|d| d.to_string()).unwrap_or_default();
    assert!(err.starts_with("area.ron:1:2: "), "{err}");
}

#[test]
fn every_problem_in_a_file_is_reported_together() {
    let source = replace_once("trigger: \"imm-bruising\"", "trigger: \"nowhere\"")
        .replacen("\"0115 876 1000\"", "\"12345\"", 1)
        .replacen("(id: \"edu-eh1\"", "(id: \"health-eh1\"", 1);
    let diagnostics = load(source.as_bytes()).err().map(|d| d.0).unwrap_or_default();
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(diagnostics.len(), 3, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("nowhere")));
    assert!(messages.iter().any(|m| m.contains("12345")));
    assert!(messages.iter().any(|m| m.contains("duplicate indicator id")));
    let lines: Vec<usize> = diagnostics.iter().map(|d| d.at.line).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "sorted by position: {lines:?}");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn truncated_or_corrupted_packs_give_errors_not_panics(
            cut in 0..VALID.len(),
            at in 0..VALID.len(),
            byte in any::<u8>(),
        ) {
            let mut bytes = VALID.as_bytes()[..cut].to_vec();
            if at < bytes.len() {
                bytes[at] = byte;
            }
            let _ = load(&bytes);
        }

        #[test]
        fn arbitrary_text_gives_errors_not_panics(text in "\\PC{0,200}") {
            prop_assert!(load(text.as_bytes()).is_err());
        }
    }
}

fn first_error(source: &str) -> String {
    load(source.as_bytes()).err().and_then(|d| d.0.first().map(ToString::to_string)).unwrap_or_default()
}

#[test]
fn a_nul_in_a_string_is_refused_where_it_is() {
    let source = replace_once("\"Poor attendance\"", "\"Poor\0 attendance\"");
    let (line, col) = position_of(&source, "\0", 0);
    assert_eq!(
        first_error(&source),
        format!("area.ron:{line}:{col}: a NUL character (byte 0) is not allowed in the file")
    );
    for escaped in ["\"Poor\\0 attendance\"", "\"Poor\\u{0} attendance\"", "\"Poor\\x00 attendance\""] {
        let source = replace_once("\"Poor attendance\"", escaped);
        let (line, col) = position_of(&source, escaped, 0);
        let err = first_error(&source);
        assert!(err.starts_with(&format!("area.ron:{line}:{col}: this string holds a NUL character")), "{err}");
    }
}

#[test]
fn a_byte_order_mark_is_accepted_and_positions_stay_right() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(VALID.as_bytes());
    assert!(load(&bytes).is_ok(), "{:?}", load(&bytes).err().map(|d| d.to_string()));
    let broken = replace_once("trigger: \"imm-bruising\"", "trigger: \"imm-bruises\"");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(broken.as_bytes());
    let (line, col) = position_of(&broken, "\"imm-bruises\"", 0);
    let err = load(&bytes).err().map(|d| d.to_string()).unwrap_or_default();
    assert!(err.starts_with(&format!("area.ron:{line}:{col}: ")), "{err}");
}

#[test]
fn problems_in_strings_with_escapes_are_located() {
    let source = replace_once("(id: \"edu-eh1\"", "(id: \"health\\u{2d}eh1\"");
    let (line, col) = position_of(&source, "\"health\\u{2d}eh1\"", 0);
    assert_eq!(
        first_error(&source),
        format!("area.ron:{line}:{col}: duplicate indicator id \"health-eh1\": ids must be unique")
    );
}

#[test]
fn an_unclosed_block_comment_is_reported_where_it_opens() {
    let source = replace_once("    notes: [\"No known errors.\"],", "    /* notes: [\"No known errors.\"],");
    let (line, col) = position_of(&source, "/*", 0);
    assert_eq!(first_error(&source), format!("area.ron:{line}:{col}: this block comment is never closed with */"));
}

#[test]
fn an_unterminated_string_is_reported_where_it_opens() {
    let source = replace_once("title: \"Test Area Threshold of Need\",", "title: \"Test Area Threshold of Need,");
    let (line, col) = position_of(&source, "\"Test Area", 0);
    let err = first_error(&source);
    assert!(err.starts_with(&format!("area.ron:{line}:{col}: ")), "{err}");
    assert!(err.contains('"'), "{err}");
    // The last string of a file, never closed.
    let cut = &VALID[..VALID.find("Missed health").expect("fixture")];
    let (line, col) = position_of(cut, "\"", cut.matches('"').count() - 1);
    let err = first_error(cut);
    assert!(err.starts_with(&format!("area.ron:{line}:{col}: this string is never closed")), "{err}");
}

#[test]
fn messages_are_capped_at_the_first_hundred() {
    let many: String =
        (0..250).map(|i| format!("(id: \"dup-{i}\", text: \"t\"),\n(id: \"dup-{i}\", text: \"t\"),\n")).collect();
    let source = replace_once("(id: \"health-eh1\", text: \"Missed health appointments\"),", &many);
    let shown = load(source.as_bytes()).err().map(|d| d.to_string()).unwrap_or_default();
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines.len(), 101, "{shown}");
    assert!(lines[0].contains("\"dup-0\""), "{}", lines[0]);
    assert_eq!(lines[100], "area.ron: … and 150 more problems");
}

#[test]
fn validation_time_is_linear_in_the_number_of_problems() {
    let source = |n: usize| {
        let many: String =
            (0..n).map(|i| format!("(id: \"dup-{i}\", text: \"t\"),\n(id: \"dup-{i}\", text: \"t\"),\n")).collect();
        replace_once("(id: \"health-eh1\", text: \"Missed health appointments\"),", &many)
    };
    let time = |text: &str| {
        let start = std::time::Instant::now();
        let problems = load(text.as_bytes()).err().map(|d| d.0.len()).unwrap_or_default();
        (start.elapsed(), problems)
    };
    let (small, small_count) = time(&source(2_500));
    let (large, large_count) = time(&source(25_000));
    assert_eq!((small_count, large_count), (2_500, 25_000));
    // Ten times the problems: linear is ~10x, quadratic ~100x (32 s in a
    // debug build before). The bound leaves room for a busy machine.
    assert!(large < small * 40 + std::time::Duration::from_millis(500), "2,500: {small:?}, 25,000: {large:?}");
    assert!(large < std::time::Duration::from_secs(10), "{large:?}");
}
