//! Threshold packs: the model of a published threshold document, how it is
//! loaded and checked, and the packs built into the binary. No terminal code.

pub mod catalog;
mod fingerprint;
pub mod library;
pub mod load;
pub mod model;
pub mod phone;
pub mod resolve;
pub mod validate;
pub mod vocabulary;

pub use crate::hours::schedule::{Hours, Schedule, Slot, Span};
pub use catalog::Catalog;
pub use model::*;

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

    /// Every tickable item with where it sits and whether it raises the
    /// alert, built once for this pack (see [`catalog`]).
    pub fn catalog(&self) -> &Catalog {
        self.catalog.get_or_build(self)
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
