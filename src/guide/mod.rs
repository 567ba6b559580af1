//! The document at hand: a pack's guidance, numbers and provenance as an
//! ordered list of sections in the document's own words, for the guide
//! screen, `dutygrid guide` and `dutygrid contact --all`. No terminal code.

mod build;

pub use build::consent_rule;

use serde::Serialize;

/// A pack read as a guide: sections in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Guide {
    pub pack: String,
    pub title: String,
    pub edition: Option<String>,
    pub publisher: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Stable, for `dutygrid guide SECTION` and jump keys.
    pub id: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// dutygrid's own label for what follows ("Services", "Golden rules").
    Heading {
        text: String,
    },
    Paragraph {
        text: String,
    },
    Items {
        numbered: bool,
        items: Vec<Item>,
    },
    Fields {
        fields: Vec<Field>,
    },
    Number(Number),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sub: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub key: String,
    pub value: String,
}

/// What a contact line is for in the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Office,
    OutOfHours,
    Emergency,
    Other,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Office => "Office hours",
            Role::OutOfHours => "Out of hours",
            Role::Emergency => "Emergency",
            Role::Other => "Also useful",
        }
    }
}

/// One line of the numbers directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Number {
    /// The contact line's id in the pack.
    pub id: String,
    pub role: Role,
    pub name: String,
    pub numbers: Vec<String>,
    /// The document's words about when to use it.
    pub words: Option<String>,
    /// Email, secure email, web address, … as text: kind, then value.
    pub channels: Vec<Field>,
    /// A non-emergency line (101): never the one for a child in danger.
    pub non_emergency: bool,
    /// The line to ring at the instant the caller asked about; set by
    /// [`Guide::mark_live`], since the guide itself knows no clock.
    pub live: bool,
}

/// Why a SECTION argument named no section.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    #[error("no guide section {query:?}; sections: {}", ids.join(", "))]
    Unknown { query: String, ids: Vec<String> },
    #[error("{query:?} could be any of: {}", ids.join(", "))]
    Ambiguous { query: String, ids: Vec<String> },
}

impl Guide {
    /// The table of contents: (id, title) in reading order.
    pub fn contents(&self) -> Vec<(&str, &str)> {
        self.sections.iter().map(|s| (s.id.as_str(), s.title.as_str())).collect()
    }

    /// A section by its id, or by a prefix of its title that no other
    /// title shares (ignoring case).
    pub fn find(&self, query: &str) -> Result<&Section, FindError> {
        if let Some(section) = self.sections.iter().find(|s| s.id == query) {
            return Ok(section);
        }
        let wanted = query.trim().to_lowercase();
        let matches: Vec<&Section> = if wanted.is_empty() {
            Vec::new()
        } else {
            self.sections.iter().filter(|s| s.title.to_lowercase().starts_with(&wanted)).collect()
        };
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(FindError::Unknown {
                query: query.to_string(),
                ids: self.sections.iter().map(|s| s.id.clone()).collect(),
            }),
            many => {
                Err(FindError::Ambiguous { query: query.to_string(), ids: many.iter().map(|s| s.id.clone()).collect() })
            }
        }
    }

    /// Marks the contact line with this id as the one to ring now.
    pub fn mark_live(&mut self, contact_id: &str) {
        for section in &mut self.sections {
            for block in &mut section.blocks {
                if let Block::Number(number) = block {
                    number.live = number.id == contact_id;
                }
            }
        }
    }

    /// Every line of the numbers directory, in directory order.
    pub fn numbers(&self) -> impl Iterator<Item = &Number> {
        self.sections.iter().flat_map(|s| s.blocks.iter()).filter_map(|b| match b {
            Block::Number(number) => Some(number),
            _ => None,
        })
    }
}

impl Section {
    /// All the section's words, one passage a line, for search and tests.
    pub fn text(&self) -> String {
        let mut out = vec![self.title.clone()];
        for block in &self.blocks {
            match block {
                Block::Heading { text } | Block::Paragraph { text } => out.push(text.clone()),
                Block::Items { items, .. } => {
                    for item in items {
                        out.push(item.text.clone());
                        out.extend(item.sub.iter().cloned());
                    }
                }
                Block::Fields { fields } => out.extend(fields.iter().map(|f| format!("{}: {}", f.key, f.value))),
                Block::Number(n) => {
                    out.push(n.name.clone());
                    out.extend(n.numbers.iter().cloned());
                    out.extend(n.words.iter().cloned());
                    out.extend(n.channels.iter().map(|c| format!("{}: {}", c.key, c.value)));
                }
            }
        }
        out.join("\n")
    }
}
