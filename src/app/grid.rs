//! The grid as the app navigates it: rows × levels × items, built once from
//! the pack, and the cursor moves over it.

use crate::pack::{AppliesTo, Pack};
use crate::text::clean_line;

/// A grid item is the pack catalog's entry: one source for its text and
/// whether it raises the alert.
pub use crate::pack::catalog::Entry as Item;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    pub name: String,
    pub domain: Option<String>,
    /// Index of the domain, for next/previous domain.
    pub domain_index: usize,
    /// One list of items per level; empty where the document leaves the cell blank.
    pub cells: Vec<Vec<Item>>,
}

/// An entry of the immediate-referral list: an item or one of its sub-points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImmediateEntry {
    pub id: String,
    pub text: String,
    pub is_sub: bool,
    pub applies_to: Option<AppliesTo>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub level_names: Vec<String>,
    pub rows: Vec<GridRow>,
    pub immediate: Vec<ImmediateEntry>,
}

impl Grid {
    pub fn build(pack: &Pack) -> Grid {
        let catalog = pack.catalog();
        // Each row's entries, found in one pass over the catalog rather than
        // one pass per row (which made a 50,000-indicator pack take seconds).
        let mut by_row: std::collections::HashMap<&str, Vec<&Item>> = std::collections::HashMap::new();
        for entry in catalog.grid() {
            by_row.entry(entry.row_id.as_str()).or_default().push(entry);
        }
        let mut rows = Vec::new();
        let mut domain_index = 0;
        let mut last_domain: Option<String> = None;
        for (domain, row) in pack.all_rows() {
            let domain_name = domain.map(|d| clean_line(&d.name));
            if last_domain.is_some() && domain_name != last_domain {
                domain_index += 1;
            }
            last_domain.clone_from(&domain_name);
            let mut cells: Vec<Vec<Item>> = vec![Vec::new(); pack.levels.len()];
            // Row ids are unique in a valid pack, and the catalog keeps each
            // row's cells in level order.
            for entry in by_row.get(row.id.as_str()).into_iter().flatten() {
                if let Some(cell) = entry.level.and_then(|l| cells.get_mut(l)) {
                    cell.push((*entry).clone());
                }
            }
            // Outcome rows have no domain: each is its own group.
            if domain.is_none() && !rows.is_empty() {
                domain_index += 1;
            }
            rows.push(GridRow { name: clean_line(&row.name), domain: domain_name, domain_index, cells });
        }
        let immediate = catalog
            .immediate()
            .map(|e| ImmediateEntry {
                id: e.id.clone(),
                text: e.text.clone(),
                is_sub: e.is_sub,
                applies_to: e.applies_to.clone(),
            })
            .collect();
        Grid { level_names: pack.levels.iter().map(|l| clean_line(&l.name)).collect(), rows, immediate }
    }

    /// The children the pack's » marks are about, in words, each with how
    /// many items it marks, in the order they first appear: for help.
    pub fn marks(&self) -> Vec<(String, usize)> {
        let grid = self.rows.iter().flat_map(|r| r.cells.iter().flatten()).map(|i| i.applies_to.as_ref());
        let immediate = self.immediate.iter().map(|e| e.applies_to.as_ref());
        let mut marks: Vec<(String, usize)> = Vec::new();
        for applies in grid.chain(immediate).flatten() {
            let about = applies.describe();
            match marks.iter_mut().find(|(a, _)| *a == about) {
                Some((_, count)) => *count += 1,
                None => marks.push((about, 1)),
            }
        }
        marks
    }

    pub fn levels(&self) -> usize {
        self.level_names.len()
    }

    pub fn item(&self, cursor: Cursor) -> Option<&Item> {
        self.rows.get(cursor.row)?.cells.get(cursor.level)?.get(cursor.item)
    }

    fn cell_len(&self, row: usize, level: usize) -> usize {
        self.rows.get(row).and_then(|r| r.cells.get(level)).map_or(0, Vec::len)
    }

    /// Where an item id sits.
    pub fn find(&self, id: &str) -> Option<Cursor> {
        self.rows.iter().enumerate().find_map(|(row, r)| {
            r.cells
                .iter()
                .enumerate()
                .find_map(|(level, cell)| cell.iter().position(|i| i.id == id).map(|item| Cursor { row, level, item }))
        })
    }
}

/// A position in the grid. `item` is 0 on an empty cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub row: usize,
    pub level: usize,
    pub item: usize,
}

impl Cursor {
    pub fn down(self, grid: &Grid) -> Cursor {
        if self.item + 1 < grid.cell_len(self.row, self.level) {
            return Cursor { item: self.item + 1, ..self };
        }
        if self.row + 1 < grid.rows.len() { Cursor { row: self.row + 1, item: 0, ..self } } else { self }
    }

    pub fn up(self, grid: &Grid) -> Cursor {
        if self.item > 0 {
            return Cursor { item: self.item - 1, ..self };
        }
        match self.row.checked_sub(1) {
            Some(row) => Cursor { row, item: grid.cell_len(row, self.level).saturating_sub(1), ..self },
            None => self,
        }
    }

    /// Another level on the same row, as close to the same item as there is.
    pub fn to_level(self, grid: &Grid, level: usize) -> Cursor {
        if level >= grid.levels() {
            return self;
        }
        let item = self.item.min(grid.cell_len(self.row, level).saturating_sub(1));
        Cursor { level, item, ..self }
    }

    pub fn to_row(self, grid: &Grid, row: usize) -> Cursor {
        let row = row.min(grid.rows.len().saturating_sub(1));
        Cursor { row, item: 0, ..self }
    }

    pub fn next_domain(self, grid: &Grid) -> Cursor {
        let here = grid.rows.get(self.row).map_or(0, |r| r.domain_index);
        match grid.rows.iter().position(|r| r.domain_index > here) {
            Some(row) => self.to_row(grid, row),
            None => self,
        }
    }

    pub fn prev_domain(self, grid: &Grid) -> Cursor {
        let here = grid.rows.get(self.row).map_or(0, |r| r.domain_index);
        let first_of_here = grid.rows.iter().position(|r| r.domain_index == here).unwrap_or(0);
        if self.row > first_of_here || self.item > 0 {
            return self.to_row(grid, first_of_here);
        }
        let Some(previous) = here.checked_sub(1) else { return self };
        match grid.rows.iter().position(|r| r.domain_index == previous) {
            Some(row) => self.to_row(grid, row),
            None => self,
        }
    }
}
