//! What the ticks add up to: counts per level and the highest level
//! indicated. Guidance for the handler, never a decision.

use crate::call::Call;
use crate::call::household::{Child, ChildId};
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
    count(pack, call.ticked_ids())
}

/// The summary of the ticks about one child: those assigned to them and
/// those about the whole household (a household worry is every child's).
pub fn for_child(pack: &Pack, call: &Call, child: ChildId) -> Summary {
    // Ids from `ticked` are each there once.
    count(pack, ticked_about(call, child).into_iter())
}

/// The ids ticked now that are about `child`, in the order they were ticked.
pub fn ticked_about(call: &Call, child: ChildId) -> Vec<&str> {
    call.ticked().into_iter().map(|(id, _)| id).filter(|id| call.household.is_about(id, child)).collect()
}

/// Each recorded child with the summary of the ticks about them, in the
/// order they were recorded.
pub fn per_child<'a>(pack: &Pack, call: &'a Call) -> Vec<(&'a Child, Summary)> {
    call.household.children.iter().map(|c| (c, for_child(pack, call, c.id))).collect()
}

/// Counts `ticked`, each id once.
fn count<'a>(pack: &Pack, ticked: impl Iterator<Item = &'a str>) -> Summary {
    let catalog = pack.catalog();
    let mut per_level = vec![0; pack.levels.len()];
    let mut immediate = 0;
    let mut alert_items = 0;
    for entry in ticked.filter_map(|id| catalog.get(id)) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::{Entry, PackStamp};
    use crate::pack::library::Library;
    use chrono::{TimeZone, Utc};

    /// The summary counted from scratch: every event replayed, then every
    /// item of the pack looked at.
    fn from_scratch(pack: &Pack, call: &Call) -> Summary {
        let mut ticked: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for event in &call.events {
            if event.ticked {
                ticked.insert(&event.id);
            } else {
                ticked.remove(event.id.as_str());
            }
        }
        let mut per_level = vec![0; pack.levels.len()];
        let (mut immediate, mut alert_items) = (0, 0);
        for entry in pack.catalog().entries().iter().filter(|e| ticked.contains(e.id.as_str())) {
            match entry.level {
                Some(level) => per_level[level] += 1,
                None => immediate += 1,
            }
            alert_items += usize::from(entry.alert);
        }
        let highest_ticked = per_level.iter().rposition(|&n| n > 0);
        let highest = if alert_items > 0 { protection_level(pack).max(highest_ticked) } else { highest_ticked };
        Summary { per_level, immediate, alert_items, highest, highest_ticked }
    }

    #[test]
    fn the_summary_equals_one_counted_from_scratch_through_ticks_unticks_and_a_restore() {
        let library = Library::load(None);
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).single().unwrap_or_default();
        for pack_id in ["nottingham-city", "stoke-on-trent"] {
            let Ok((pack, _)) = library.open(pack_id) else { panic!("{pack_id}") };
            let ids: Vec<&str> = pack.catalog().entries().iter().map(|e| e.id.as_str()).collect();
            for seed in 1..20u64 {
                let mut call = Call::new(PackStamp::default(), start, false);
                let mut entries = Vec::new();
                for entry in crate::call::tests::history(seed, 300, 40) {
                    // The generated ids onto real ones, alert items included.
                    let Entry::Tick { id, ticked, at } = entry else { continue };
                    let n: usize = id[1..].parse().unwrap_or(0) * 7 + usize::try_from(seed).unwrap_or(0);
                    entries.push(Entry::Tick { id: ids[n % ids.len()].to_string(), ticked, at });
                }
                for entry in &entries {
                    call.apply(entry);
                    assert_eq!(summarise(&pack, &call), from_scratch(&pack, &call), "{pack_id} seed {seed}");
                }
                let mut restored = Call::new(PackStamp::default(), start, false);
                for entry in &entries {
                    restored.apply(entry);
                }
                assert_eq!(summarise(&pack, &restored), summarise(&pack, &call));
            }
        }
    }

    #[test]
    fn a_childs_summary_counts_their_own_ticks_and_the_households_and_an_immediate_tick_for_one_child_is_theirs() {
        use crate::call::household::HouseholdChange;
        let library = Library::load(None);
        let Ok((pack, _)) = library.open("nottingham-city") else { panic!("pack") };
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).single().unwrap_or_default();
        let catalog = pack.catalog();
        let low = catalog.entries().iter().find(|e| e.level == Some(0) && !e.alert).map(|e| e.id.clone());
        let alert = catalog.entries().iter().find(|e| e.level.is_none() && e.alert).map(|e| e.id.clone());
        let (Some(low), Some(alert)) = (low, alert) else { panic!("a universal indicator and an immediate item") };
        let mut call = Call::new(PackStamp::default(), start, false);
        let household = |change| Entry::Household { change, at: start };
        for child in [1, 2] {
            call.apply(&household(HouseholdChange::AddChild { child }));
        }
        call.apply(&Entry::Tick { id: low.clone(), ticked: true, at: start });
        call.apply(&Entry::Tick { id: alert.clone(), ticked: true, at: start });
        call.apply(&household(HouseholdChange::Assign { item: alert, children: vec![1] }));
        let per_child = per_child(&pack, &call);
        let (baby, sibling) = (&per_child[0].1, &per_child[1].1);
        assert!(baby.alert() && baby.highest == protection_level(&pack), "the immediate tick is the baby's");
        assert!(!sibling.alert(), "and not the sibling's");
        assert_eq!(sibling.highest, Some(0), "the household's universal tick is the sibling's too");
        assert_eq!(summarise(&pack, &call).alert_items, 1, "the household summary counts every tick");
    }
}
