#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The household in the record: each child with the ticks about them and
//! their own highest level, the adults, the referrer with callback details,
//! consent as the forms split it, first-hand markings; and the JSON's
//! documentation names every key the export writes.

mod support;

use dutygrid::call::details::{CallerType, ConsentState, YesNoUnknown};
use dutygrid::call::household::{AdultFact, Born, ChildFact, Heard, Hearing, HouseholdChange, ReferrerFact, Residence};
use dutygrid::call::{Call, DetailChange, Entry, PackStamp};
use dutygrid::export;
use dutygrid::pack::Pack;
use dutygrid::pack::library::Library;
use support::{OFFICE, at};

fn pack(id: &str) -> Pack {
    Library::load(None).open(id).expect("pack").0
}

/// The neighbour's call about a bruised 4-month-old and her 6-year-old
/// brother home alone, with every household field filled in.
fn household_call(pack: &Pack) -> Call {
    let now = at(&pack.id, OFFICE);
    let stamp = PackStamp { id: pack.id.clone(), title: pack.title.clone(), edition: pack.edition.clone() };
    let mut call = Call::new(stamp, now, false);
    let h = |change| Entry::Household { change, at: now };
    let child = |child, fact| h(HouseholdChange::Child { child, fact });
    let entries = [
        child(1, ChildFact::Label("Baby Amy".into())),
        child(1, ChildFact::Born(Born::parse("4m", now.date_naive()))),
        child(1, ChildFact::Mobile(Some(YesNoUnknown::No))),
        child(1, ChildFact::Whereabouts("at home, 12 Elm Row".into())),
        child(1, ChildFact::WithWhom("no adult".into())),
        child(2, ChildFact::Label("Tyler".into())),
        child(2, ChildFact::Born(Born::parse("03/05/2020", now.date_naive()))),
        child(2, ChildFact::School("Elm Primary".into())),
        h(HouseholdChange::Adult { adult: 1, fact: AdultFact::Label("Mum's partner".into()) }),
        h(HouseholdChange::Adult { adult: 1, fact: AdultFact::Residence(Some(Residence::Visits)) }),
        h(HouseholdChange::Adult { adult: 1, fact: AdultFact::AllegedPerpetrator(true) }),
        h(HouseholdChange::Address { text: "12 Elm Row".into() }),
        h(HouseholdChange::Referrer { fact: ReferrerFact::Name("Pat Neighbour".into()) }),
        h(HouseholdChange::Referrer { fact: ReferrerFact::Numbers("07700 900123".into()) }),
        h(HouseholdChange::Referrer { fact: ReferrerFact::Reachable("until 6pm".into()) }),
        Entry::Detail { change: DetailChange::Caller(Some(CallerType::MemberOfPublic)), at: now },
        Entry::Detail { change: DetailChange::ParentsAware(Some(YesNoUnknown::No)), at: now },
        Entry::Detail { change: DetailChange::Consent(Some(ConsentState::Refused)), at: now },
        Entry::Detail { change: DetailChange::ConsentReason(Some("consent-immediate-risk".into())), at: now },
        Entry::Detail { change: DetailChange::ChildViews("Tyler said he was scared".into()), at: now },
        Entry::Tick { id: "imm-non-mobile-bruising".into(), ticked: true, at: now },
        Entry::Tick { id: "health-eh2".into(), ticked: true, at: now },
        h(HouseholdChange::Assign { item: "imm-non-mobile-bruising".into(), children: vec![1] }),
        h(HouseholdChange::Heard {
            about: Heard::Tick("imm-non-mobile-bruising".into()),
            hearing: Some(Hearing::FirstHand),
        }),
        Entry::Note { section: "notes".into(), text: "Heard crying through the wall".into(), at: now },
        h(HouseholdChange::Heard { about: Heard::Note("notes".into()), hearing: Some(Hearing::SecondHand) }),
    ];
    for entry in &entries {
        call.apply(entry);
    }
    call
}

fn exported(pack: &Pack, call: &Call) -> export::Record {
    let library = Library::load(None);
    let calendar = dutygrid::app::contact_now::calendar_for(pack, &library.calendars);
    export::record(pack, call, "call-test", calendar).expect("times in range")
}

