//! A shift's calls as one row each: what the calls screen, `record list` and
//! the handover all show, worked out once — the local start, the children,
//! the highest level indicated, any alert, the outcomes, each clock's state,
//! whether it is entered in the case system. Also the shift's start (kept in
//! the records folder, holding no personal data) and when the day team must
//! have a call: the next working morning. No terminal code; `now` is passed in.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::Call;
use super::clocks::{Clock, ClockKind, Outcome, Rag};
use super::store::Record;
use crate::hours::calendar::Calendar;
use crate::hours::local::{LocalTime, wall_to_instant};
use crate::hours::working::is_working_day;
use crate::pack::Pack;
use crate::pack::library::{Library, calendar_for};
use crate::pack::resolve::pack_zone;

/// Where a clock stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// Not done, not yet due.
    Open,
    /// Not done and past its due time.
    Overdue,
    /// Done by its due time.
    Met,
    /// Done after its due time.
    NotMet,
}

impl ClockState {
    pub fn of(clock: &Clock, now: DateTime<Utc>) -> ClockState {
        match clock.outcome {
            Outcome::Met(_) => ClockState::Met,
            Outcome::NotMet(_) => ClockState::NotMet,
            Outcome::Open if clock.due.is_some_and(|due| due < now) => ClockState::Overdue,
            Outcome::Open => ClockState::Open,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ClockState::Open => "open",
            ClockState::Overdue => "overdue",
            ClockState::Met => "met",
            ClockState::NotMet => "not met",
        }
    }

    /// Still to be done by someone.
    pub fn is_outstanding(self) -> bool {
        matches!(self, ClockState::Open | ClockState::Overdue)
    }
}

/// One clock of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowClock {
    pub kind: ClockKind,
    /// "MARF", "Feedback", "Decision (red)".
    pub name: String,
    pub due: Option<DateTime<Utc>>,
    pub state: ClockState,
}

/// One call of the shift, as every list of calls shows it.
#[derive(Debug, Clone)]
pub struct CallRow {
    pub id: String,
    pub path: PathBuf,
    pub pack: Option<String>,
    /// The pack's zone; UTC when the record or its pack cannot be read.
    pub zone: Tz,
    pub started: Option<DateTime<Utc>>,
    pub ended: Option<DateTime<Utc>>,
    pub open: bool,
    /// Made on a simulated clock (training): not a real call.
    pub simulated: bool,
    pub ticks: usize,
    /// The case-system reference it was marked entered under, if it was.
    pub case_reference: Option<String>,
    /// "Baby, 4 months", in the order recorded.
    pub children: Vec<String>,
    /// 1-based, the alert included.
    pub highest_level: Option<usize>,
    /// An immediate-protection alert was raised.
    pub alert: bool,
    /// The handler's red / amber / green, if set.
    pub urgency: Option<Rag>,
    /// The outcomes standing.
    pub outcomes: Vec<String>,
    pub clocks: Vec<RowClock>,
    /// Why part or all of the record could not be read.
    pub problem: Option<String>,
}

impl CallRow {
    pub fn entered(&self) -> bool {
        self.case_reference.is_some()
    }

    pub fn overdue(&self) -> bool {
        self.clocks.iter().any(|c| c.state == ClockState::Overdue)
    }

    /// The clock due soonest among those still to be done.
    pub fn next_due(&self) -> Option<&RowClock> {
        self.clocks.iter().filter(|c| c.state.is_outstanding() && c.due.is_some()).min_by_key(|c| c.due)
    }
}

/// The packs the records were taken on, each opened once, with its calendar.
pub struct Packs<'a> {
    library: &'a Library,
    opened: HashMap<String, Option<(Pack, Option<Calendar>)>>,
}

