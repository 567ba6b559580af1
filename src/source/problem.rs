//! A problem found after parsing, said as where it is in the source (a
//! field's value or a key) rather than a position: the locator finds it.

/// Where in the file a problem should be reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Where {
    /// The `nth` string literal `value` written for `field`.
    Value { field: &'static str, value: String, nth: usize },
    /// The first field named this.
    Key(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Where,
    pub message: String,
}
