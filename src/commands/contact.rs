//! `dutygrid contact`: the number to ring at an instant, read aloud or as JSON.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use super::{Outcome, json};
use crate::app::contact_now::{Line, immediate_danger_lines, non_emergency_lines};
use crate::cli::TextOrJson;
use crate::guide::Guide;
use crate::hours::at::parse_at;
use crate::pack::library::Library;
use crate::pack::resolve::{Answer, LineKind, pack_zone, resolve};
use crate::pack::{ContactLine, Hours, Pack};
use crate::text::clean_line;

#[derive(Serialize)]
struct LineJson<'a> {
    name: &'a str,
    number: Option<&'a str>,
    numbers: &'a [String],
    words: Option<&'a str>,
}

impl<'a> LineJson<'a> {
    fn of(line: &'a ContactLine) -> Self {
        LineJson {
            name: &line.name,
            number: line.numbers.first().map(String::as_str),
            numbers: &line.numbers,
            words: line.words.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct ContactJson<'a> {
    pack: &'a str,
    at: String,
    timezone: &'a str,
    line: LineKind,
    name: &'a str,
    number: Option<&'a str>,
    words: Option<&'a str>,
    reason: &'a str,
    until: Option<String>,
    emergency: String,
    office: LineJson<'a>,
    out_of_hours: Option<LineJson<'a>>,
    note: Option<String>,
    /// Where the pack came from when it is not the built-in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pack_source: Option<String>,
}

/// The lines for immediate danger, then any non-emergency line, labelled
/// as such: "Police 999 — …; not for emergencies: Police 101". Where the
/// document prints no emergency line, dutygrid's own 999, saying so.
pub fn emergency_words(pack: &Pack) -> String {
    let words = |l: &Line| {
        let words = l.words.as_deref().map(|w| format!(" — {w}")).unwrap_or_default();
        format!("{} {}{words}", l.name, l.numbers)
    };
    let mut lines: Vec<String> =
        immediate_danger_lines(pack).iter().map(|l| format!("Child in immediate danger: {}", words(l))).collect();
    lines.extend(non_emergency_lines(pack).iter().map(|l| format!("not for emergencies: {}", words(l))));
    lines.join("; ")
}

/// The pack asked for at the instant asked for.
struct Asked {
    pack: Pack,
    /// Where the pack came from when it is not the built-in one: numbers
    /// from a file are not the ones shipped and checked, so say so.
    not_builtin: Option<String>,
    instant: DateTime<Utc>,
    note: Option<String>,
}

fn ask(library: &Library, id: &str, at: Option<&str>, now: DateTime<Utc>) -> Result<Asked, Outcome> {
    let (pack, source) = library.open(id).map_err(|err| Outcome::from_open_error(&err))?;
    let not_builtin = (!source.is_builtin()).then(|| source.describe());
    let (instant, note) = match at.map(|text| parse_at(text, pack_zone(&pack))) {
        None => (now, None),
        Some(Ok(parsed)) => (parsed.utc, parsed.note),
        Some(Err(err)) => return Err(Outcome::failed(format!("--at: {err}\n"), 1)),
    };
    Ok(Asked { pack, not_builtin, instant, note })
}

fn answer<'a>(library: &Library, pack: &'a Pack, instant: DateTime<Utc>) -> Answer<'a> {
    let calendar = match &pack.contacts.hours {
        Hours::Weekly(schedule) => schedule.closed_on.as_deref().and_then(|c| library.calendar(c)),
        Hours::NotStated(_) => None,
    };
    resolve(pack, calendar, instant)
}

#[derive(Serialize)]
struct DirectoryJson<'a> {
    pack: &'a str,
    at: String,
    timezone: &'a str,
    numbers: Vec<&'a crate::guide::Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pack_source: Option<String>,
}

