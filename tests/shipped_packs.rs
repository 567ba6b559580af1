#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every pack and calendar shipped in the binary loads and validates, every
//! shipped data file is built in, and the Nottingham City grid matches a
//! count made by hand from the document.

use std::collections::BTreeSet;

use dutygrid::hours::calendar::Calendar;
use dutygrid::keymap::BUILTIN_KEYMAPS;
use dutygrid::pack::library::{
    BUILTIN_CALENDARS, BUILTIN_CALENDARS_COMPILED, BUILTIN_PACK_SOURCES, BUILTIN_PACKS, DEFAULT_PACK, Library, Source,
};
use dutygrid::pack::load::load_pack;
use dutygrid::search::VOCABULARY;
use dutygrid::source::parse_ron;
use dutygrid::train::BUILTIN_SCENARIOS;

#[test]
fn every_shipped_pack_and_calendar_loads_cleanly() {
    let library = Library::load(None);
    assert!(library.calendar_problems.is_empty(), "{:?}", library.calendar_problems);
    let entries = library.entries();
    assert_eq!(entries.len(), BUILTIN_PACKS.len());
    for (builtin, entry) in BUILTIN_PACKS.iter().zip(&entries) {
        assert_eq!(entry.source, Source::Builtin);
        match &entry.pack {
            // Built-in packs are found by file name, so it must be the id.
            Ok(pack) => assert_eq!(format!("{}.ron", pack.id), builtin.name),
            Err(problems) => panic!("{problems}"),
        }
    }
    assert!(library.open(DEFAULT_PACK).is_ok());
}

/// The calendars the binary ships already parsed (build.rs) are what
/// parsing their RON gives.
#[test]
fn every_compiled_calendar_equals_its_ron_parsed() {
    assert_eq!(BUILTIN_CALENDARS.len(), BUILTIN_CALENDARS_COMPILED.len());
    let library = Library::load(None);
    assert_eq!(library.calendars.len(), BUILTIN_CALENDARS.len());
    for (((name, source), (compiled_name, _)), loaded) in
        BUILTIN_CALENDARS.iter().zip(BUILTIN_CALENDARS_COMPILED).zip(&library.calendars)
    {
        assert_eq!(name, compiled_name);
        let (from_ron, _) = parse_ron::<Calendar>(name, source.as_bytes().to_vec()).unwrap();
        let json = |calendar| serde_json::to_string_pretty(calendar).unwrap();
        assert_eq!(json(loaded), json(&from_ron), "{name}: the compiled calendar differs from its RON");
    }
}

/// The packs the binary ships already parsed (build.rs) are exactly what
/// parsing and validating their RON gives: every field, as JSON, and the
/// catalog built from them. A wrong number here would be a safety defect.
#[test]
fn every_compiled_pack_equals_its_ron_parsed_and_validated() {
    let library = Library::load(None);
    let calendars = library.calendar_ids();
    assert_eq!(BUILTIN_PACKS.len(), BUILTIN_PACK_SOURCES.len());
    for (builtin, (name, source)) in BUILTIN_PACKS.iter().zip(BUILTIN_PACK_SOURCES) {
        assert_eq!(builtin.name, *name);
        let from_ron = load_pack(&format!("packs/{name}"), source.as_bytes().to_vec(), &calendars)
            .unwrap_or_else(|problems| panic!("{problems}"));
        let compiled = builtin.load().unwrap_or_else(|problems| panic!("{problems}"));
        let json = |pack| serde_json::to_string_pretty(pack).unwrap();
        assert_eq!(json(&compiled), json(&from_ron), "{name}: the compiled pack differs from its RON");
        assert_eq!(compiled.catalog().entries(), from_ron.catalog().entries(), "{name}");
        assert!(builtin.is_source(source.as_bytes()), "{name}: source length or hash");
        assert!(!builtin.is_source(&source.as_bytes()[1..]), "{name}");
        // The library opens the compiled one.
        let (opened, how) = library.open(builtin.id()).unwrap();
        assert_eq!(how, Source::Builtin);
        assert_eq!(json(&opened), json(&from_ron), "{name}");
    }
}

/// The folders whose `.ron` files are compiled into the binary.
const SHIPPED_DIRS: [&str; 5] = ["packs", "packs/scenarios", "packs/calendars", "packs/vocabulary", "keymaps"];

