#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! One answer to "does this tick raise the alert?": the `!` drawn in the
//! grid and in search results, the summary's alert and the banner agree for
//! every item of every shipped pack.

mod support;

use dutygrid::call::summary::summarise;
use dutygrid::pack::library::Library;
use support::{OFFICE, state, tick_item};

#[test]
fn grid_search_summary_and_banner_agree_on_the_alert_for_every_item() {
    for pack in Library::load(None).known_ids() {
        let base = state(&pack, OFFICE, 200, 60);
        let catalog = base.pack().catalog();
        assert!(catalog.entries().iter().any(|e| e.alert), "{pack}: nothing raises the alert");
        for entry in catalog.entries() {
            let id = entry.id.as_str();
            let grid_mark = match base.grid().find(id) {
                Some(cursor) => base.grid().item(cursor).map(|i| i.alert),
                // The immediate-referral list is all alerting, and says so
                // in its title rather than with a mark per item.
                None => base.grid().immediate.iter().any(|e| e.id == id).then_some(true),
            };
            let search_mark = base.clone().search_index().entries.iter().find(|e| e.id == id).map(|e| e.alert);
            let mut s = base.clone();
            tick_item(&mut s, id);
            assert!(s.call().is_ticked(id), "{pack} {id}: not ticked");
            let summary = summarise(s.pack(), s.call()).alert();
            let banner = s.call().pending_alert().is_some();
            assert_eq!(
                (grid_mark, search_mark, summary, banner),
                (Some(entry.alert), Some(entry.alert), entry.alert, entry.alert),
                "{pack} {id}: (grid, search, summary, banner)"
            );
        }
    }
}

#[test]
fn the_catalog_holds_every_item_once_with_cleaned_text() {
    for pack in Library::load(None).known_ids() {
        let (loaded, _) = Library::load(None).open(&pack).expect("pack");
        let catalog = loaded.catalog();
        let ids: Vec<&str> = loaded.item_ids().collect();
        let entries: Vec<&str> = catalog.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(entries.len(), ids.len(), "{pack}");
        for id in ids {
            let entry = catalog.get(id).unwrap_or_else(|| panic!("{pack} {id}"));
            assert_eq!(entry.text, dutygrid::text::clean_line(&entry.text), "{pack} {id}");
        }
    }
}
