#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The document at hand: every passage a pack holds is in its guide, the
//! guide prints linearly, `contact --all` lists every number, and packs say
//! when their contacts were checked.

mod support;

use dutygrid::guide::Guide;
use dutygrid::pack::Pack;
use dutygrid::pack::library::Library;
use dutygrid::text::clean;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use support::{run_dutygrid as dutygrid, stderr, stdout};

const PACKS: [&str; 5] =
    ["nottingham-city", "nottingham-city-cfd", "nottingham-fsp-2014", "nottingham-fsp-2018", "stoke-on-trent"];

fn pack(id: &str) -> Pack {
    Library::load(None).open(id).expect("built-in pack").0
}

/// Every string in `value`, with the path that leads to it, except ids and
/// the machine-read parts (hours slots, calendar ids, related members).
fn passages(path: &str, value: &Value, out: &mut Vec<(String, String)>) {
    const NOT_PROSE: [&str; 8] =
        ["id", "slots", "closed_on", "members", "trigger", "short_name", "applies_to", "feedback"];
    match value {
        Value::String(text) => out.push((path.to_string(), text.clone())),
        Value::Array(values) => {
            for (i, v) in values.iter().enumerate() {
                passages(&format!("{path}[{i}]"), v, out);
            }
        }
        Value::Object(map) => {
            for (key, v) in map.iter().filter(|(k, _)| !NOT_PROSE.contains(&k.as_str())) {
                passages(&format!("{path}.{key}"), v, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_passage_of_every_shipped_pack_is_in_some_guide_section() {
    for id in PACKS {
        let pack = pack(id);
        let guide = Guide::of(&pack);
        let pages: Vec<String> = guide.sections.iter().map(|s| s.text()).collect();
        let json = serde_json::to_value(&pack).expect("pack as JSON");
        let mut found = Vec::new();
        for part in ["guidance", "provenance", "notes", "contacts", "immediate", "guidance_only", "thresholds"] {
            passages(part, &json[part], &mut found);
        }
        for (n, level) in json["levels"].as_array().expect("levels").iter().enumerate() {
            passages(&format!("levels[{n}]"), level, &mut found);
        }
        assert!(found.len() > 50, "{id}: only {} passages walked", found.len());
        let missing: Vec<&(String, String)> =
            found.iter().filter(|(_, text)| !pages.iter().any(|p| p.contains(clean(text).trim()))).collect();
        assert!(missing.is_empty(), "{id}: not in the guide: {missing:#?}");
        if let Some(edition) = &pack.edition {
            assert!(pages.iter().any(|p| p.contains(edition.as_str())), "{id}: edition");
        }
    }
}

#[test]
fn the_guide_has_its_sections_in_reading_order_with_unique_ids() {
    for id in PACKS {
        let guide = Guide::of(&pack(id));
        let ids: Vec<&str> = guide.contents().iter().map(|(id, _)| *id).collect();
        let unique: std::collections::HashSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{id}: {ids:?}");
        assert!(ids[0].starts_with("level-"), "{id}: {ids:?}");
        assert_eq!(ids.last(), Some(&"about"), "{id}");
        assert!(ids.contains(&"numbers") && ids.contains(&"immediate"), "{id}: {ids:?}");
    }
}

#[test]
fn guide_prints_the_whole_document_linearly_without_box_drawing() {
    let out = dutygrid(&["guide", "--pack", "nottingham-fsp-2018"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let boxes = text.chars().filter(|c| ('\u{2500}'..='\u{259F}').contains(c)).count();
    assert_eq!(boxes, 0, "box drawing in the linear guide");
    insta::assert_snapshot!("guide_text_nottingham_fsp_2018", text);
}

#[test]
fn guide_section_by_id_by_title_prefix_and_unknown() {
    let by_id = dutygrid(&["guide", "--pack", "nottingham-fsp-2018", "escalation"]);
    assert_eq!(by_id.status.code(), Some(0), "{}", stderr(&by_id));
    let text = stdout(&by_id);
    assert!(text.contains("Escalation and professional disagreements"), "{text}");
    assert!(text.contains("Within 48 hours: If disagreement occurs"), "{text}");
    assert!(!text.contains("Numbers directory"), "one section only: {text}");

    let by_title = dutygrid(&["guide", "--pack", "nottingham-fsp-2018", "resolving inter"]);
    assert_eq!(by_title.status.code(), Some(0), "{}", stderr(&by_title));
    assert!(stdout(&by_title).contains("Safeguarding Children Board Chair"), "{}", stdout(&by_title));

    let ambiguous = dutygrid(&["guide", "--pack", "stoke-on-trent", "level"]);
    assert_eq!(ambiguous.status.code(), Some(2));
    assert!(
        stderr(&ambiguous).contains("could be any of: level-thriving, level-getting-advice"),
        "{}",
        stderr(&ambiguous)
    );

    let unknown = dutygrid(&["guide", "--pack", "nottingham-city", "nonsense"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stdout(&unknown).is_empty());
    let err = stderr(&unknown);
    assert!(err.starts_with("no guide section \"nonsense\"; sections: level-"), "{err}");
    assert!(err.contains("consent, escalation") && err.contains("numbers, about"), "{err}");
}

#[test]
fn guide_json_and_markdown_carry_the_same_sections() {
    let json = dutygrid(&["guide", "--pack", "stoke-on-trent", "--format", "json"]);
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let value: Value = serde_json::from_slice(&json.stdout).expect("json");
    let sections = value["sections"].as_array().expect("sections");
    assert_eq!(sections.len(), Guide::of(&pack("stoke-on-trent")).sections.len());
    let md = stdout(&dutygrid(&["guide", "--pack", "stoke-on-trent", "numbers", "--format", "md"]));
    assert!(md.starts_with("# "), "{md}");
    assert!(md.contains("## Numbers directory"), "{md}");
    assert!(md.contains("Crisis Care Centre — 0800 0328 728"), "{md}");
}

#[test]
fn contact_all_lists_every_number_of_every_pack_with_its_words() {
    for id in PACKS {
        let pack = pack(id);
        let out = dutygrid(&["contact", "--all", "--pack", id, "--at", "2026-12-01 10:00"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        let c = &pack.contacts;
        let lines = std::iter::once(&c.office).chain(&c.out_of_hours).chain(&c.emergency).chain(&c.other);
        for line in lines {
            assert!(text.contains(&clean(&line.name)), "{id}: {} missing:\n{text}", line.name);
            for number in &line.numbers {
                assert!(text.contains(number.as_str()), "{id}: {number} missing:\n{text}");
            }
            if let Some(words) = &line.words {
                assert!(text.contains(&clean(words)), "{id}: words of {} missing", line.id);
            }
        }
    }
}

#[test]
fn contact_all_has_the_other_numbers_and_marks_the_live_line() {
    let text = stdout(&dutygrid(&["contact", "--all", "--pack", "nottingham-fsp-2018", "--at", "2026-12-01 10:00"]));
    assert!(text.contains("Also useful: Child & Adolescent Mental Health Service — 0115 854 2299"), "{text}");
    assert!(text.contains("Also useful: Youth Justice Service — 0115 915 9400"), "{text}");
    assert!(text.contains("— 0115 876 4800 (the line to ring now)"), "{text}");
    assert!(!text.contains("0115 876 1000 (the line to ring now)"), "{text}");
    let stoke = stdout(&dutygrid(&["contact", "--all", "--pack", "stoke-on-trent", "--at", "2026-12-01 10:00"]));
    assert!(stoke.contains("Crisis Care Centre — 0800 0328 728"), "{stoke}");
    assert!(stoke.contains("0808 178 3374"), "{stoke}");
    assert!(stoke.contains("101 (not for emergencies)"), "{stoke}");
    let live = |id: &str| {
        let out = dutygrid(&["contact", "--all", "--pack", id, "--at", "2026-12-01 23:00", "--format", "json"]);
        let value: Value = serde_json::from_slice(&out.stdout).expect("json");
        let numbers = value["numbers"].as_array().expect("numbers").clone();
        let live: Vec<String> =
            numbers.iter().filter(|n| n["live"] == true).filter_map(|n| n["role"].as_str().map(String::from)).collect();
        (live, numbers)
    };
    assert_eq!(live("nottingham-fsp-2018").0, ["out_of_hours"]);
    // The 2014 pack states no office hours: no line is claimed to be the one.
    let (none, numbers) = live("nottingham-fsp-2014");
    assert!(none.is_empty(), "{none:?}");
    let dart = numbers.iter().find(|n| n["id"] == "dart").expect("DART");
    assert_eq!(dart["role"], "other");
    assert_eq!(dart["numbers"][0], "0115 915 0494");
}

#[test]
fn checked_dates_warn_when_missing_stale_or_in_the_future() {
    use dutygrid::pack::validate::checked_warning;
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    let mut pack = pack("nottingham-city");
    assert!(checked_warning(&pack, day("2026-12-01")).is_some_and(|w| w.contains("no `checked` date")));
    pack.checked = Some(dutygrid::pack::Checked { on: day("2025-12-01"), by: "x".into(), against: "y".into() });
    assert_eq!(checked_warning(&pack, day("2026-12-01")), None, "exactly a year is not over a year");
    let stale = checked_warning(&pack, day("2026-12-02")).unwrap_or_default();
    assert!(stale.contains("last checked on 2025-12-01, over a year ago"), "{stale}");
    assert!(checked_warning(&pack, day("2025-11-30")).is_some_and(|w| w.contains("in the future")));
}

#[test]
fn pack_check_warns_about_a_missing_check_and_accepts_a_recent_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let valid = include_str!("fixtures/valid.ron");
    let without = dir.path().join("without.ron");
    std::fs::write(&without, valid).expect("write");
    let out = dutygrid(&["pack", "check", without.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "a warning is not a failure: {}", stderr(&out));
    assert!(stderr(&out).contains("without.ron: warning: no `checked` date"), "{}", stderr(&out));

    let today = chrono::Utc::now().date_naive();
    let checked =
        format!("    checked: (on: \"{today}\", by: \"Duty manager\", against: \"the partnership's contact page\"),\n");
    let with = dir.path().join("with.ron");
    let text = valid.replacen("    timezone:", &format!("{checked}    timezone:"), 1);
    std::fs::write(&with, &text).expect("write");
    let out = dutygrid(&["pack", "check", with.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));

    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, text.replace(&today.to_string(), "2026-02-30")).expect("write");
    let out = dutygrid(&["pack", "check", bad.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1), "an impossible date is an error: {}", stderr(&out));

    let list = dutygrid(&["--packs-dir", dir.path().to_str().expect("utf-8"), "pack", "list", "--format", "json"]);
    let value: Value = serde_json::from_slice(&list.stdout).expect("json");
    let area = value.as_array().and_then(|a| a.iter().find(|p| p["id"] == "test-area")).expect("listed");
    assert!(area["checked"].is_null() || area["checked"] == today.to_string(), "{area}");
    let city = value.as_array().and_then(|a| a.iter().find(|p| p["id"] == "nottingham-city")).expect("city");
    assert!(city["checked"].is_null());
    let text = stdout(&dutygrid(&["pack", "list"]));
    assert!(text.lines().any(|l| l.starts_with("nottingham-city ") && l.contains("checked never")), "{text}");
}

fn render(guide: &Guide, width: u16, height: u16, scroll: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let theme = dutygrid::ui::Theme::monochrome();
    terminal.draw(|frame| dutygrid::ui::guide::draw(frame, frame.area(), guide, scroll, false, &theme)).expect("draw");
    support::screen_text(terminal.backend().buffer())
}

#[test]
fn guide_view_80x24_has_contents_above_the_text() {
    let guide = Guide::of(&pack("nottingham-fsp-2018"));
    let screen = render(&guide, 80, 24, 0);
    let contents = screen.find("Contents").expect("contents");
    let text = screen.find("1. Level 1: Universal Support").expect("first section");
    assert!(contents < text, "{screen}");
    insta::assert_snapshot!("guide_view_80x24", screen);
}

#[test]
fn guide_view_200x60_has_contents_beside_the_text_and_marks_the_section_in_view() {
    let mut guide = Guide::of(&pack("stoke-on-trent"));
    guide.mark_live("ifd");
    let area = ratatui::layout::Rect::new(0, 0, 200, 60);
    let starts = dutygrid::ui::guide::section_starts(&guide, area, &dutygrid::ui::Theme::monochrome());
    let numbers = guide.sections.iter().position(|s| s.id == "numbers").expect("numbers");
    let screen = render(&guide, 200, 60, starts[numbers]);
    let first = screen.lines().nth(1).unwrap_or_default();
    assert!(first.contains("Contents") || screen.lines().next().unwrap_or_default().contains("Contents"), "{screen}");
    assert!(screen.contains("Integrated Front Door (IFD) 01782 235100  ◀ ring now"), "{screen}");
    insta::assert_snapshot!("guide_view_200x60_numbers", screen);
}

#[test]
fn guide_view_never_panics_at_small_sizes() {
    let guide = Guide::of(&pack("nottingham-city"));
    for (w, h) in [(0, 0), (1, 1), (3, 2), (20, 5), (60, 20)] {
        render(&guide, w, h, u16::MAX);
    }
    let screen = render(&guide, 60, 20, 0);
    assert!(screen.contains("Level 1"), "{screen}");
}

#[test]
fn guide_view_in_presentation_mode_uses_the_projector_colours() {
    let guide = Guide::of(&pack("nottingham-city"));
    let theme = dutygrid::ui::Theme::colour();
    let heading_fg = |present: bool| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        terminal
            .draw(|frame| dutygrid::ui::guide::draw(frame, frame.area(), &guide, 0, present, &theme))
            .expect("draw");
        let buffer = terminal.backend().buffer().clone();
        // dutygrid's headings ("What to do", "Services") are the only cells in either colour.
        (0..24u16).flat_map(|y| (0..80u16).map(move |x| (x, y))).map(|(x, y)| buffer[(x, y)].fg).find(|fg| {
            *fg == theme.heading.fg.unwrap_or_default() || *fg == theme.for_projector().heading.fg.unwrap_or_default()
        })
    };
    assert_eq!(heading_fg(true), theme.for_projector().heading.fg);
    assert_eq!(heading_fg(false), theme.heading.fg);
}

#[test]
fn the_referral_section_names_the_feedback_timescale_and_the_decision_deadlines_by_urgency() {
    use dutygrid::pack::{Span, Timescale, Urgency};
    let mut pack = pack("nottingham-fsp-2018");
    let referral = |guide: &Guide| guide.find("referral").expect("referral").text();
    let text = referral(&Guide::of(&pack));
    assert!(text.contains("Feedback to the referrer within "), "{text}");
    let t = |id: &str, text: &str, within| Timescale { id: id.into(), text: text.into(), within };
    pack.guidance.referral.as_mut().expect("referral").urgency = Some(Urgency {
        red: t("red", "Same-day decision for a child at risk.", Span::Hours(4)),
        amber: t("amber", "Next working day.", Span::WorkingDays(1)),
        green: t("green", "Within three working days.", Span::WorkingDays(3)),
    });
    let text = referral(&Guide::of(&pack));
    assert!(text.contains("Decision by urgency"), "{text}");
    assert!(text.contains("Red: a decision within 4 hours: Same-day decision for a child at risk."), "{text}");
    assert!(text.contains("Green: a decision within 3 working days: Within three working days."), "{text}");
}

#[test]
fn how_the_pack_reads_the_document_says_when_it_prints_no_edition() {
    let about = Guide::of(&pack("stoke-on-trent")).find("about").expect("about").text();
    assert!(about.contains("Edition: the document prints none"), "{about}");
    let about = Guide::of(&pack("nottingham-fsp-2018")).find("about").expect("about").text();
    assert!(about.contains("Edition: 2018 / 2020"), "{about}");
}
