//! The guide as search reads it: each passage, list item and field of each
//! section, and each line of the numbers directory, as an entry that knows
//! its place in the guide. "How this pack reads the document" is left out:
//! its transcribers' notes are about the pack, not advice for a call, and
//! they name every service and concern, so they would answer every query.

use super::engine::{Entry, Kind, Place};
use super::vocabulary::Phrase;
use crate::guide::{Block, Guide, Number, Section};
use crate::pack::Pack;
use crate::pack::vocabulary::VocabularyFile;

/// How a handler asks about the guidance ("consent refused", "disagree").
pub const GUIDE_PHRASES: &str = include_str!("guide.ron");

/// The guide's phrases; the file is tested, so a parse failure is a build
/// defect and yields none rather than a panic.
pub fn phrases() -> Vec<Phrase> {
    crate::source::ron_options().from_str::<VocabularyFile>(GUIDE_PHRASES).map(|v| v.phrases).unwrap_or_default()
}

/// Sections search does not read.
const UNREAD: [&str; 1] = ["about"];

/// A number line as a result: the number first, so a narrow screen cuts
/// the service's name, never the digits; and where the name is in it.
fn number_text(n: &Number) -> (String, std::ops::Range<u32>) {
    let lead = if n.numbers.is_empty() { String::new() } else { format!("{}  ", n.numbers.join(" or ")) };
    let start = u32::try_from(lead.chars().count()).unwrap_or(u32::MAX);
    let end = start.saturating_add(u32::try_from(n.name.chars().count()).unwrap_or(u32::MAX));
    let mut text = format!("{lead}{}", n.name);
    if n.numbers.is_empty() {
        text.push_str(" (no phone number)");
    }
    if n.non_emergency {
        text.push_str(" (not for emergencies)");
    }
    if let Some(words) = n.words.as_deref().filter(|w| *w != n.name) {
        text.push_str(" — ");
        text.push_str(words);
    }
    for c in &n.channels {
        text.push_str(&format!(" · {}: {}", c.key, c.value));
    }
    (text, start..end)
}

fn entries_of(section: &Section, out: &mut Vec<Entry>) {
    let place =
        |block: usize, item: usize| Place { section: section.id.clone(), title: section.title.clone(), block, item };
    let id = |p: &Place| format!("guide:{}:{}:{}", p.section, p.block, p.item);
    // (text, kind, id, a number's name)
    let mut found: Vec<(String, Kind, String, Option<std::ops::Range<u32>>)> = Vec::new();
    // The title alone, so a word of it ("disagree") finds the section's top.
    found.push((section.title.clone(), Kind::Passage(place(0, 0)), format!("guide:{}", section.id), None));
    for (b, block) in section.blocks.iter().enumerate() {
        match block {
            // dutygrid's own labels; the title stands for the section.
            Block::Heading { .. } => {}
            Block::Paragraph { text } => {
                let at = place(b, 0);
                found.push((text.clone(), Kind::Passage(at.clone()), id(&at), None));
            }
            // The immediate-referral list is searched as the items to tick;
            // its copy in the guide would only crowd them.
            Block::Items { .. } if section.id == "immediate" => {}
            Block::Items { items, .. } => {
                for (i, item) in items.iter().enumerate() {
                    let mut text = item.text.clone();
                    for sub in &item.sub {
                        text.push_str(" — ");
                        text.push_str(sub);
                    }
                    let at = place(b, i);
                    found.push((text, Kind::Passage(at.clone()), id(&at), None));
                }
            }
            Block::Fields { fields } => {
                for (i, f) in fields.iter().enumerate() {
                    let at = place(b, i);
                    found.push((format!("{}: {}", f.key, f.value), Kind::Passage(at.clone()), id(&at), None));
                }
            }
            Block::Number(n) => {
                let at = place(b, 0);
                let (text, name) = number_text(n);
                found.push((text, Kind::Number(at.clone()), id(&at), Some(name)));
            }
        }
    }
    for (text, kind, id, name) in found {
        let mut entry = Entry::new(&id, &text, None, &section.title);
        entry.weight = super::index::weight(&kind);
        entry.kind = kind;
        entry.name = name;
        out.push(entry);
    }
}

/// Every passage and number of the pack's guide, in reading order.
pub fn entries(pack: &Pack) -> Vec<Entry> {
    let guide = Guide::of(pack);
    let mut out = Vec::new();
    for section in guide.sections.iter().filter(|s| !UNREAD.contains(&s.id.as_str())) {
        entries_of(section, &mut out);
    }
    out
}
