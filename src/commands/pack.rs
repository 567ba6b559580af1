//! `dutygrid pack list|check|indicators` and the no-command summary.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use super::{Outcome, check_file, json};
use crate::cli::{JsonOrCsv, TextOrJson};
use crate::pack::Pack;
use crate::pack::library::Library;
use crate::pack::load::load_pack;
use crate::pack::validate::checked_warning;
use crate::source::diagnostic::Diagnostic;
use crate::text::clean_line;

#[derive(Serialize)]
struct Listed {
    id: String,
    title: String,
    edition: Option<String>,
    levels: usize,
    indicators: usize,
    /// When the contacts were last checked against the publisher's pages.
    checked: Option<chrono::NaiveDate>,
    source: String,
}

pub fn list(library: &Library, format: TextOrJson) -> Outcome {
    let mut listed = Vec::new();
    let mut stderr = String::new();
    for entry in &library.entries() {
        match &entry.pack {
            Ok(pack) => listed.push(Listed {
                id: pack.id.clone(),
                title: pack.title.clone(),
                edition: pack.edition.clone(),
                levels: pack.levels.len(),
                indicators: pack.indicator_count(),
                checked: pack.checked.as_ref().map(|c| c.on),
                source: entry.source.label(),
            }),
            Err(problems) => {
                let _ = writeln!(stderr, "{problems}");
            }
        }
    }
    for problems in &library.calendar_problems {
        let _ = writeln!(stderr, "{problems}");
    }
    for warning in &library.warnings {
        let _ = writeln!(stderr, "{warning}");
    }
    let stdout = match format {
        TextOrJson::Json => json(&listed),
        TextOrJson::Text => {
            let mut out = String::new();
            for l in &listed {
                let _ = writeln!(
                    out,
                    "{:<22} {} levels, {:>4} indicators  checked {:<10}  {}  [{}]",
                    clean_line(&l.id),
                    l.levels,
                    l.indicators,
                    l.checked.map_or_else(|| "never".to_string(), |d| d.to_string()),
                    clean_line(&l.title),
                    clean_line(&l.source)
                );
            }
            out
        }
    };
    Outcome { stdout, stderr, code: 0 }
}

pub fn check(library: &Library, paths: &[PathBuf], today: chrono::NaiveDate) -> Outcome {
    let calendars = library.calendar_ids();
    let open = |id: &str| library.open(id).ok().map(|(p, _)| p);
    let mut outcome = Outcome::default();
    for path in paths {
        // Scenario files live in a `scenarios` folder and are checked
        // against the pack they name.
        if path.parent().and_then(|p| p.file_name()).is_some_and(|n| n == "scenarios") {
            let load = |label: &str, bytes| crate::train::load(label, bytes, open);
            check_file(path, &mut outcome, load, |s: &crate::train::Scenario| {
                format!(
                    ": scenario {} for {}, {} reveal(s), {} expected item(s)",
                    clean_line(&s.id),
                    clean_line(&s.pack),
                    s.reveals.len(),
                    s.key.expected.len()
                )
            });
            continue;
        }
        // Vocabulary files are checked against the shipped packs: every
        // document term must be found in one of them.
        if path.parent().and_then(|p| p.file_name()).is_some_and(|n| n == "vocabulary") {
            let entries = library.entries();
            let shipped: Vec<&Pack> =
                entries.iter().filter(|e| e.source.is_builtin()).filter_map(|e| e.pack.as_ref().ok()).collect();
            let load = |label: &str, bytes| crate::pack::vocabulary::load_vocabulary(label, bytes, &shipped);
            check_file(path, &mut outcome, load, |v: &crate::pack::vocabulary::VocabularyFile| {
                format!(": vocabulary, {} phrase(s), {} abbreviation(s)", v.phrases.len(), v.abbreviations.len())
            });
            continue;
        }
        let load = |label: &str, bytes| load_pack(label, bytes, &calendars);
        let mut warnings = Vec::new();
        check_file(path, &mut outcome, load, |pack: &Pack| {
            warnings = library.clash_warnings(path, pack);
            if let Some(warning) = checked_warning(pack, today) {
                warnings.push(Diagnostic::whole_file(&path.display().to_string(), warning));
            }
            format!(
                ": {} ({}), {} levels, {} rows, {} indicators, {} immediate-referral items",
                clean_line(&pack.id),
                clean_line(&pack.title),
                pack.levels.len(),
                pack.all_rows().len(),
                pack.indicator_count(),
                pack.immediate.items.len()
            )
        });
        for warning in warnings {
            let _ = writeln!(outcome.stderr, "{warning}");
        }
    }
    outcome
}

