//! Bank-holiday calendars: the listed days of announced years, the rules that
//! compute later years, and local closure days added from user files.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::clock::Day;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub source: Option<String>,
    /// For a file of local closure days: the calendar it adds them to.
    #[serde(default)]
    pub adds_to: Option<String>,
    /// The years `days` lists completely; outside them `rules` decide.
    #[serde(default)]
    pub listed_from: Option<i32>,
    #[serde(default)]
    pub listed_until: Option<i32>,
    #[serde(default)]
    pub days: Vec<ListedDay>,
    #[serde(default)]
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ListedDay {
    pub date: NaiveDate,
    pub name: String,
    /// The weekday that stands in for a holiday falling at a weekend.
    #[serde(default)]
    pub substitute: bool,
    #[serde(default)]
    pub one_off: Option<OneOff>,
}

/// A day proclaimed for one year only, which the rules cannot know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum OneOff {
    /// A regular holiday moved to this date from `from`.
    Moved { from: NaiveDate },
    /// An extra holiday.
    Added,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub name: String,
    pub date: RuleDate,
    #[serde(default)]
    pub weekend: WeekendRule,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
pub enum RuleDate {
    Fixed {
        month: u32,
        day: u32,
    },
    /// Days after (or, negative, before) Easter Sunday.
    Easter {
        offset: i64,
    },
    FirstWeekday {
        month: u32,
        weekday: Day,
    },
    LastWeekday {
        month: u32,
        weekday: Day,
    },
}

/// What happens when a holiday falls on a Saturday or Sunday.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum WeekendRule {
    /// The next weekday not already a holiday is taken instead.
    Substitute,
    /// It simply falls at the weekend (the Easter and May holidays never do).
    #[default]
    None,
}

/// A day on which the office is closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
    pub substitute: bool,
}

impl Holiday {
    /// How a person would say it: "Boxing Day (substitute day)".
    pub fn describe(&self) -> String {
        if self.substitute { format!("{} (substitute day)", self.name) } else { self.name.clone() }
    }
}

impl Calendar {
    fn lists_year(&self, year: i32) -> bool {
        match (self.listed_from, self.listed_until) {
            (Some(from), Some(until)) => (from..=until).contains(&year),
            _ => false,
        }
    }

    /// The holidays of a year: listed where the year is listed, otherwise
    /// from the rules; local closure days always apply.
    pub fn holidays(&self, year: i32) -> Vec<Holiday> {
        let mut days = if self.lists_year(year) || self.rules.is_empty() {
            self.days
                .iter()
                .filter(|d| d.date.year() == year)
                .map(|d| Holiday { date: d.date, name: d.name.clone(), substitute: d.substitute })
                .collect()
        } else {
            self.computed(year)
        };
        crate::sort::sort_by_key(&mut days, |h| h.date);
        days
    }

    pub fn holiday_on(&self, date: NaiveDate) -> Option<Holiday> {
        self.holidays(date.year()).into_iter().find(|h| h.date == date)
    }

    /// The holidays of `year` as the rules compute them, ignoring the list.
    pub fn computed(&self, year: i32) -> Vec<Holiday> {
        let actual: Vec<(NaiveDate, &Rule)> =
            self.rules.iter().filter_map(|r| r.date.resolve(year).map(|d| (d, r))).collect();
        let mut taken: Vec<NaiveDate> = actual.iter().map(|(d, _)| *d).collect();
        let mut out = Vec::new();
        for (date, rule) in actual {
            if rule.weekend == WeekendRule::Substitute && is_weekend(date) {
                let mut sub = date;
                while is_weekend(sub) || taken.contains(&sub) {
                    sub += Duration::days(1);
                }
                taken.push(sub);
                out.push(Holiday { date: sub, name: rule.name.clone(), substitute: true });
            } else {
                out.push(Holiday { date, name: rule.name.clone(), substitute: false });
            }
        }
        crate::sort::sort_by_key(&mut out, |h| h.date);
        out
    }

    /// Adds the days of a local closure file to this calendar.
    pub fn merge_local(&mut self, local: &Calendar) {
        self.days.extend(local.days.iter().cloned());
        crate::sort::sort_by_key(&mut self.days, |d| d.date);
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

impl RuleDate {
    pub fn resolve(self, year: i32) -> Option<NaiveDate> {
        match self {
            RuleDate::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            RuleDate::Easter { offset } => easter_sunday(year).map(|d| d + Duration::days(offset)),
            RuleDate::FirstWeekday { month, weekday } => {
                NaiveDate::from_weekday_of_month_opt(year, month, weekday.weekday(), 1)
            }
            RuleDate::LastWeekday { month, weekday } => {
                let first_of_next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)
                }?;
                let mut day = first_of_next.pred_opt()?;
                while day.weekday() != weekday.weekday() {
                    day = day.pred_opt()?;
                }
                Some(day)
            }
        }
    }
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian
/// algorithm, also known as Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn easter_sunday_matches_known_dates() {
        assert_eq!(easter_sunday(2024), Some(date(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(date(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(date(2026, 4, 5)));
        assert_eq!(easter_sunday(2038), Some(date(2038, 4, 25)));
        assert_eq!(easter_sunday(2285), Some(date(2285, 3, 22)));
    }
}
