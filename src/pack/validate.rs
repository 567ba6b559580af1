//! Checks a parsed pack for what the type system cannot: unique ids, links
//! that resolve, a cell for every level, well-formed hours, plausible phone
//! numbers. Every problem is collected, none stops the others.

use std::collections::{HashMap, HashSet};

use chrono_tz::Tz;

use super::model::{ContactLine, Pack, Rows};
use super::phone::is_plausible_uk_number;
use crate::hours::clock::Day;
use crate::hours::schedule::{Hours, Schedule};
use crate::source::problem::{Problem, Where};

pub const MIN_LEVELS: usize = 2;
/// A check of the contacts against the publisher's live pages older than
/// this many months is reported: numbers and addresses change.
pub const CHECK_STALE_MONTHS: u32 = 12;
pub const MAX_LEVELS: usize = 6;

fn value(field: &'static str, value: &str) -> Where {
    Where::Value { field, value: value.to_string(), nth: 0 }
}

/// The zones this build carries (chrono-tz keeps only those its filter in
/// `.cargo/config.toml` names, with their other names), the one packs use
/// first; the fixed offsets it always keeps are mentioned, not listed.
fn known_zones() -> String {
    let mut names: Vec<&str> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|zone| zone.name())
        .filter(|name| !name.starts_with("Etc/") && (name.contains('/') || *name == "UTC"))
        .collect();
    crate::sort::sort_by_key(&mut names, |name| (*name != "Europe/London", *name));
    format!("{} (and fixed offsets such as Etc/GMT+1)", names.join(", "))
}

/// A warning (not an error: the pack is usable) when no check of the
/// contacts and hours against the publisher's live pages is recorded, or
/// the last one is over a year before `today` or after it.
pub fn checked_warning(pack: &Pack, today: chrono::NaiveDate) -> Option<String> {
    let Some(checked) = &pack.checked else {
        return Some(
            "warning: no `checked` date: the contacts and hours have not been recorded as checked against the publisher's live pages"
                .to_string(),
        );
    };
    let stale = checked.on.checked_add_months(chrono::Months::new(CHECK_STALE_MONTHS)).is_some_and(|due| due < today);
    if stale {
        return Some(format!(
            "warning: the contacts and hours were last checked on {}, over a year ago: check them against the publisher's live pages",
            checked.on
        ));
    }
    (checked.on > today).then(|| format!("warning: `checked` date {} is in the future", checked.on))
}

