//! What the ticks add up to: counts per level and the highest level
//! indicated. Guidance for the handler, never a decision.

use std::collections::HashSet;

use crate::call::Call;
use crate::pack::{ImmediateItem, Pack};

/// Where a tickable id sits in a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A grid indicator at this 0-based level.
    Grid { level: usize },
    /// An immediate-referral item or sub-point.
    Immediate,
}

pub fn place_of(pack: &Pack, id: &str) -> Option<Place> {
    if let Some(p) = pack.placed_indicators().iter().find(|p| p.indicator.id == id) {
        return Some(Place::Grid { level: p.level });
    }
    let immediate = pack.immediate.items.iter().any(|i| i.id == id || i.sub.iter().any(|s| s.id == id));
    immediate.then_some(Place::Immediate)
}

/// The immediate-referral item an id stands for: itself, its parent item, or
/// the item a grid indicator links to.
pub fn trigger_of<'a>(pack: &'a Pack, id: &str) -> Option<&'a ImmediateItem> {
    let items = &pack.immediate.items;
    if let Some(item) = items.iter().find(|i| i.id == id || i.sub.iter().any(|s| s.id == id)) {
        return Some(item);
    }
    let link = pack.indicators().find(|(_, _, _, i)| i.id == id).and_then(|(_, _, _, i)| i.trigger.clone())?;
    items.iter().find(|i| i.id == link || i.sub.iter().any(|s| s.id == link))
}

/// Whether ticking `id` must raise the immediate-protection alert.
pub fn raises_alert(pack: &Pack, id: &str) -> bool {
    if trigger_of(pack, id).is_some() {
        return true;
    }
    matches!(place_of(pack, id), Some(Place::Grid { level }) if pack.levels[level].immediate_protection)
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
    let mut per_level = vec![0; pack.levels.len()];
    for (level, _, _, indicator) in pack.indicators() {
        if let Some(n) = pack.level_index(level).filter(|_| ticked.contains(indicator.id.as_str())) {
            per_level[n] += 1;
        }
    }
    let immediate = pack.immediate_ids().filter(|id| ticked.contains(id)).count();
    let alert_items = ticked.iter().filter(|id| raises_alert(pack, id)).count();
    let highest_ticked = per_level.iter().rposition(|&n| n > 0);
    let highest = if alert_items > 0 { protection_level(pack).max(highest_ticked) } else { highest_ticked };
    Summary { per_level, immediate, alert_items, highest, highest_ticked }
}
