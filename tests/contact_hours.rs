#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Which line is live at an instant, asserted at every boundary of each shape
//! of schedule: minute before, exact, minute after; weekends; each kind of
//! bank holiday; both daylight-saving changes; instants given in UTC.

use dutygrid::hours::at::parse_at;
use dutygrid::hours::calendar::Calendar;
use dutygrid::pack::Pack;
use dutygrid::pack::library::Library;
use dutygrid::pack::load::load_pack;
use dutygrid::pack::resolve::{LineKind, pack_zone, resolve};

const VALID: &str = include_str!("fixtures/valid.ron");
use LineKind::{Office, OutOfHours, Unknown};

fn pack_from(source: &str) -> Pack {
    load_pack("fixture.ron", source.as_bytes().to_vec(), &["england-and-wales".to_string()])
        .unwrap_or_else(|d| panic!("{d}"))
}

fn calendar() -> Calendar {
    Library::load(None).calendar("england-and-wales").cloned().expect("built-in calendar")
}

/// (instant, expected line, expected `until` in UTC or "" for never)
type Row = (&'static str, LineKind, &'static str);

fn assert_table(pack: &Pack, rows: &[Row]) {
    let calendar = calendar();
    let mut failures = Vec::new();
    for &(at, line, until) in rows {
        let instant = parse_at(at, pack_zone(pack)).unwrap_or_else(|e| panic!("{at}: {e}")).utc;
        let answer = resolve(pack, Some(&calendar), instant);
        let got_until = answer.until.map(|u| u.with_timezone(&chrono::Utc).format("%Y-%m-%dT%H:%MZ").to_string());
        let expected_name = match line {
            Office | Unknown => &pack.contacts.office.name,
            OutOfHours => &pack.contacts.out_of_hours.as_ref().expect("out-of-hours line").name,
        };
        let expected_number = match line {
            Office | Unknown => &pack.contacts.office.numbers[0],
            OutOfHours => &pack.contacts.out_of_hours.as_ref().expect("out-of-hours line").numbers[0],
        };
        let ok = answer.line == line
            && got_until.as_deref().unwrap_or("") == until
            && &answer.contact.name == expected_name
            && &answer.contact.numbers[0] == expected_number;
        if !ok {
            failures.push(format!(
                "{at}: expected {line:?} until {until:?}, got {:?} ({}) {} until {got_until:?}",
                answer.line, answer.reason, answer.contact.name
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} wrong:\n{}", failures.len(), rows.len(), failures.join("\n"));
}

/// Monday to Thursday 08:30–17:00, Friday 08:30–16:30 (the Stoke-on-Trent
/// shape), as in the test fixture.
#[test]
fn split_week_schedule_at_every_boundary() {
    let rows: &[Row] = &[
        // An ordinary week in GMT: Monday 23 November 2026.
        ("2026-11-23 00:00", OutOfHours, "2026-11-23T08:30Z"),
        ("2026-11-23 08:29", OutOfHours, "2026-11-23T08:30Z"),
        ("2026-11-23 08:30", Office, "2026-11-23T17:00Z"),
        ("2026-11-23 08:31", Office, "2026-11-23T17:00Z"),
        ("2026-11-23 16:59", Office, "2026-11-23T17:00Z"),
        ("2026-11-23 17:00", OutOfHours, "2026-11-24T08:30Z"),
        ("2026-11-23 17:01", OutOfHours, "2026-11-24T08:30Z"),
        ("2026-11-26 16:59", Office, "2026-11-26T17:00Z"),
        ("2026-11-26 17:00", OutOfHours, "2026-11-27T08:30Z"),
        ("2026-11-26 23:59", OutOfHours, "2026-11-27T08:30Z"),
        ("2026-11-27 08:29", OutOfHours, "2026-11-27T08:30Z"),
        ("2026-11-27 08:30", Office, "2026-11-27T16:30Z"),
        ("2026-11-27 16:29", Office, "2026-11-27T16:30Z"),
        ("2026-11-27 16:30", OutOfHours, "2026-11-30T08:30Z"),
        ("2026-11-27 16:31", OutOfHours, "2026-11-30T08:30Z"),
        ("2026-11-27 16:59", OutOfHours, "2026-11-30T08:30Z"),
        // Weekend.
        ("2026-11-28 00:00", OutOfHours, "2026-11-30T08:30Z"),
        ("2026-11-28 12:00", OutOfHours, "2026-11-30T08:30Z"),
        ("2026-11-29 02:00", OutOfHours, "2026-11-30T08:30Z"),
        ("2026-11-29 23:59", OutOfHours, "2026-11-30T08:30Z"),
        // Christmas Eve is an ordinary Thursday; then Christmas Day, a
        // weekend and Boxing Day's substitute Monday.
        ("2026-12-24 16:59", Office, "2026-12-24T17:00Z"),
        ("2026-12-24 17:00", OutOfHours, "2026-12-29T08:30Z"),
        ("2026-12-25 10:00", OutOfHours, "2026-12-29T08:30Z"),
        ("2026-12-28 10:00", OutOfHours, "2026-12-29T08:30Z"),
        ("2026-12-29 08:30", Office, "2026-12-29T17:00Z"),
        // New Year's Day on a Friday.
        ("2027-01-01 10:00", OutOfHours, "2027-01-04T08:30Z"),
        // Easter in British Summer Time: Good Friday to Easter Monday.
        ("2026-04-02 16:59", Office, "2026-04-02T16:00Z"),
        ("2026-04-02 17:00", OutOfHours, "2026-04-07T07:30Z"),
        ("2026-04-03 10:00", OutOfHours, "2026-04-07T07:30Z"),
        ("2026-04-06 10:00", OutOfHours, "2026-04-07T07:30Z"),
        // May and August bank holidays.
        ("2026-05-04 10:00", OutOfHours, "2026-05-05T07:30Z"),
        ("2026-05-25 10:00", OutOfHours, "2026-05-26T07:30Z"),
        ("2026-08-31 10:00", OutOfHours, "2026-09-01T07:30Z"),
        // One-off and moved days.
        ("2020-05-04 10:00", Office, "2020-05-04T16:00Z"),
        ("2020-05-08 10:00", OutOfHours, "2020-05-11T07:30Z"),
        ("2022-05-30 10:00", Office, "2022-05-30T16:00Z"),
        ("2022-06-02 10:00", OutOfHours, "2022-06-06T07:30Z"),
        ("2022-09-19 10:00", OutOfHours, "2022-09-20T07:30Z"),
        ("2023-05-08 10:00", OutOfHours, "2023-05-09T07:30Z"),
        // Clocks go forward on Sunday 29 March 2026.
        ("2026-03-27 16:30", OutOfHours, "2026-03-30T07:30Z"),
        ("2026-03-29 00:59", OutOfHours, "2026-03-30T07:30Z"),
        ("2026-03-29 02:00", OutOfHours, "2026-03-30T07:30Z"),
        ("2026-03-30T07:29:00Z", OutOfHours, "2026-03-30T07:30Z"),
        ("2026-03-30T07:30:00Z", Office, "2026-03-30T16:00Z"),
        ("2026-03-30T07:45:00Z", Office, "2026-03-30T16:00Z"),
        // Clocks go back on Sunday 25 October 2026.
        ("2026-10-23 16:30", OutOfHours, "2026-10-26T08:30Z"),
        ("2026-10-25 01:30", OutOfHours, "2026-10-26T08:30Z"),
        ("2026-10-26 08:29", OutOfHours, "2026-10-26T08:30Z"),
        ("2026-10-26 08:30", Office, "2026-10-26T17:00Z"),
        // Instants given in UTC during British Summer Time.
        ("2026-07-01T07:29:00Z", OutOfHours, "2026-07-01T07:30Z"),
        ("2026-07-01T07:30:00Z", Office, "2026-07-01T16:00Z"),
        ("2026-07-01T15:59:00+00:00", Office, "2026-07-01T16:00Z"),
        ("2026-07-01T16:00:00Z", OutOfHours, "2026-07-02T07:30Z"),
        ("2026-07-03T15:30:00Z", OutOfHours, "2026-07-06T07:30Z"),
    ];
    assert!(rows.len() >= 40);
    assert_table(&pack_from(VALID), rows);
}

fn monday_to_friday_1650() -> Pack {
    let slots = "slots: [\n                (days: [Mon, Tue, Wed, Thu], open: \"08:30\", close: \"17:00\"),\n                (days: [Fri], open: \"08:30\", close: \"16:30\"),\n            ]";
    assert!(VALID.contains(slots));
    pack_from(&VALID.replace(slots, "slots: [(days: [Mon, Tue, Wed, Thu, Fri], open: \"08:30\", close: \"16:50\")]"))
}

/// Monday to Friday 08:30–16:50 (the Nottingham City MASH shape).
#[test]
fn weekday_schedule_at_every_boundary() {
    let rows: &[Row] = &[
        ("2026-11-23 08:29", OutOfHours, "2026-11-23T08:30Z"),
        ("2026-11-23 08:30", Office, "2026-11-23T16:50Z"),
        ("2026-11-23 08:31", Office, "2026-11-23T16:50Z"),
        ("2026-11-23 12:00", Office, "2026-11-23T16:50Z"),
        ("2026-11-23 16:49", Office, "2026-11-23T16:50Z"),
        ("2026-11-23 16:50", OutOfHours, "2026-11-24T08:30Z"),
        ("2026-11-23 16:51", OutOfHours, "2026-11-24T08:30Z"),
        ("2026-11-24 00:00", OutOfHours, "2026-11-24T08:30Z"),
        ("2026-11-25 16:49", Office, "2026-11-25T16:50Z"),
        ("2026-11-25 16:50", OutOfHours, "2026-11-26T08:30Z"),
        ("2026-11-26 16:59", OutOfHours, "2026-11-27T08:30Z"),
        ("2026-11-27 08:29", OutOfHours, "2026-11-27T08:30Z"),
        ("2026-11-27 08:30", Office, "2026-11-27T16:50Z"),
        ("2026-11-27 16:49", Office, "2026-11-27T16:50Z"),
        ("2026-11-27 16:50", OutOfHours, "2026-11-30T08:30Z"),
        ("2026-11-27 16:51", OutOfHours, "2026-11-30T08:30Z"),
        ("2026-11-27 16:55", OutOfHours, "2026-11-30T08:30Z"),
        ("2026-11-28 09:00", OutOfHours, "2026-11-30T08:30Z"),
        ("2026-11-29 02:00", OutOfHours, "2026-11-30T08:30Z"),
        ("2026-11-30 08:29", OutOfHours, "2026-11-30T08:30Z"),
        ("2026-11-30 08:30", Office, "2026-11-30T16:50Z"),
        ("2026-12-24 16:49", Office, "2026-12-24T16:50Z"),
        ("2026-12-24 16:50", OutOfHours, "2026-12-29T08:30Z"),
        ("2026-12-25 12:00", OutOfHours, "2026-12-29T08:30Z"),
        ("2026-12-26 12:00", OutOfHours, "2026-12-29T08:30Z"),
        ("2026-12-28 12:00", OutOfHours, "2026-12-29T08:30Z"),
        ("2026-12-31 16:50", OutOfHours, "2027-01-04T08:30Z"),
        ("2027-01-01 09:00", OutOfHours, "2027-01-04T08:30Z"),
        ("2021-12-27 09:00", OutOfHours, "2021-12-29T08:30Z"),
        ("2021-12-28 09:00", OutOfHours, "2021-12-29T08:30Z"),
        ("2022-12-27 09:00", OutOfHours, "2022-12-28T08:30Z"),
        ("2026-04-03 09:00", OutOfHours, "2026-04-07T07:30Z"),
        ("2026-04-06 09:00", OutOfHours, "2026-04-07T07:30Z"),
        ("2026-04-07 16:49", Office, "2026-04-07T15:50Z"),
        ("2026-04-07 16:50", OutOfHours, "2026-04-08T07:30Z"),
        ("2022-06-03 09:00", OutOfHours, "2022-06-06T07:30Z"),
        ("2022-09-19 09:00", OutOfHours, "2022-09-20T07:30Z"),
        ("2023-05-08 09:00", OutOfHours, "2023-05-09T07:30Z"),
        ("2026-03-27 16:50", OutOfHours, "2026-03-30T07:30Z"),
        ("2026-03-30T07:45:00Z", Office, "2026-03-30T15:50Z"),
        ("2026-10-23 16:50", OutOfHours, "2026-10-26T08:30Z"),
        ("2026-10-25 01:30", OutOfHours, "2026-10-26T08:30Z"),
        ("2026-10-26T08:30:00Z", Office, "2026-10-26T16:50Z"),
        ("2026-07-01T15:49:00Z", Office, "2026-07-01T15:50Z"),
        ("2026-07-01T15:50:00Z", OutOfHours, "2026-07-02T07:30Z"),
        // Years after the listed ones come from the rules: Good Friday 2036
        // is 11 April, Easter Monday 14 April.
        ("2036-04-10 16:50", OutOfHours, "2036-04-15T07:30Z"),
    ];
    assert!(rows.len() >= 40);
    assert_table(&monday_to_friday_1650(), rows);
}

#[test]
fn reasons_are_words_a_handler_can_read_aloud() {
    let pack = monday_to_friday_1650();
    let calendar = calendar();
    let reason = |at: &str| {
        let instant = parse_at(at, pack_zone(&pack)).expect("time").utc;
        resolve(&pack, Some(&calendar), instant).reason
    };
    assert_eq!(reason("2026-11-27 16:55"), "Friday after 16:50");
    assert_eq!(reason("2026-11-30 07:00"), "Monday before 08:30");
    assert_eq!(reason("2026-11-28 10:00"), "Weekend (Saturday)");
    assert_eq!(reason("2026-12-28 10:00"), "Bank holiday: Boxing Day (substitute day)");
    assert_eq!(reason("2022-09-19 10:00"), "Bank holiday: Bank Holiday for the State Funeral of Queen Elizabeth II");
    assert_eq!(reason("2026-11-25 10:00"), "Office hours (Wednesday 08:30–16:50)");
}

#[test]
fn a_document_without_hours_gives_both_lines_and_never_changes() {
    let start = VALID.find("        hours: Weekly((").expect("hours");
    let end = VALID[start..].find("        )),\n").expect("end") + start + "        )),\n".len();
    let source =
        format!("{}        hours: NotStated(\"The document gives no hours.\"),\n{}", &VALID[..start], &VALID[end..]);
    let pack = pack_from(&source);
    let rows: &[Row] =
        &[("2026-11-23 10:00", Unknown, ""), ("2026-11-28 03:00", Unknown, ""), ("2026-12-25 12:00", Unknown, "")];
    assert_table(&pack, rows);
    let answer = resolve(&pack, None, chrono::Utc::now());
    assert_eq!(answer.alternative.map(|l| l.numbers[0].as_str()), Some("0115 876 1000"));
    assert_eq!(answer.reason, "The document gives no hours.");
}

fn builtin(id: &str) -> Pack {
    Library::load(None).open(id).map(|(p, _)| p).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn each_shipped_pack_answers_at_the_boundaries_of_its_own_hours() {
    assert_table(
        &builtin("nottingham-city"),
        &[
            ("2026-11-27 16:49", Office, "2026-11-27T16:50Z"),
            ("2026-11-27 16:50", OutOfHours, "2026-11-30T08:30Z"),
            ("2026-11-30 08:30", Office, "2026-11-30T16:50Z"),
        ],
    );
    for id in ["nottingham-city-cfd", "nottingham-fsp-2018"] {
        let pack = builtin(id);
        assert_eq!(pack.contacts.out_of_hours.as_ref().map(|l| l.numbers[0].as_str()), Some("0115 876 1000"));
        assert_table(
            &pack,
            &[
                ("2026-11-27 16:59", Office, "2026-11-27T17:00Z"),
                ("2026-11-27 17:00", OutOfHours, "2026-11-30T08:30Z"),
                ("2026-11-30 08:29", OutOfHours, "2026-11-30T08:30Z"),
                ("2026-12-28 12:00", OutOfHours, "2026-12-29T08:30Z"),
            ],
        );
    }
    let stoke = builtin("stoke-on-trent");
    assert_eq!(stoke.contacts.office.numbers, ["01782 235100"]);
    assert_eq!(stoke.contacts.out_of_hours.as_ref().map(|l| l.numbers[0].as_str()), Some("01782 234234"));
    assert_table(
        &stoke,
        &[
            ("2026-11-26 16:59", Office, "2026-11-26T17:00Z"),
            ("2026-11-26 17:00", OutOfHours, "2026-11-27T08:30Z"),
            ("2026-11-27 16:29", Office, "2026-11-27T16:30Z"),
            ("2026-11-27 16:30", OutOfHours, "2026-11-30T08:30Z"),
            ("2026-11-28 12:00", OutOfHours, "2026-11-30T08:30Z"),
            ("2026-12-25 12:00", OutOfHours, "2026-12-29T08:30Z"),
        ],
    );
    let caf = builtin("nottingham-fsp-2014");
    assert_table(&caf, &[("2026-11-27 10:00", Unknown, ""), ("2026-11-28 02:00", Unknown, "")]);
    let answer = resolve(&caf, None, chrono::Utc::now());
    assert_eq!(answer.contact.numbers, ["0115 876 4800"]);
    assert_eq!(answer.alternative.map(|l| l.numbers[0].as_str()), Some("0115 876 1000"));
}