/// Every problem in `pack`; `calendars` are the ids of the bank-holiday
/// calendars a schedule may name.
pub fn validate(pack: &Pack, calendars: &[String]) -> Vec<Problem> {
    let mut check = Checker::default();
    check.header(pack);
    check.levels(pack);
    check.rows(pack);
    check.immediate(pack);
    check.links(pack);
    check.contacts(pack, calendars);
    check.guidance(pack);
    check.search(pack);
    check.problems
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
    /// Ids seen so far per namespace, with how often each was seen.
    seen: HashMap<&'static str, HashMap<String, usize>>,
    /// How often each (field, value) has been visited, so a problem with the
    /// third `level: "x"` is reported at the third one in the file.
    visits: HashMap<(&'static str, String), usize>,
}

impl Checker {
    fn report(&mut self, at: Where, message: impl Into<String>) {
        self.problems.push(Problem { at, message: message.into() });
    }

    /// The position of this visit to a (field, value) literal. Fields are
    /// visited in file order, so the count matches the file's.
    fn visit(&mut self, field: &'static str, value: &str) -> Where {
        let count = self.visits.entry((field, value.to_string())).or_insert(0);
        let at = Where::Value { field, value: value.to_string(), nth: *count };
        *count += 1;
        at
    }

    /// Records an id in a namespace; a second use is an error reported where
    /// the second one is written.
    fn id(&mut self, namespace: &'static str, what: &str, id: &str) {
        if id.trim().is_empty() {
            self.report(value("id", id), format!("{what} has an empty id"));
            return;
        }
        let count = self.seen.entry(namespace).or_default().entry(id.to_string()).or_insert(0);
        *count += 1;
        if *count == 2 {
            let at = Where::Value { field: "id", value: id.to_string(), nth: 1 };
            self.report(at, format!("duplicate {what} id {id:?}: ids must be unique"));
        }
    }

    fn text(&mut self, field: &'static str, what: &str, text: &str) {
        if text.trim().is_empty() {
            self.report(value(field, text), format!("{what} has no text"));
        }
    }

    fn header(&mut self, pack: &Pack) {
        let id_ok =
            !pack.id.is_empty() && pack.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            self.report(
                value("id", &pack.id),
                format!("pack id {:?} must be lower-case letters, digits and '-'", pack.id),
            );
        }
        self.text("title", "the pack", &pack.title);
        self.text("guidance_only", "the guidance-only statement", &pack.guidance_only);
        if pack.timezone.parse::<Tz>().is_err() {
            self.report(
                value("timezone", &pack.timezone),
                format!(
                    "unknown time zone {:?}: dutygrid knows only these time zones: {}",
                    pack.timezone,
                    known_zones()
                ),
            );
        }
    }

    fn levels(&mut self, pack: &Pack) {
        let count = pack.levels.len();
        if !(MIN_LEVELS..=MAX_LEVELS).contains(&count) {
            self.report(
                Where::Key("levels"),
                format!("a pack has {MIN_LEVELS} to {MAX_LEVELS} levels; this one has {count}"),
            );
        }
        for level in &pack.levels {
            self.id("level", "level", &level.id);
            self.text("name", "a level", &level.name);
        }
        let last = pack.levels.last().map(|l| l.id.as_str());
        for threshold in &pack.thresholds {
            let at = self.visit("above_level", &threshold.above_level);
            if pack.level_index(&threshold.above_level).is_none() {
                self.report(
                    at,
                    format!("threshold {:?} names unknown level {:?}", threshold.name, threshold.above_level),
                );
            } else if last == Some(threshold.above_level.as_str()) {
                self.report(at, format!("threshold {:?} cannot lie above the highest level", threshold.name));
            }
        }
    }

    fn rows(&mut self, pack: &Pack) {
        let level_ids: Vec<&str> = pack.levels.iter().map(|l| l.id.as_str()).collect();
        let rows = match &pack.rows {
            Rows::Domains(domains) => {
                if domains.is_empty() {
                    self.report(Where::Key("rows"), "the grid has no domains");
                }
                for domain in domains {
                    self.id("row", "domain", &domain.id);
                    if domain.rows.is_empty() {
                        self.report(value("id", &domain.id), format!("domain {:?} has no rows", domain.id));
                    }
                }
                domains.iter().flat_map(|d| d.rows.iter()).collect::<Vec<_>>()
            }
            Rows::Outcomes(rows) => rows.iter().collect(),
        };
        if rows.is_empty() {
            self.report(Where::Key("rows"), "the grid has no rows");
        }
        for row in rows {
            self.id("row", "row", &row.id);
            let mut covered: HashSet<&str> = HashSet::new();
            for cell in &row.cells {
                let at = self.visit("level", &cell.level);
                if !level_ids.contains(&cell.level.as_str()) {
                    self.report(at.clone(), format!("row {:?} has a cell for unknown level {:?}", row.id, cell.level));
                } else if !covered.insert(cell.level.as_str()) {
                    self.report(at.clone(), format!("row {:?} has two cells for level {:?}", row.id, cell.level));
                }
                match (cell.empty, cell.indicators.is_empty()) {
                    (true, false) => self.report(
                        at,
                        format!("row {:?}, level {:?}: a cell marked empty lists indicators", row.id, cell.level),
                    ),
                    (false, true) => self.report(
                        at,
                        format!(
                            "row {:?}, level {:?}: no indicators; write `empty: true` if the document leaves this cell blank",
                            row.id, cell.level
                        ),
                    ),
                    _ => {}
                }
                for indicator in &cell.indicators {
                    self.id("item", "indicator", &indicator.id);
                    self.text("text", "an indicator", &indicator.text);
                }
            }
            for level in &level_ids {
                if !covered.contains(level) {
                    self.report(
                        value("id", &row.id),
                        format!("row {:?} has no cell for level {level:?} (mark it `empty: true` if blank)", row.id),
                    );
                }
            }
        }
    }

    fn immediate(&mut self, pack: &Pack) {
        if pack.immediate.items.is_empty() {
            self.report(Where::Key("immediate"), "the immediate-referral list has no items");
        }
        for item in &pack.immediate.items {
            self.id("item", "immediate-referral item", &item.id);
            self.text("text", "an immediate-referral item", &item.text);
            for sub in &item.sub {
                self.id("item", "sub-point", &sub.id);
                self.text("text", "a sub-point", &sub.text);
            }
        }
    }

    fn links(&mut self, pack: &Pack) {
        let triggers: HashSet<&str> = pack.immediate_ids().collect();
        for indicator in pack.indicators().map(|(_, _, _, i)| i) {
            let Some(trigger) = &indicator.trigger else { continue };
            let at = self.visit("trigger", trigger);
            if !triggers.contains(trigger.as_str()) {
                self.report(
                    at,
                    format!(
                        "indicator {:?} links to {trigger:?}, which is not an immediate-referral item",
                        indicator.id
                    ),
                );
            }
        }
    }

    fn contacts(&mut self, pack: &Pack, calendars: &[String]) {
        let contacts = &pack.contacts;
        let lines = std::iter::once(&contacts.office)
            .chain(contacts.out_of_hours.iter())
            .chain(contacts.emergency.iter())
            .chain(contacts.other.iter());
        for line in lines {
            self.contact_line(line);
        }
        match &contacts.hours {
            Hours::Weekly(schedule) => self.schedule(schedule, calendars),
            Hours::NotStated(reason) => self.text("hours", "`NotStated` hours", reason),
        }
    }

    fn contact_line(&mut self, line: &ContactLine) {
        self.id("contact", "contact line", &line.id);
        self.text("name", "a contact line", &line.name);
        if line.numbers.is_empty() && line.channels.is_empty() {
            self.report(value("id", &line.id), format!("contact line {:?} has no number or channel", line.id));
        }
        for number in &line.numbers {
            let at = self.visit("numbers", number);
            if !is_plausible_uk_number(number) {
                self.report(at, format!("{number:?} is not a plausible UK phone number (or 999, 101, 111)"));
            }
        }
    }

    fn schedule(&mut self, schedule: &Schedule, calendars: &[String]) {
        if schedule.slots.is_empty() {
            self.report(
                Where::Key("slots"),
                "weekly hours list no slots; use NotStated(\"…\") if the document gives none",
            );
        }
        if let Some(calendar) = &schedule.closed_on
            && !calendars.iter().any(|c| c == calendar)
        {
            self.report(
                value("closed_on", calendar),
                format!("unknown calendar {calendar:?}; known: {}", calendars.join(", ")),
            );
        }
        let mut by_day: HashMap<Day, Vec<(chrono::NaiveTime, chrono::NaiveTime)>> = HashMap::new();
        for slot in &schedule.slots {
            let at = self.visit("open", &slot.open.to_string());
            if slot.days.is_empty() {
                self.report(at.clone(), "an opening slot names no days");
            }
            if slot.open >= slot.close {
                self.report(at, format!("opening time {} is not before closing time {}", slot.open, slot.close));
                continue;
            }
            for day in &slot.days {
                let taken = by_day.entry(*day).or_default();
                if taken.iter().any(|&(o, c)| slot.open.0 < c && o < slot.close.0) {
                    self.report(
                        at.clone(),
                        format!("{day:?} {}–{} overlaps another slot on the same day", slot.open, slot.close),
                    );
                }
                taken.push((slot.open.0, slot.close.0));
            }
        }
    }

    fn search(&mut self, pack: &Pack) {
        let items: HashSet<&str> = pack.item_ids().collect();
        for group in &pack.search.related {
            self.id("related", "related group", &group.id);
            if group.members.len() < 2 {
                self.report(value("id", &group.id), format!("related group {:?} needs at least two members", group.id));
            }
            for member in &group.members {
                let at = self.visit("members", member);
                if !items.contains(member.as_str()) {
                    self.report(
                        at,
                        format!(
                            "related group {:?} names {member:?}, which is not an indicator of this pack",
                            group.id
                        ),
                    );
                }
            }
        }
        // A pack's own phrases must point at its own words: another pack's
        // terms would find nothing here.
        let own = super::vocabulary::pack_words(&[pack]);
        self.problems.extend(super::vocabulary::phrase_problems(&pack.search.phrases, &own, "this pack's indicators"));
        for abbreviation in &pack.search.abbreviations {
            let at = self.visit("short", &abbreviation.short);
            if abbreviation.short.trim().is_empty() || abbreviation.means.iter().all(|m| m.trim().is_empty()) {
                self.report(at, format!("abbreviation {:?} needs a short form and what it means", abbreviation.short));
            }
        }
    }

    fn guidance(&mut self, pack: &Pack) {
        let guidance = &pack.guidance;
        if let Some(worry) = &guidance.worry_questions {
            for q in &worry.questions {
                self.id("question", "question", &q.id);
            }
            if let Some(scaling) = &worry.scaling
                && scaling.min >= scaling.max
            {
                self.report(Where::Key("scaling"), format!("scale {}–{} runs the wrong way", scaling.min, scaling.max));
            }
        }
        if let Some(consent) = &guidance.consent {
            for e in &consent.exceptions {
                self.id("consent", "consent exception", &e.id);
            }
        }
        let timescales = guidance
            .escalation
            .iter()
            .flat_map(|e| e.timescales.iter())
            .chain(guidance.referral.iter().flat_map(|r| r.written_within.iter().chain(r.timescales.iter())))
            .chain(guidance.referral.iter().flat_map(|r| r.urgency.iter().flat_map(|u| [&u.red, &u.amber, &u.green])));
        for t in timescales {
            self.id("timescale", "timescale", &t.id);
        }
        if let Some(referral) = &guidance.referral
            && let Some(feedback) = &referral.feedback
            && !referral.timescales.iter().any(|t| &t.id == feedback)
        {
            self.report(
                Where::Key("feedback"),
                format!("feedback names {feedback:?}, which is not one of the referral's timescales"),
            );
        }
        for section in &guidance.sections {
            self.id("section", "section", &section.id);
        }
        for outcome in &guidance.outcomes {
            self.id("outcome", "outcome", &outcome.id);
            self.text("name", "an outcome", &outcome.name);
        }
    }
}
