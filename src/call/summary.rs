//! What the ticks add up to: counts per level and the highest level
//! indicated. Guidance for the handler, never a decision.

use std::collections::HashSet;

use crate::call::Call;
use crate::pack::{ImmediateItem, Pack};

/// The immediate-referral item an id stands for: itself, its parent item, or
/// the item a grid indicator links to. The pack's catalog answers.
pub fn trigger_of<'a>(pack: &'a Pack, id: &str) -> Option<&'a ImmediateItem> {
    let trigger = pack.catalog().get(id)?.trigger.as_deref()?;
    pack.immediate.items.iter().find(|i| i.id == trigger)
}

/// Whether ticking `id` must raise the immediate-protection alert. The
/// pack's catalog answers.
pub fn raises_alert(pack: &Pack, id: &str) -> bool {
    pack.catalog().raises_alert(id)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Ticked grid indicators per level, lowest level first.
    pub per_level: Vec<usize>,
    pub immediate: usize,
    /// Ticked items that raise the immediate-protection alert: immediate
    /// items, indicators linked to one, indicators at a protection level.
    pub alert_items: usize,
    /// The highest level indicated, 0-based: the protection level when
    /// anything raising the alert is ticked, else the highest level with a
    /// tick; `None` with neither.
    pub highest: Option<usize>,
    /// The highest level with a grid tick, whatever the alert says.
    pub highest_ticked: Option<usize>,
}

impl Summary {
    /// Whether the summary must lead with "Immediate referral indicated".
    pub fn alert(&self) -> bool {
        self.alert_items > 0
    }

    /// "Immediate referral indicated (3 items)" — guidance, never a decision.
    pub fn alert_line(&self) -> Option<String> {
        let plural = if self.alert_items == 1 { "" } else { "s" };
        self.alert().then(|| format!("Immediate referral indicated ({} item{plural})", self.alert_items))
    }
}

/// The level immediate protection belongs to: the (last) level a pack marks
/// `immediate_protection`, otherwise its last level.
pub fn protection_level(pack: &Pack) -> Option<usize> {
    pack.levels.iter().rposition(|l| l.immediate_protection).or_else(|| pack.levels.len().checked_sub(1))
}

pub fn summarise(pack: &Pack, call: &Call) -> Summary {
    let ticked: HashSet<&str> = call.ticked().into_iter().map(|(id, _)| id).collect();
    let catalog = pack.catalog();
    let mut per_level = vec![0; pack.levels.len()];
    let mut immediate = 0;
    let mut alert_items = 0;
    for entry in ticked.iter().filter_map(|id| catalog.get(id)) {
        match entry.level.and_then(|n| per_level.get_mut(n)) {
            Some(count) => *count += 1,
            None => immediate += 1,
        }
        alert_items += usize::from(entry.alert);
    }
    let highest_ticked = per_level.iter().rposition(|&n| n > 0);
    let highest = if alert_items > 0 { protection_level(pack).max(highest_ticked) } else { highest_ticked };
    Summary { per_level, immediate, alert_items, highest, highest_ticked }
}