impl<'a> Packs<'a> {
    pub fn new(library: &'a Library) -> Packs<'a> {
        Packs { library, opened: HashMap::new() }
    }

    /// The pack `id` and its calendar; none when it can no longer be opened.
    pub fn get(&mut self, id: &str) -> Option<&(Pack, Option<Calendar>)> {
        let library = self.library;
        self.opened
            .entry(id.to_string())
            .or_insert_with(|| {
                library.open(id).ok().map(|(pack, _)| {
                    let calendar = calendar_for(&pack, &library.calendars).cloned();
                    (pack, calendar)
                })
            })
            .as_ref()
    }

    /// `record`'s row at `now`; `training` when it lies in the training folder.
    pub fn row(&mut self, record: &Record, training: bool, now: DateTime<Utc>) -> CallRow {
        let mut row = CallRow {
            id: record.id.clone(),
            path: record.path.clone(),
            pack: None,
            zone: chrono_tz::UTC,
            started: None,
            ended: None,
            open: record.is_open(),
            simulated: training,
            ticks: 0,
            case_reference: None,
            children: Vec::new(),
            highest_level: None,
            alert: false,
            urgency: None,
            outcomes: Vec::new(),
            clocks: Vec::new(),
            problem: None,
        };
        let replayed = match &record.replayed {
            Ok(replayed) => replayed,
            Err(err) => {
                row.problem = Some(err.to_string());
                return row;
            }
        };
        let call = &replayed.call;
        row.problem = replayed.problem.clone();
        row.pack = Some(call.pack.id.clone());
        row.started = Some(call.started_at);
        row.ended = call.ended_at;
        row.simulated |= call.simulated;
        row.ticks = call.ticked().len();
        row.case_reference = call.case_reference().map(|c| crate::text::clean_line(&c.reference));
        row.alert = !call.alerts.is_empty();
        row.urgency = call.clocks.urgency_now();
        row.outcomes = call.outcomes.current().map(|o| crate::text::clean_line(&o.label)).collect();
        row.children =
            call.household.children.iter().map(|c| crate::text::clean_line(&c.name_and_age(call.today()))).collect();
        if let Some((pack, calendar)) = self.get(&call.pack.id) {
            row.zone = pack_zone(pack);
            row.highest_level = crate::call::summary::summarise(pack, call).highest.map(|h| h + 1);
            row.clocks = row_clocks(pack, call, calendar.as_ref(), now);
        } else if row.problem.is_none() {
            row.problem = Some(format!("its pack {:?} cannot be opened: times shown in UTC", call.pack.id));
        }
        // A time no clock can show is said rather than shown wrong.
        let out_of_range =
            [row.started, row.ended].into_iter().flatten().find_map(|t| LocalTime::new(t, row.zone).err());
        if let Some(err) = out_of_range {
            row.problem = Some(err.to_string());
        }
        row
    }
}

fn row_clocks(pack: &Pack, call: &Call, calendar: Option<&Calendar>, now: DateTime<Utc>) -> Vec<RowClock> {
    super::clocks::clocks(pack, call, calendar)
        .iter()
        .map(|c| RowClock {
            kind: c.kind,
            name: crate::text::clean_line(c.short_name()),
            due: c.due,
            state: ClockState::of(c, now),
        })
        .collect()
}

/// The calls in the records folder and its training folder, newest first.
pub fn rows(library: &Library, dir: &Path, now: DateTime<Utc>) -> Vec<CallRow> {
    let mut packs = Packs::new(library);
    let mut out: Vec<CallRow> = Vec::new();
    for (folder, training) in [(dir.to_path_buf(), false), (dir.join("training"), true)] {
        if !folder.is_dir() {
            continue;
        }
        let Ok(store) = super::store::Store::open(&folder) else { continue };
        out.extend(store.records().iter().map(|r| packs.row(r, training, now)));
    }
    newest_first(&mut out);
    out
}

/// Newest start first; a record whose start cannot be read goes last.
pub fn newest_first(rows: &mut Vec<CallRow>) {
    crate::sort::sort_by(rows, |a, b| b.started.cmp(&a.started).then_with(|| a.id.cmp(&b.id)));
}

/// The first `morning` (local wall time in `zone`) on a working day of
/// `calendar` strictly after `at`: a call at 23:40 on a Friday is due with
/// the day team on Monday at 09:00, or Tuesday after a bank holiday. `None`
/// only for a time outside the range a record may hold.
pub fn next_working_morning(
    at: DateTime<Utc>,
    morning: NaiveTime,
    zone: Tz,
    calendar: Option<&Calendar>,
) -> Option<DateTime<Utc>> {
    let mut date = at.with_timezone(&zone).date_naive();
    // Long enough to step over Christmas and any run of holidays.
    for _ in 0..30 {
        let due = wall_to_instant(zone, date.and_time(morning)).filter(|due| *due > at);
        if let Some(due) = due.filter(|_| is_working_day(date, calendar)) {
            return Some(due);
        }
        date = date.succ_opt()?;
    }
    None
}

/// The file in the records folder that holds when the shift began. It
/// holds a time and nothing else.
const SHIFT_FILE: &str = "shift.json";

#[derive(Debug, Serialize, Deserialize)]
struct ShiftFile {
    started_at: DateTime<Utc>,
}

/// When the handler said this shift began, if they did.
pub fn shift_started(dir: &Path) -> Option<DateTime<Utc>> {
    let bytes = std::fs::read(dir.join(SHIFT_FILE)).ok()?;
    serde_json::from_slice::<ShiftFile>(&bytes).ok().map(|s| s.started_at)
}

/// Records that this shift began at `at`: written atomically, 0600.
pub fn start_shift(dir: &Path, at: DateTime<Utc>) -> std::io::Result<()> {
    let text = serde_json::to_vec(&ShiftFile { started_at: at }).map_err(std::io::Error::other)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(&text)?;
    file.as_file().sync_all()?;
    file.persist(dir.join(SHIFT_FILE)).map_err(|e| e.error)?;
    Ok(())
}

/// Where the shift's calls begin: the shift's start if it was set within
/// the last day, else the last 24 hours.
pub fn shift_since(dir: &Path, now: DateTime<Utc>) -> DateTime<Utc> {
    let day_ago = now - Duration::hours(24);
    shift_started(dir).filter(|s| *s >= day_ago && *s <= now).unwrap_or(day_ago)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn london(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        chrono_tz::Europe::London.with_ymd_and_hms(y, m, d, h, min, 0).unwrap().with_timezone(&Utc)
    }

    fn nine() -> NaiveTime {
        NaiveTime::from_hms_opt(9, 0, 0).unwrap()
    }

    fn england() -> Calendar {
        let library = Library::load(None);
        library.calendars.iter().find(|c| c.id == "england-and-wales").unwrap().clone()
    }

    #[test]
    fn a_friday_night_call_is_due_with_the_day_team_on_monday_morning() {
        let due = next_working_morning(london(2026, 12, 4, 23, 40), nine(), chrono_tz::Europe::London, None);
        assert_eq!(due, Some(london(2026, 12, 7, 9, 0)));
    }

    #[test]
    fn a_call_before_nine_on_a_working_day_is_due_that_morning() {
        let due = next_working_morning(london(2026, 12, 8, 3, 10), nine(), chrono_tz::Europe::London, None);
        assert_eq!(due, Some(london(2026, 12, 8, 9, 0)));
    }

    #[test]
    fn over_christmas_the_next_working_morning_skips_the_bank_holidays() {
        let calendar = england();
        // Thursday 24 Dec 2026, 22:00: Friday 25 and Monday 28 (Boxing Day's
        // substitute) are bank holidays.
        let due = next_working_morning(london(2026, 12, 24, 22, 0), nine(), chrono_tz::Europe::London, Some(&calendar));
        assert_eq!(due, Some(london(2026, 12, 29, 9, 0)));
    }

    #[test]
    fn the_morning_is_local_time_in_summer() {
        let due = next_working_morning(london(2026, 7, 3, 20, 0), nine(), chrono_tz::Europe::London, None);
        assert_eq!(due, Some(Utc.with_ymd_and_hms(2026, 7, 6, 8, 0, 0).unwrap()));
    }

    #[test]
    fn the_shift_start_is_kept_in_the_folder_and_only_counts_for_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let now = london(2026, 12, 5, 6, 0);
        assert_eq!(shift_since(dir.path(), now), now - Duration::hours(24));
        start_shift(dir.path(), london(2026, 12, 4, 17, 0)).unwrap();
        assert_eq!(shift_since(dir.path(), now), london(2026, 12, 4, 17, 0));
        let two_days_on = now + Duration::hours(48);
        assert_eq!(shift_since(dir.path(), two_days_on), two_days_on - Duration::hours(24));
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join(SHIFT_FILE)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
