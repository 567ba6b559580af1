//! What changed between two packs — two editions of a document, or two
//! areas' documents: indicators added, removed, reworded or moved, and
//! contact and hours changes. Pure.

use std::collections::{BTreeSet, HashSet};

use serde::Serialize;

use crate::pack::{ContactLine, Hours, Pack};
use crate::text::clean_line;

/// Wording at least this similar (0–1, shared words) counts as reworded.
pub const REWORDED_FROM: f64 = 0.6;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    pub id: String,
    pub text: String,
    /// 1-based level and its name.
    pub level: usize,
    pub level_name: String,
    pub row: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum IndicatorChange {
    Added { now: Place },
    Removed { was: Place },
    Reworded { was: Place, now: Place, similarity: f64 },
    Moved { was: Place, now: Place },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactChange {
    pub what: String,
    pub was: Option<String>,
    pub now: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackDiff {
    pub from: String,
    pub to: String,
    pub levels_from: Vec<String>,
    pub levels_to: Vec<String>,
    pub unchanged: usize,
    pub indicators: Vec<IndicatorChange>,
    pub contacts: Vec<ContactChange>,
}

fn places(pack: &Pack) -> Vec<Place> {
    pack.catalog()
        .grid()
        .filter_map(|e| {
            let level = e.level?;
            Some(Place {
                id: e.id.clone(),
                text: e.text.clone(),
                level: level + 1,
                level_name: clean_line(&pack.levels.get(level)?.name),
                row: e.row.clone(),
            })
        })
        .collect()
}

fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Shared words over all words (Dice): 1 for the same words, 0 for none.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let shared = a.intersection(&b).count();
    #[allow(clippy::cast_precision_loss)]
    let ratio = (2 * shared) as f64 / (a.len() + b.len()) as f64;
    ratio
}

fn normalise(text: &str) -> String {
    text.to_lowercase().replace(['’', '‘'], "'").split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn diff(a: &Pack, b: &Pack) -> PackDiff {
    let old = places(a);
    let new = places(b);
    let mut old_left: Vec<usize> = (0..old.len()).collect();
    let mut new_used: HashSet<usize> = HashSet::new();
    let mut changes = Vec::new();
    let mut unchanged = 0;
    // Same wording: unchanged, or moved to another level or row.
    old_left.retain(|&i| {
        let found = (0..new.len())
            .filter(|j| !new_used.contains(j) && normalise(&new[*j].text) == normalise(&old[i].text))
            .min_by_key(|j| usize::from(new[*j].level != old[i].level || new[*j].row != old[i].row));
        match found {
            Some(j) => {
                new_used.insert(j);
                if new[j].level == old[i].level && new[j].row == old[i].row {
                    unchanged += 1;
                } else {
                    changes.push(IndicatorChange::Moved { was: old[i].clone(), now: new[j].clone() });
                }
                false
            }
            None => true,
        }
    });
    // Similar wording: reworded, best pairs first.
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for &i in &old_left {
        for j in (0..new.len()).filter(|j| !new_used.contains(j)) {
            let s = similarity(&old[i].text, &new[j].text);
            if s >= REWORDED_FROM {
                pairs.push((s, i, j));
            }
        }
    }
    crate::sort::sort_by(&mut pairs, |x, y| y.0.total_cmp(&x.0));
    let mut old_done: HashSet<usize> = HashSet::new();
    for (s, i, j) in pairs {
        if old_done.contains(&i) || new_used.contains(&j) {
            continue;
        }
        old_done.insert(i);
        new_used.insert(j);
        changes.push(IndicatorChange::Reworded {
            was: old[i].clone(),
            now: new[j].clone(),
            similarity: (s * 100.0).round() / 100.0,
        });
    }
    for &i in old_left.iter().filter(|i| !old_done.contains(i)) {
        changes.push(IndicatorChange::Removed { was: old[i].clone() });
    }
    for (j, place) in new.iter().enumerate().filter(|(j, _)| !new_used.contains(j)) {
        let _ = j;
        changes.push(IndicatorChange::Added { now: place.clone() });
    }
    PackDiff {
        from: a.id.clone(),
        to: b.id.clone(),
        levels_from: a.levels.iter().map(|l| clean_line(&l.name)).collect(),
        levels_to: b.levels.iter().map(|l| clean_line(&l.name)).collect(),
        unchanged,
        indicators: changes,
        contacts: contacts(a, b),
    }
}

fn line(contact: &ContactLine) -> String {
    format!("{} {}", clean_line(&contact.name), contact.numbers.join(" / "))
}

fn hours(pack: &Pack) -> String {
    match &pack.contacts.hours {
        Hours::Weekly(s) => {
            let slots: Vec<String> = s.slots.iter().map(|x| format!("{:?} {}–{}", x.days, x.open, x.close)).collect();
            format!("{} ({})", slots.join(", "), clean_line(&s.as_printed))
        }
        Hours::NotStated(reason) => format!("not stated: {}", clean_line(reason)),
    }
}

fn contacts(a: &Pack, b: &Pack) -> Vec<ContactChange> {
    let mut out = Vec::new();
    let mut compare = |what: &str, was: Option<String>, now: Option<String>| {
        if was != now {
            out.push(ContactChange { what: what.to_string(), was, now });
        }
    };
    compare("office line", Some(line(&a.contacts.office)), Some(line(&b.contacts.office)));
    compare("office hours", Some(hours(a)), Some(hours(b)));
    compare(
        "out-of-hours line",
        a.contacts.out_of_hours.as_ref().map(line),
        b.contacts.out_of_hours.as_ref().map(line),
    );
    let set = |lines: &[ContactLine]| lines.iter().map(line).collect::<BTreeSet<String>>();
    for (what, was, now) in [
        ("emergency line", set(&a.contacts.emergency), set(&b.contacts.emergency)),
        ("other number", set(&a.contacts.other), set(&b.contacts.other)),
    ] {
        for gone in was.difference(&now) {
            compare(what, Some(gone.clone()), None);
        }
        for added in now.difference(&was) {
            compare(what, None, Some(added.clone()));
        }
    }
    out
}

fn place(p: &Place) -> String {
    format!("{} {} · {}", p.level, p.level_name, p.row)
}

pub fn text(d: &PackDiff) -> String {
    let count = |f: fn(&IndicatorChange) -> bool| d.indicators.iter().filter(|c| f(c)).count();
    let mut out = format!(
        "{} → {}: {} unchanged, {} reworded, {} moved, {} removed, {} added; {} contact change(s)\n",
        d.from,
        d.to,
        d.unchanged,
        count(|c| matches!(c, IndicatorChange::Reworded { .. })),
        count(|c| matches!(c, IndicatorChange::Moved { .. })),
        count(|c| matches!(c, IndicatorChange::Removed { .. })),
        count(|c| matches!(c, IndicatorChange::Added { .. })),
        d.contacts.len()
    );
    if d.levels_from != d.levels_to {
        out.push_str(&format!("\nlevels: {} → {}\n", d.levels_from.join(" | "), d.levels_to.join(" | ")));
    }
    if !d.contacts.is_empty() {
        out.push_str("\ncontacts:\n");
        for c in &d.contacts {
            out.push_str(&format!(
                "  {}: {} → {}\n",
                c.what,
                c.was.as_deref().unwrap_or("(none)"),
                c.now.as_deref().unwrap_or("(none)")
            ));
        }
    }
    for (title, pick) in [("reworded", 0), ("moved", 1), ("removed", 2), ("added", 3)] {
        let lines: Vec<String> = d
            .indicators
            .iter()
            .filter_map(|c| match (c, pick) {
                (IndicatorChange::Reworded { was, now, similarity }, 0) => Some(format!(
                    "  [{}] {}\n      was: {}\n      now: {}  ({:.0}% same words)",
                    place(now),
                    now.id,
                    was.text,
                    now.text,
                    similarity * 100.0
                )),
                (IndicatorChange::Moved { was, now }, 1) => {
                    Some(format!("  {}\n      from {} to {}", now.text, place(was), place(now)))
                }
                (IndicatorChange::Removed { was }, 2) => Some(format!("  - [{}] {}", place(was), was.text)),
                (IndicatorChange::Added { now }, 3) => Some(format!("  + [{}] {}", place(now), now.text)),
                _ => None,
            })
            .collect();
        if !lines.is_empty() {
            out.push_str(&format!("\n{title}:\n{}\n", lines.join("\n")));
        }
    }
    out
}