/// Every shipped data file is built into the binary under its own name, and
/// every built-in has its file: a new pack, scenario, calendar, vocabulary or
/// keymap cannot be left out of the build, nor a built-in be listed under
/// another file's name.
#[test]
fn every_shipped_data_file_is_built_in_and_every_built_in_has_its_file() {
    let builtins: Vec<(String, &str)> = BUILTIN_PACK_SOURCES
        .iter()
        .map(|(name, source)| (format!("packs/{name}"), *source))
        .chain(BUILTIN_SCENARIOS.iter().map(|(name, source)| (format!("packs/scenarios/{name}"), *source)))
        .chain(BUILTIN_CALENDARS.iter().map(|(name, source)| (format!("packs/{name}"), *source)))
        // The vocabularies have no name in the code: common.ron and callers.ron.
        .chain([("packs/vocabulary/common.ron".to_string(), VOCABULARY)])
        .chain([("packs/vocabulary/callers.ron".to_string(), dutygrid::pack::vocabulary::CALLERS)])
        .chain(BUILTIN_KEYMAPS.iter().map(|(name, source)| (format!("keymaps/{name}.ron"), *source)))
        .collect();
    let built_in: BTreeSet<String> = builtins.iter().map(|(path, _)| path.clone()).collect();
    assert_eq!(built_in.len(), builtins.len(), "a file is built in twice: {builtins:?}");
    let mut on_disk = BTreeSet::new();
    for dir in SHIPPED_DIRS {
        for entry in std::fs::read_dir(dir).expect("shipped folder") {
            let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
            if name.ends_with(".ron") {
                on_disk.insert(format!("{dir}/{name}"));
            }
        }
    }
    let not_built_in: Vec<&String> = on_disk.difference(&built_in).collect();
    let no_file: Vec<&String> = built_in.difference(&on_disk).collect();
    assert!(not_built_in.is_empty(), "on disk but not built in: {not_built_in:?}");
    assert!(no_file.is_empty(), "built in but no such file: {no_file:?}");
    for (path, source) in &builtins {
        let text = std::fs::read_to_string(path).expect("file");
        assert!(text == *source, "{path} is built in with another file's text");
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
    let placed: Vec<_> = pack.catalog().grid().collect();
    for (row_id, counts) in NOTTINGHAM_CITY_COUNTS {
        for (level, expected) in counts.iter().enumerate() {
            let got = placed.iter().filter(|p| p.row_id == row_id && p.level == Some(level)).count();
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

/// Asserts a pack's rows, in order, and its indicators per row and level
/// against a table counted by hand from the source document.
fn assert_counts(pack_id: &str, expected: &[(&str, &[usize])]) {
    let (pack, _) = Library::load(None).open(pack_id).expect("pack");
    let rows = pack.all_rows();
    let names: Vec<&str> = rows.iter().map(|(_, r)| r.name.as_str()).collect();
    let expected_names: Vec<&str> = expected.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, expected_names, "{pack_id}: rows");
    let placed: Vec<_> = pack.catalog().grid().collect();
    for (row_name, counts) in expected {
        assert_eq!(counts.len(), pack.levels.len(), "{pack_id}: {row_name}: one count per level");
        for (level, want) in counts.iter().enumerate() {
            let got = placed.iter().filter(|p| p.row == *row_name && p.level == Some(level)).count();
            assert_eq!(got, *want, "{pack_id}: {row_name}, level {}", level + 1);
        }
    }
    let total: usize = expected.iter().flat_map(|(_, c)| c.iter()).sum();
    assert_eq!(pack.indicator_count(), total, "{pack_id}: total");
}

/// Seed 002 (Children & Families Direct edition): the same cells as 001,
/// counted again in the interleaved PDF text.
#[test]
fn nottingham_city_cfd_counts_match_the_hand_count() {
    assert_counts(
        "nottingham-city-cfd",
        &[
            ("Health", &[3, 5, 7, 11]),
            ("Education and Learning", &[2, 5, 8, 7]),
            ("Emotional Development", &[3, 6, 10, 10]),
            ("Identity", &[2, 2, 5, 6]),
            ("Self-Care Skills and Social Presentation", &[2, 4, 8, 6]),
            ("Family and Social Relationship", &[2, 5, 4, 8]),
            ("Family History and Functioning", &[2, 6, 7, 8]),
            ("Housing, Employment and Finance", &[1, 5, 5, 6]),
            ("Family Social Integration", &[2, 3, 5, 2]),
            ("Community Resources", &[1, 2, 3, 1]),
            ("Basic Care and Protection", &[3, 6, 8, 14]),
            ("Emotional Warmth and Stability", &[3, 3, 4, 2]),
            ("Guidance, Boundaries and Stimulation", &[4, 7, 7, 5]),
        ],
    );
}

/// Seed 000 (Family Support Pathway 2018/2020), counted by hand: 236.
#[test]
fn nottingham_fsp_2018_counts_match_the_hand_count() {
    assert_counts(
        "nottingham-fsp-2018",
        &[
            ("Health", &[5, 10, 8, 6]),
            ("Education and Learning", &[3, 7, 7, 4]),
            ("Emotional Behavioural Development", &[2, 7, 11, 9]),
            ("Identity", &[3, 3, 5, 6]),
            ("Family and Social Relationship", &[2, 6, 4, 9]),
            ("Self-Care Skills and Social Presentation", &[2, 4, 4, 2]),
            ("Basic Care and Protection", &[3, 6, 7, 7]),
            ("Emotional Warmth and Stability", &[3, 3, 4, 2]),
            ("Guidance, Boundaries and Stimulation", &[4, 7, 7, 3]),
            ("Family History and Functioning", &[2, 6, 6, 3]),
            ("Housing, Employment and Finance", &[2, 5, 5, 4]),
            ("Family Social Integration", &[2, 3, 5, 2]),
            ("Community Resources", &[2, 2, 1, 1]),
        ],
    );
}

/// Seed 003 (Family Support Pathway, CAF era), counted by hand: 165, with
/// two cells the document leaves blank at Extensive.
#[test]
fn nottingham_fsp_2014_counts_match_the_hand_count() {
    assert_counts(
        "nottingham-fsp-2014",
        &[
            ("Health", &[5, 6, 5, 3]),
            ("Education and Learning", &[1, 5, 6, 1]),
            ("Emotional and Behavioural Development", &[5, 5, 10, 8]),
            ("Identity", &[1, 5, 2, 6]),
            ("Family and Social Relationship", &[2, 3, 2, 6]),
            ("Self Care Skills", &[1, 3, 4, 2]),
            ("Basic Care and Protection", &[2, 4, 6, 6]),
            ("Emotional Warmth and Stability", &[1, 3, 1, 1]),
            ("Guidance, Boundaries and Stimulation", &[3, 8, 2, 1]),
            ("Family History and Functioning", &[1, 6, 0, 2]),
            ("Housing, Employment and Finance", &[2, 2, 2, 4]),
            ("Family Social Integration", &[1, 1, 2, 2]),
            ("Community Resources", &[1, 2, 0, 2]),
        ],
    );
    let (pack, _) = Library::load(None).open("nottingham-fsp-2014").expect("pack");
    let thresholds: Vec<(&str, &str)> =
        pack.thresholds.iter().map(|t| (t.name.as_str(), t.above_level.as_str())).collect();
    assert!(thresholds.contains(&("Children in Need", "extensive")), "{thresholds:?}");
    assert!(matches!(pack.contacts.hours, dutygrid::pack::Hours::NotStated(_)));
}

/// Seed 004 (Stoke-on-Trent, five levels, outcome rows), counted by hand: 316.
#[test]
fn stoke_on_trent_counts_match_the_hand_count() {
    assert_counts(
        "stoke-on-trent",
        &[
            ("Desired Outcome: getting a good education", &[4, 8, 9, 8, 5]),
            ("Desired Outcome: good early years development", &[9, 7, 7, 5, 6]),
            ("Desired Outcome: improved physical and mental health", &[10, 12, 11, 9, 10]),
            ("Desired Outcome: promoting recovery and reducing harm from substance use", &[3, 6, 5, 5, 5]),
            ("Desired Outcome: improved family relationships", &[6, 7, 9, 8, 7]),
            ("Desired Outcome: children are safe from abuse & exploitation", &[8, 4, 14, 14, 16]),
            ("Desired Outcome: crime prevention and tackling crime", &[5, 4, 3, 8, 8]),
            ("Desired Outcome: safe from domestic abuse", &[6, 2, 6, 6, 6]),
            ("Desired Outcome: secure housing", &[3, 2, 2, 3, 3]),
            ("Desired Outcome: financial stability", &[2, 3, 4, 2, 1]),
        ],
    );
    let (pack, _) = Library::load(None).open("stoke-on-trent").expect("pack");
    let protection: Vec<bool> = pack.levels.iter().map(|l| l.immediate_protection).collect();
    assert_eq!(protection, [false, false, false, false, true]);
    assert!(matches!(pack.rows, dutygrid::pack::Rows::Outcomes(_)));
}
