#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The England and Wales bank-holiday calendar: listed years, the rules that
//! continue it, and local closure days from a user file.

use chrono::NaiveDate;
use dutygrid::hours::calendar::{Calendar, OneOff};
use dutygrid::pack::library::Library;

fn calendar() -> Calendar {
    Library::load(None).calendar("england-and-wales").cloned().expect("built-in calendar")
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

#[test]
fn the_rules_reproduce_every_listed_year_apart_from_the_one_offs() {
    let calendar = calendar();
    assert_eq!((calendar.listed_from, calendar.listed_until), (Some(2018), Some(2035)));
    for year in 2018..=2035 {
        let mut listed: Vec<(NaiveDate, bool)> = Vec::new();
        for day in calendar.days.iter().filter(|d| d.date.format("%Y").to_string() == year.to_string()) {
            match day.one_off {
                None => listed.push((day.date, day.substitute)),
                Some(OneOff::Moved { from }) => listed.push((from, false)),
                Some(OneOff::Added) => {}
            }
        }
        listed.sort();
        let computed: Vec<(NaiveDate, bool)> = calendar.computed(year).iter().map(|h| (h.date, h.substitute)).collect();
        assert_eq!(listed, computed, "{year}");
        assert_eq!(computed.len(), 8, "{year}");
    }
}

#[test]
fn the_one_off_days_are_holidays_and_the_days_they_replaced_are_not() {
    let calendar = calendar();
    for day in ["2020-05-08", "2022-06-02", "2022-06-03", "2022-09-19", "2023-05-08"] {
        assert!(calendar.holiday_on(date(day)).is_some(), "{day}");
    }
    for day in ["2020-05-04", "2022-05-30"] {
        assert_eq!(calendar.holiday_on(date(day)), None, "{day}");
    }
}

#[test]
fn substitute_days_follow_christmas_at_a_weekend() {
    let calendar = calendar();
    let named = |d: &str| calendar.holiday_on(date(d)).map(|h| h.describe());
    // 2021: Christmas Saturday, Boxing Day Sunday.
    assert_eq!(named("2021-12-27").as_deref(), Some("Christmas Day (substitute day)"));
    assert_eq!(named("2021-12-28").as_deref(), Some("Boxing Day (substitute day)"));
    // 2022: Christmas Sunday; Boxing Day Monday is itself, Christmas moves to Tuesday.
    assert_eq!(named("2022-12-26").as_deref(), Some("Boxing Day"));
    assert_eq!(named("2022-12-27").as_deref(), Some("Christmas Day (substitute day)"));
    // 2038, from the rules: Christmas Saturday.
    assert_eq!(named("2038-12-27").as_deref(), Some("Christmas Day (substitute day)"));
    assert_eq!(named("2038-12-28").as_deref(), Some("Boxing Day (substitute day)"));
    assert_eq!(named("2038-12-24"), None);
}

#[test]
fn local_closure_days_from_the_packs_directory_are_added() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("calendars")).expect("calendars dir");
    std::fs::write(
        dir.path().join("calendars/council.ron"),
        "(id: \"council\", name: \"Council closure days\", adds_to: \"england-and-wales\",\n days: [(date: \"2026-12-29\", name: \"Council closure day\")])",
    )
    .expect("write");
    let library = Library::load(Some(dir.path()));
    assert!(library.calendar_problems.is_empty(), "{:?}", library.calendar_problems);
    let calendar = library.calendar("england-and-wales").expect("calendar");
    assert_eq!(calendar.holiday_on(date("2026-12-29")).map(|h| h.name), Some("Council closure day".to_string()));
    assert!(calendar.holiday_on(date("2026-12-25")).is_some());
    assert!(calendar.holiday_on(date("2036-12-29")).is_none());
}

#[test]
fn one_working_day_rule_skips_weekends_and_bank_holidays() {
    use dutygrid::hours::working::is_working_day;
    let calendar = calendar();
    let working = |d: &str| is_working_day(date(d), Some(&calendar));
    // Easter 2026: Good Friday 3 April, Easter Monday 6 April.
    assert!(working("2026-04-02") && !working("2026-04-03") && !working("2026-04-06") && working("2026-04-07"));
    // Christmas 2026: Friday 25th, Boxing Day on Saturday so Monday 28th is its substitute.
    assert!(working("2026-12-24") && !working("2026-12-25") && !working("2026-12-28") && working("2026-12-29"));
    assert!(!working("2026-12-26") && !working("2026-12-27"));
    // Without a calendar only weekends are closed.
    assert!(is_working_day(date("2026-12-25"), None) && !is_working_day(date("2026-12-26"), None));
}

#[test]
fn working_days_keep_the_local_time_across_the_clock_changes() {
    use chrono::{DateTime, Utc};
    use dutygrid::hours::working::add_working_days;
    let calendar = calendar();
    let london = chrono_tz::Europe::London;
    let add = |at: &str, n: u32| {
        let at = DateTime::parse_from_rfc3339(at).expect("time").with_timezone(&Utc);
        add_working_days(at, n, london, Some(&calendar)).map(|t| t.to_rfc3339())
    };
    // Friday 15:00 BST before the clocks go back: Monday 15:00 GMT.
    assert_eq!(add("2026-10-23T15:00:00+01:00", 1).as_deref(), Some("2026-10-26T15:00:00+00:00"));
    // Friday 15:00 GMT before the clocks go forward: Monday 15:00 BST.
    assert_eq!(add("2026-03-27T15:00:00+00:00", 1).as_deref(), Some("2026-03-30T14:00:00+00:00"));
    // Over Easter and the clock change a week before it.
    assert_eq!(add("2026-03-26T09:00:00+00:00", 6).as_deref(), Some("2026-04-07T08:00:00+00:00"));
    assert_eq!(add("2026-12-24T16:00:00+00:00", 0).as_deref(), Some("2026-12-24T16:00:00+00:00"));
}
