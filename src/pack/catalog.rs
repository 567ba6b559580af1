//! Every tickable item of a pack, with where it sits and whether ticking it
//! raises the immediate-protection alert: built once per pack, so the grid,
//! search, the summary, the banner, export, diff and the CLI all read the
//! same answer, and text is cleaned once.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::model::{AppliesTo, Pack};
use crate::text::clean_line;

/// Where the immediate-referral list's items say they sit, in words.
pub const IMMEDIATE_ROW: &str = "Immediate referral";

/// One tickable item: a grid indicator, an immediate-referral item or one
/// of its sub-points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    /// The document's wording, cleaned for showing.
    pub text: String,
    /// A sub-point's text after its item's ("Injury — to a baby"); the same
    /// as `text` otherwise.
    pub full_text: String,
    /// 0-based level, lowest first; `None` on the immediate-referral list.
    pub level: Option<usize>,
    /// The row's id; empty on the immediate-referral list.
    pub row_id: String,
    /// The row's name, cleaned; [`IMMEDIATE_ROW`] on the immediate-referral list.
    pub row: String,
    /// The domain's name, cleaned, where the grid has domains.
    pub domain: Option<String>,
    /// A sub-point on the immediate-referral list.
    pub is_sub: bool,
    /// What the pack links it to, as written: a grid indicator's `trigger`
    /// (an item or a sub-point) or a sub-point's item.
    pub link: Option<String>,
    /// The immediate-referral item it stands for: itself, its item, or the
    /// item a grid indicator links to.
    pub trigger: Option<String>,
    /// Ticking it raises the immediate-protection alert: it stands for an
    /// immediate-referral item, or it sits at a level marked
    /// `immediate_protection`.
    pub alert: bool,
    pub applies_to: Option<AppliesTo>,
}

/// The entries in document order: grid indicators row by row, each row's
/// cells in level order; then the immediate-referral items, each followed by
/// its sub-points.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
}

impl Entry {
    /// As a list of results shows it: a sub-point's own words first
    /// ("to a baby — Injury"), since sub-points of one item read alike at
    /// their start; `full_text` otherwise.
    pub fn listed_text(&self) -> String {
        match self.full_text.strip_suffix(&format!(" — {}", self.text)) {
            Some(item) if self.is_sub => format!("{} — {item}", self.text),
            _ => self.full_text.clone(),
        }
    }
}

impl Catalog {
    pub fn build(pack: &Pack) -> Catalog {
        // An id of an immediate item or sub-point → the item's id.
        let mut item_of: HashMap<&str, &str> = HashMap::new();
        for item in &pack.immediate.items {
            item_of.insert(&item.id, &item.id);
            for sub in &item.sub {
                item_of.insert(&sub.id, &item.id);
            }
        }
        let mut entries = Vec::new();
        for (domain, row) in pack.all_rows() {
            for (level, level_def) in pack.levels.iter().enumerate() {
                for indicator in row.cells.iter().filter(|c| c.level == level_def.id).flat_map(|c| &c.indicators) {
                    let trigger = indicator.trigger.as_deref().and_then(|t| item_of.get(t)).map(|t| t.to_string());
                    let text = clean_line(&indicator.text);
                    entries.push(Entry {
                        id: indicator.id.clone(),
                        full_text: text.clone(),
                        text,
                        level: Some(level),
                        row_id: row.id.clone(),
                        row: clean_line(&row.name),
                        domain: domain.map(|d| clean_line(&d.name)),
                        is_sub: false,
                        link: indicator.trigger.clone(),
                        alert: trigger.is_some() || level_def.immediate_protection,
                        trigger,
                        applies_to: indicator.applies_to.clone(),
                    });
                }
            }
        }
        for item in &pack.immediate.items {
            let item_text = clean_line(&item.text);
            let on_list = |id: &str, text: String, full_text: String, is_sub: bool| Entry {
                id: id.to_string(),
                text,
                full_text,
                level: None,
                row_id: String::new(),
                row: IMMEDIATE_ROW.to_string(),
                domain: None,
                is_sub,
                link: is_sub.then(|| item.id.clone()),
                trigger: Some(item.id.clone()),
                alert: true,
                applies_to: if is_sub { None } else { item.applies_to.clone() },
            };
            entries.push(on_list(&item.id, item_text.clone(), item_text.clone(), false));
            for sub in &item.sub {
                let text = clean_line(&sub.text);
                entries.push(on_list(&sub.id, text.clone(), format!("{item_text} — {text}"), true));
            }
        }
        let mut by_id = HashMap::new();
        for (n, entry) in entries.iter().enumerate() {
            // Ids are unique in a valid pack; the first wins otherwise.
            by_id.entry(entry.id.clone()).or_insert(n);
        }
        Catalog { entries, by_id }
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).and_then(|&n| self.entries.get(n))
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The grid indicators, in document order.
    pub fn grid(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.level.is_some())
    }

    /// The immediate-referral items and sub-points, in document order.
    pub fn immediate(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.level.is_none())
    }

    /// Whether ticking `id` raises the immediate-protection alert; an id
    /// the pack does not hold does not.
    pub fn raises_alert(&self, id: &str) -> bool {
        self.get(id).is_some_and(|e| e.alert)
    }
}

/// The catalog kept with its pack: built on first use and dropped by a
/// clone, so a pack changed after cloning (as tests do) never shows an old
/// catalog. Not part of a pack's identity.
#[derive(Default)]
pub struct Cached(OnceLock<Catalog>);

impl Cached {
    pub fn get_or_build(&self, pack: &Pack) -> &Catalog {
        self.0.get_or_init(|| Catalog::build(pack))
    }
}

impl Clone for Cached {
    fn clone(&self) -> Self {
        Cached::default()
    }
}

impl std::fmt::Debug for Cached {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Catalog")
    }
}
