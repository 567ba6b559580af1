//! `dutygrid guide`: the document's guidance as one column of plain text,
//! Markdown or JSON, for a screen reader, a printed handout or a script.
//! No box drawing and no wrapping: the reader or printer wraps.

use std::fmt::Write as _;

use super::{Outcome, json};
use crate::cli::GuideFormat;
use crate::export::Esc;
use crate::guide::{Block, Guide, Number, Section};
use crate::pack::library::Library;

pub fn guide(library: &Library, id: &str, section: Option<&str>, format: GuideFormat) -> Outcome {
    let pack = match library.open(id) {
        Ok((pack, _)) => pack,
        Err(err) => return Outcome::from_open_error(&err),
    };
    let guide = Guide::of(&pack);
    let chosen: Vec<&Section> = match section.map(|s| guide.find(s)) {
        None => guide.sections.iter().collect(),
        Some(Ok(one)) => vec![one],
        Some(Err(err)) => return Outcome::failed(format!("{err}\n"), 2),
    };
    let whole = section.is_none();
    let stdout = match format {
        GuideFormat::Json if whole => json(&guide),
        GuideFormat::Json => json(&chosen),
        GuideFormat::Text => text(&guide, &chosen, whole),
        GuideFormat::Md => markdown(&guide, &chosen, whole),
    };
    Outcome::ok(stdout)
}

fn title_line(guide: &Guide) -> String {
    let edition = guide.edition.as_deref().map(|e| format!(" ({e})")).unwrap_or_default();
    format!("{}{edition}", guide.title)
}

/// A number as one line: "Name: 0115 876 4800 (live now)".
pub fn number_line(n: &Number) -> String {
    let numbers = if n.numbers.is_empty() { "no phone number".to_string() } else { n.numbers.join(" or ") };
    let mut marks = Vec::new();
    if n.live {
        marks.push("the line to ring now");
    }
    if n.non_emergency {
        marks.push("not for emergencies");
    }
    let marks = if marks.is_empty() { String::new() } else { format!(" ({})", marks.join(", ")) };
    format!("{}: {} — {numbers}{marks}", n.role.label(), n.name)
}

fn text(guide: &Guide, sections: &[&Section], whole: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n{}\n", title_line(guide), guide.publisher);
    if whole {
        let _ = writeln!(out, "Contents");
        for (n, (id, title)) in guide.contents().iter().enumerate() {
            let _ = writeln!(out, "  {}. {title} [{id}]", n + 1);
        }
        let _ = writeln!(out);
    }
    for section in sections {
        let n = guide.sections.iter().position(|s| s.id == section.id).map_or(0, |i| i + 1);
        let _ = writeln!(out, "{n}. {}\n", section.title);
        for block in &section.blocks {
            match block {
                Block::Heading { text } => {
                    let _ = writeln!(out, "{text}:");
                }
                Block::Paragraph { text } => {
                    let _ = writeln!(out, "{text}\n");
                }
                Block::Items { numbered, items } => {
                    for (i, item) in items.iter().enumerate() {
                        let mark = if *numbered { format!("{}.", i + 1) } else { "-".to_string() };
                        let _ = writeln!(out, "  {mark} {}", item.text);
                        for sub in &item.sub {
                            let _ = writeln!(out, "      - {sub}");
                        }
                    }
                    let _ = writeln!(out);
                }
                Block::Fields { fields } => {
                    for f in fields {
                        let _ = writeln!(out, "{}: {}", f.key, f.value);
                    }
                    let _ = writeln!(out);
                }
                Block::Number(number) => {
                    let _ = writeln!(out, "{}", number_line(number));
                    if let Some(words) = &number.words {
                        let _ = writeln!(out, "  {words}");
                    }
                    for c in &number.channels {
                        let _ = writeln!(out, "  {}: {}", c.key, c.value);
                    }
                    let _ = writeln!(out);
                }
            }
        }
    }
    out
}

fn markdown(guide: &Guide, sections: &[&Section], whole: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n\n{}\n", Esc(&title_line(guide)), Esc(&guide.publisher));
    if whole {
        for (n, (id, title)) in guide.contents().iter().enumerate() {
            let _ = writeln!(out, "{}. {} (`{id}`)", n + 1, Esc(title));
        }
        let _ = writeln!(out);
    }
    for section in sections {
        let _ = writeln!(out, "## {}\n", Esc(&section.title));
        for block in &section.blocks {
            match block {
                Block::Heading { text } => {
                    let _ = writeln!(out, "### {}\n", Esc(text));
                }
                Block::Paragraph { text } => {
                    let _ = writeln!(out, "{}\n", Esc(text));
                }
                Block::Items { numbered, items } => {
                    for (i, item) in items.iter().enumerate() {
                        let mark = if *numbered { format!("{}.", i + 1) } else { "-".to_string() };
                        let _ = writeln!(out, "{mark} {}", Esc(&item.text));
                        for sub in &item.sub {
                            let _ = writeln!(out, "    - {}", Esc(sub));
                        }
                    }
                    let _ = writeln!(out);
                }
                Block::Fields { fields } => {
                    for f in fields {
                        let _ = writeln!(out, "- **{}:** {}", Esc(&f.key), Esc(&f.value));
                    }
                    let _ = writeln!(out);
                }
                Block::Number(number) => {
                    let _ = writeln!(out, "- **{}**", Esc(&number_line(number)));
                    if let Some(words) = &number.words {
                        let _ = writeln!(out, "    - {}", Esc(words));
                    }
                    for c in &number.channels {
                        let _ = writeln!(out, "    - {}: {}", Esc(&c.key), Esc(&c.value));
                    }
                    let _ = writeln!(out);
                }
            }
        }
    }
    out
}