/// One line of `pack indicators`, every value cleaned for a terminal or a
/// spreadsheet; the field order is the CSV's column order.
#[derive(Serialize)]
struct IndicatorRecord<'a> {
    id: String,
    level: Option<usize>,
    level_name: Option<String>,
    domain: &'a str,
    row: &'a str,
    text: &'a str,
    trigger: Option<String>,
}

fn records(pack: &Pack) -> Vec<IndicatorRecord<'_>> {
    pack.catalog()
        .entries()
        .iter()
        .map(|e| IndicatorRecord {
            id: clean_line(&e.id),
            level: e.level.map(|l| l + 1),
            level_name: e.level.and_then(|l| pack.levels.get(l)).map(|l| clean_line(&l.name)),
            domain: e.domain.as_deref().unwrap_or(""),
            row: &e.row,
            text: &e.text,
            trigger: e.link.as_deref().map(clean_line),
        })
        .collect()
}

pub fn indicators(library: &Library, id_or_path: &str, format: JsonOrCsv) -> Outcome {
    let pack = match library.open(id_or_path) {
        Ok((pack, _)) => pack,
        Err(err) => return Outcome::from_open_error(&err),
    };
    let records = records(&pack);
    match format {
        JsonOrCsv::Json => Outcome::ok(json(&records)),
        JsonOrCsv::Csv => match csv_of(&records) {
            Ok(out) => Outcome::ok(out),
            Err(err) => Outcome::failed(format!("cannot write CSV: {err}\n"), 1),
        },
    }
}

/// RFC 4180 CSV with a header row, quoted where a field needs it.
fn csv_of(records: &[IndicatorRecord<'_>]) -> Result<String, Box<dyn std::error::Error>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in records {
        writer.serialize(record)?;
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}

/// What `dutygrid` with no command prints until the grid exists.
pub fn summary(library: &Library, id: &str) -> Outcome {
    let pack = match library.open(id) {
        Ok((pack, _)) => pack,
        Err(err) => return Outcome::from_open_error(&err),
    };
    let mut out = String::new();
    let edition = pack.edition.as_deref().map(|e| format!(" ({})", clean_line(e))).unwrap_or_default();
    let _ = writeln!(out, "{}{edition}", clean_line(&pack.title));
    let _ = writeln!(out, "{}", clean_line(&pack.publisher));
    let _ = writeln!(out);
    for (n, level) in pack.levels.iter().enumerate() {
        let count = pack.catalog().grid().filter(|e| e.level == Some(n)).count();
        let _ = writeln!(out, "  {}. {:<32} {count:>4} indicators", n + 1, clean_line(&level.name));
    }
    let _ = writeln!(out, "  Immediate referral: {} items", pack.immediate.items.len());
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", clean_line(&pack.guidance_only));
    let _ = writeln!(out, "Try: dutygrid contact    dutygrid pack indicators {}    dutygrid --help", pack.id);
    Outcome::ok(out)
}

pub fn diff(library: &Library, from: &str, to: &str, format: TextOrJson) -> Outcome {
    let open = |id: &str| library.open(id).map(|(pack, _)| pack);
    let (a, b) = match (open(from), open(to)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(err), _) | (_, Err(err)) => return Outcome::from_open_error(&err),
    };
    let d = crate::diff::diff(&a, &b);
    match format {
        TextOrJson::Text => Outcome::ok(crate::diff::text(&d)),
        TextOrJson::Json => Outcome::ok(json(&d)),
    }
}
