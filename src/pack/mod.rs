//! Threshold packs: the model of a published threshold document, how it is
//! loaded and checked, and the packs built into the binary. No terminal code.

pub mod clock;
pub mod library;
pub mod load;
pub mod locate;
pub mod model;
pub mod phone;
pub mod validate;

pub use model::*;

/// A grid indicator with where it sits.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    /// 0-based position of the level, lowest first.
    pub level: usize,
    pub domain: Option<&'a Domain>,
    pub row: &'a Row,
    pub indicator: &'a Indicator,
}

impl Pack {
    /// The grid's rows in document order, each with its domain if any.
    pub fn all_rows(&self) -> Vec<(Option<&Domain>, &Row)> {
        match &self.rows {
            Rows::Domains(domains) => domains.iter().flat_map(|d| d.rows.iter().map(move |r| (Some(d), r))).collect(),
            Rows::Outcomes(rows) => rows.iter().map(|r| (None, r)).collect(),
        }
    }

    pub fn level_index(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    /// Every grid indicator, row by row in document order, each row's cells
    /// taken in level order.
    pub fn placed_indicators(&self) -> Vec<Placed<'_>> {
        let mut out = Vec::new();
        for (domain, row) in self.all_rows() {
            for (level, level_def) in self.levels.iter().enumerate() {
                for cell in row.cells.iter().filter(|c| c.level == level_def.id) {
                    out.extend(cell.indicators.iter().map(|indicator| Placed { level, domain, row, indicator }));
                }
            }
        }
        out
    }

    /// Every grid indicator as (level, domain, row, indicator), in file order.
    pub fn indicators(&self) -> impl Iterator<Item = (&str, Option<&Domain>, &Row, &Indicator)> {
        self.all_rows().into_iter().flat_map(|(domain, row)| {
            row.cells
                .iter()
                .flat_map(move |cell| cell.indicators.iter().map(move |i| (cell.level.as_str(), domain, row, i)))
        })
    }

    /// The ids of the immediate-referral items and their sub-points.
    pub fn immediate_ids(&self) -> impl Iterator<Item = &str> {
        self.immediate
            .items
            .iter()
            .flat_map(|i| std::iter::once(i.id.as_str()).chain(i.sub.iter().map(|s| s.id.as_str())))
    }

    /// Every tickable id: grid indicators, then immediate items and sub-points.
    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        self.indicators().map(|(_, _, _, i)| i.id.as_str()).chain(self.immediate_ids())
    }

    pub fn indicator_count(&self) -> usize {
        self.indicators().count()
    }
}