/// `contact --all`: the numbers directory, with the line to ring at the
/// instant marked.
pub fn all(library: &Library, id: &str, at: Option<&str>, format: TextOrJson, now: DateTime<Utc>) -> Outcome {
    let Asked { pack, not_builtin, instant, note } = match ask(library, id, at, now) {
        Ok(asked) => asked,
        Err(outcome) => return outcome,
    };
    let answer = answer(library, &pack, instant);
    let mut guide = Guide::of(&pack);
    // Where the document states no hours, no line is the one to ring: the
    // first line says so and gives both.
    if answer.line != LineKind::Unknown {
        guide.mark_live(&answer.contact.id);
    }
    let stderr = note.as_ref().map(|n| format!("note: {n}\n")).unwrap_or_default();
    let stdout = match format {
        TextOrJson::Json => json(&DirectoryJson {
            pack: &pack.id,
            at: answer.local.to_rfc3339_opts(SecondsFormat::Secs, true),
            timezone: &pack.timezone,
            numbers: guide.numbers().collect(),
            pack_source: not_builtin,
        }),
        TextOrJson::Text => {
            let mut out = text_line(&pack, &answer);
            for number in guide.numbers() {
                out.push_str(&super::guide::number_line(number));
                out.push('\n');
                if let Some(words) = &number.words {
                    out.push_str(&format!("  {words}\n"));
                }
                for c in &number.channels {
                    out.push_str(&format!("  {}: {}\n", c.key, c.value));
                }
            }
            if let Some(d) = not_builtin {
                out.push_str(&format!("Pack from {d}\n"));
            }
            out
        }
    };
    Outcome { stdout, stderr, code: 0 }
}

pub fn contact(library: &Library, id: &str, at: Option<&str>, format: TextOrJson, now: DateTime<Utc>) -> Outcome {
    let Asked { pack, not_builtin, instant, note } = match ask(library, id, at, now) {
        Ok(asked) => asked,
        Err(outcome) => return outcome,
    };
    let answer = answer(library, &pack, instant);
    let stderr = note.as_ref().map(|n| format!("note: {n}\n")).unwrap_or_default();
    let stdout = match format {
        TextOrJson::Text => {
            let from = not_builtin.as_ref().map(|d| format!("Pack from {d}\n")).unwrap_or_default();
            text_line(&pack, &answer) + &from
        }
        TextOrJson::Json => json(&ContactJson {
            pack: &pack.id,
            at: answer.local.to_rfc3339_opts(SecondsFormat::Secs, true),
            timezone: &pack.timezone,
            line: answer.line,
            name: &answer.contact.name,
            number: answer.contact.numbers.first().map(String::as_str),
            words: answer.contact.words.as_deref(),
            reason: &answer.reason,
            until: answer.until.map(|u| u.to_rfc3339_opts(SecondsFormat::Secs, true)),
            emergency: emergency_words(&pack),
            office: LineJson::of(&pack.contacts.office),
            out_of_hours: pack.contacts.out_of_hours.as_ref().map(LineJson::of),
            note,
            pack_source: not_builtin,
        }),
    };
    Outcome { stdout, stderr, code: 0 }
}

/// "Ring …" as a person would read it aloud.
pub fn text_line(pack: &Pack, answer: &Answer<'_>) -> String {
    let when = answer.local.format("%a %d %b %Y %H:%M %Z");
    let numbers = |l: &ContactLine| format!("{} on {}", l.name, l.numbers.join(" or "));
    let until = answer.until.map(|u| format!(", until {}", u.format("%H:%M %a %d %b"))).unwrap_or_default();
    let head = match answer.line {
        LineKind::Office => format!("{}{until}: ring {}.", answer.reason, numbers(answer.contact)),
        LineKind::OutOfHours => {
            let words = answer.contact.words.as_deref().map(|w| format!(" {w}")).unwrap_or_default();
            format!("Out of hours — {}{until}: ring {}.{words}", answer.reason, numbers(answer.contact))
        }
        LineKind::Unknown => {
            let other = answer.alternative.map(|l| format!(" Out of hours: {}.", numbers(l))).unwrap_or_default();
            format!("Hours not stated by the document ({}): {}.{other}", answer.reason, numbers(answer.contact))
        }
    };
    format!("{when}: {} {}\n", clean_line(&head), clean_line(&emergency_words(pack)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(id: &str) -> Option<Pack> {
        Library::load(None).open(id).ok().map(|(pack, _)| pack)
    }

    #[test]
    fn a_document_without_an_emergency_line_gets_dutygrids_own_999_saying_so() {
        let words = pack("nottingham-fsp-2014").map(|p| emergency_words(&p)).unwrap_or_default();
        assert_eq!(
            words,
            "Child in immediate danger: Police 999 — dutygrid's own line: the document prints no emergency number"
        );
    }

    #[test]
    fn a_non_emergency_line_is_said_to_be_one() {
        let words = pack("stoke-on-trent").map(|p| emergency_words(&p)).unwrap_or_default();
        assert!(words.starts_with("Child in immediate danger: Staffordshire Police 999"), "{words}");
        assert!(words.contains("; not for emergencies: Staffordshire Police (non-emergency calls) 101"), "{words}");
    }
}
