#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every pack and calendar shipped in the binary loads and validates, and the
//! Nottingham City grid matches a count made by hand from the document.

use dutygrid::pack::library::{BUILTIN_PACKS, DEFAULT_PACK, Library, Source};

#[test]
fn every_shipped_pack_and_calendar_loads_cleanly() {
    let library = Library::load(None);
    assert!(library.calendar_problems.is_empty(), "{:?}", library.calendar_problems);
    assert_eq!(library.entries.len(), BUILTIN_PACKS.len());
    for entry in &library.entries {
        assert_eq!(entry.source, Source::Builtin);
        if let Err(problems) = &entry.pack {
            panic!("{problems}");
        }
    }
    assert!(library.open(DEFAULT_PACK).is_ok());
}

#[test]
fn shipped_files_on_disk_are_the_ones_built_in() {
    for (name, source) in BUILTIN_PACKS {
        let on_disk = std::fs::read_to_string(format!("packs/{name}")).expect("pack file");
        assert_eq!(&on_disk, source, "{name}");
    }
}

/// Indicators per dimension (row) and level, counted by hand from seed
/// 001_6f6b2f9f59ddf8e2.txt ("Threshold of Needs", Nottingham Safeguarding
/// Children Partnership). Columns: Universal Support, Early Help, Targeted,
/// Specialist & Safeguarding.
const NOTTINGHAM_CITY_COUNTS: [(&str, [usize; 4]); 13] = [
    ("health", [3, 5, 7, 11]),
    ("education-learning", [2, 5, 8, 7]),
    ("emotional-development", [3, 6, 10, 10]),
    ("identity", [2, 2, 5, 6]),
    ("self-care", [2, 4, 8, 6]),
    ("family-social-relationship", [2, 5, 4, 8]),
    ("family-history", [2, 6, 7, 8]),
    ("housing-employment-finance", [1, 5, 5, 6]),
    ("family-social-integration", [2, 3, 5, 2]),
    ("community-resources", [1, 2, 3, 1]),
    ("basic-care", [3, 6, 8, 14]),
    ("emotional-warmth", [3, 3, 4, 2]),
    ("guidance-boundaries", [4, 7, 7, 5]),
];

#[test]
fn nottingham_city_counts_match_the_hand_count() {
    let (pack, _) = Library::load(None).open("nottingham-city").expect("pack");
    let level_names: Vec<&str> = pack.levels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(level_names, ["Universal Support", "Early Help", "Targeted", "Specialist & Safeguarding"]);
    let rows = pack.all_rows();
    let row_ids: Vec<&str> = rows.iter().map(|(_, r)| r.id.as_str()).collect();
    let expected_ids: Vec<&str> = NOTTINGHAM_CITY_COUNTS.iter().map(|(id, _)| *id).collect();
    assert_eq!(row_ids, expected_ids);
    let placed = pack.placed_indicators();
    for (row_id, counts) in NOTTINGHAM_CITY_COUNTS {
        for (level, expected) in counts.iter().enumerate() {
            let got = placed.iter().filter(|p| p.row.id == row_id && p.level == level).count();
            assert_eq!(got, *expected, "{row_id}, {}", level_names[level]);
        }
    }
    assert_eq!(pack.indicator_count(), 256);
    let subs: usize = pack.immediate.items.iter().map(|i| i.sub.len()).sum();
    assert_eq!((pack.immediate.items.len(), subs), (11, 5));
}

#[test]
fn nottingham_city_numbers_and_hours_are_the_documents() {
    let (pack, _) = Library::load(None).open("nottingham-city").expect("pack");
    assert_eq!(pack.contacts.office.name, "City MASH");
    assert_eq!(pack.contacts.office.numbers, ["0115 876 4800"]);
    let ooh = pack.contacts.out_of_hours.as_ref().expect("out of hours line");
    assert_eq!(ooh.numbers, ["0115 876 4800"]);
    assert!(ooh.words.as_deref().is_some_and(|w| w.contains("emergency safeguarding enquiries only")));
    assert_eq!(pack.contacts.emergency.iter().flat_map(|l| l.numbers.iter()).collect::<Vec<_>>(), ["999"]);
    let dutygrid::pack::Hours::Weekly(schedule) = &pack.contacts.hours else { panic!("weekly hours") };
    let slots: Vec<String> = schedule.slots.iter().map(|s| format!("{:?} {}-{}", s.days, s.open, s.close)).collect();
    assert_eq!(slots, ["[Mon, Tue, Wed, Thu, Fri] 08:30-16:50"]);
    let escalation = pack.guidance.escalation.as_ref().expect("escalation");
    let within: Vec<_> = escalation.timescales.iter().map(|t| t.within).collect();
    use dutygrid::pack::Span::{Weeks, WorkingDays};
    assert_eq!(within, [WorkingDays(1), Weeks(4)]);
    let scaling = pack.guidance.worry_questions.as_ref().and_then(|w| w.scaling.as_ref()).expect("scaling");
    assert_eq!((scaling.min, scaling.max), (0, 10));
    assert_eq!(pack.guidance.consent.as_ref().map(|c| c.golden_rules.len()), Some(7));
}

#[test]
fn the_annotated_example_in_the_pack_guide_is_a_valid_pack() {
    let guide = std::fs::read_to_string("packs/README.md").expect("guide");
    let start = guide.find("```ron\n").expect("example") + "```ron\n".len();
    let end = guide[start..].find("```").expect("end of example") + start;
    let pack = dutygrid::pack::load::load_pack(
        "packs/README.md",
        guide.as_bytes()[start..end].to_vec(),
        &Library::load(None).calendar_ids(),
    );
    let pack = pack.unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(pack.id, "my-area");
    assert!(pack.guidance.referral.and_then(|r| r.written_within).is_some());
}