#[test]
fn each_child_is_listed_with_the_ticks_about_them_and_their_own_highest_level() {
    let pack = pack("nottingham-city");
    let record = exported(&pack, &household_call(&pack));
    let json: serde_json::Value = serde_json::from_str(&export::json(&record)).unwrap();
    let children = json["children"].as_array().unwrap();
    assert_eq!(children.len(), 2);
    assert_eq!(children[0]["label"], "Baby Amy");
    assert_eq!(children[0]["age"], "4 months");
    assert_eq!(children[0]["immediate_referral_items"], 1);
    assert_eq!(children[0]["highest_level_indicated"], 4, "the immediate tick is the baby's");
    assert_eq!(children[1]["label"], "Tyler");
    assert_eq!(children[1]["date_of_birth"], "2020-05-03");
    assert_eq!(children[1]["immediate_referral_items"], 0, "not assigned to Tyler");
    assert_eq!(children[1]["highest_level_indicated"], 2, "the household's Early Help tick is his too");
    let bruising = json["ticked"].as_array().unwrap().iter().find(|t| t["id"] == "imm-non-mobile-bruising").unwrap();
    assert_eq!(bruising["about"], serde_json::json!(["Baby Amy"]));
    assert_eq!(bruising["heard"], "first_hand");

    let md = export::markdown(&record);
    assert!(md.contains("## Children (2)"), "{md}");
    assert!(md.contains("| Baby Amy | 4 months | at home, 12 Elm Row, with no adult | 2 | 4 Specialist"), "{md}");
    assert!(md.contains("| Tyler | 6 years | — | 1 | 2 Early Help |"), "{md}");
    assert!(md.contains("— about: Baby Amy (first-hand)"), "{md}");
    assert!(md.contains("### Other notes (heard from someone else)"), "{md}");
}

#[test]
fn the_referrer_household_and_consent_are_in_both_exports() {
    let pack = pack("nottingham-city");
    let record = exported(&pack, &household_call(&pack));
    let json: serde_json::Value = serde_json::from_str(&export::json(&record)).unwrap();
    assert_eq!(json["referrer"]["type"], "member_of_public");
    assert_eq!(json["referrer"]["callback_numbers"], "07700 900123");
    assert_eq!(json["household"]["adults"][0]["alleged_perpetrator"], true);
    assert_eq!(json["consent"]["parents_aware_of_call"], "no");
    assert_eq!(json["consent"]["consent"], "refused");
    assert_eq!(json["consent"]["exception_id"], "consent-immediate-risk");
    let md = export::markdown(&record);
    for expected in [
        "- Type: Member of the public",
        "- Name: Pat Neighbour",
        "- Callback number(s): 07700 900123",
        "- When reachable: until 6pm",
        "- Address: 12 Elm Row",
        "- Mum's partner · parental responsibility: — · Visits · **alleged perpetrator**",
        "- Parents aware of this call: No",
        "- Consent to share / refer: Refused",
        "- Going ahead without consent because: ",
        "- The child's own views: Tyler said he was scared",
    ] {
        assert!(md.contains(expected), "{expected:?} missing from:\n{md}");
    }
}

#[test]
fn typed_household_text_cannot_forge_the_markdown() {
    let pack = pack("nottingham-city");
    let mut call = household_call(&pack);
    let now = call.started_at;
    let change = HouseholdChange::Child { child: 2, fact: ChildFact::Label("Tyler | 99 | ## Forged".into()) };
    call.apply(&Entry::Household { change, at: now });
    let md = export::markdown(&exported(&pack, &call));
    assert!(md.contains("Tyler \\| 99 \\| \\#\\# Forged"), "{md}");
    assert!(!md.lines().any(|l| l.starts_with("## Forged")), "{md}");
}

#[test]
fn the_json_documentation_names_every_key_the_export_writes() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/record-json.md")).unwrap();
    let pack = pack("nottingham-city");
    let mut call = household_call(&pack);
    let now = call.started_at;
    call.apply(&Entry::Decision {
        decision: dutygrid::call::details::Decision {
            level: Some(pack.levels[3].id.clone()),
            rationale: "r".into(),
            reason: String::new(),
            at: now,
        },
    });
    call.apply(&Entry::Alert {
        alert: dutygrid::call::Alert {
            item: "imm-non-mobile-bruising".into(),
            trigger: None,
            raised_at: now,
            line_shown: "City MASH".into(),
            acknowledged_at: Some(now),
        },
    });
    use dutygrid::call::outcome::{Change, OutcomeChange, Signpost};
    let signpost = Some(Signpost { line: Some("camhs".into()), shown: "CAMHS 0115 854 2299".into() });
    for change in [
        Change::Add { choice: "signposted".into(), label: "Signposted".into(), signpost, text: "t".into() },
        Change::Edit { text: "u".into() },
    ] {
        let reason = String::from("why");
        call.apply(&Entry::Outcome { change: OutcomeChange { number: 1, change, reason, at: now } });
    }
    use dutygrid::call::handler::{CaseReference, Handled, Handler};
    let handler = Handler { name: "Sam Patel".into(), role: "Social worker".into(), team: "Front door".into() };
    call.apply(&Entry::Handler { handled: Handled { handler, at: now, at_start: true } });
    call.apply(&Entry::CaseReference { reference: CaseReference { reference: "CS-1".into(), at: now } });
    call.apply(&Entry::ReadBack { at: now });
    call.apply(&Entry::Urgency { urgency: Some(dutygrid::call::clocks::Rag::Amber), at: now });
    call.apply(&Entry::End { at: now });
    let json: serde_json::Value = serde_json::from_str(&export::json(&exported(&pack, &call))).unwrap();
    let paths = support::json_key_paths(&json);
    let missing: Vec<&String> = paths.iter().filter(|p| !doc.contains(&format!("`{p}`"))).collect();
    assert!(missing.is_empty(), "docs/record-json.md does not describe: {missing:?}");
}
