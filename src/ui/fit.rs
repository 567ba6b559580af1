//! Choosing the longest form of a line that fits the width, so that what
//! must never be cut (a number to ring) is kept whole and the words around
//! it give way first.

use ratatui::text::Line;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The first of `forms` (longest first) that fits in `width` columns, else
/// the last, which callers make the shortest form that still holds the
/// number. Forms are taken one at a time, so a lazy iterator builds only
/// those tried (the header is drawn every frame, and its first forms
/// usually fit).
pub fn first_that_fits(width: u16, forms: impl IntoIterator<Item = Line<'static>>) -> Line<'static> {
    let width = usize::from(width);
    let mut last = Line::default();
    for form in forms {
        if form.width() <= width {
            return form;
        }
        last = form;
    }
    last
}

/// `text` cut to `width` columns, with "…" where it was cut (when there
/// is a column for it).
pub fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = fits_before_ellipsis(text, width).to_string();
    if width > 0 {
        out.push('…');
    }
    out
}

/// The longest start of `text` that leaves a column of `width` for "…".
/// Measured as it goes: these lines are cut on every frame.
pub fn fits_before_ellipsis(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used + 1 > width {
            return &text[..at];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_line_ends_in_an_ellipsis_within_the_width() {
        assert_eq!(cut("Ring City MASH", 20), "Ring City MASH");
        assert_eq!(cut("Ring City MASH", 14), "Ring City MASH");
        assert_eq!(cut("Ring City MASH", 8), "Ring Ci…");
        assert_eq!(cut("日本語のテキスト", 7), "日本語…");
        assert_eq!(cut("abc", 1), "…");
        assert_eq!(cut("abc", 0), "");
        for width in 0..20 {
            assert!(cut("Early Help — Family Support Service", width).width() <= width.max(1));
        }
    }

    #[test]
    fn takes_the_longest_form_that_fits_and_else_the_shortest() {
        let forms = || vec![Line::raw("Ring City MASH 0115"), Line::raw("Ring 0115"), Line::raw("0115")];
        assert_eq!(first_that_fits(30, forms()), Line::raw("Ring City MASH 0115"));
        assert_eq!(first_that_fits(10, forms()), Line::raw("Ring 0115"));
        assert_eq!(first_that_fits(2, forms()), Line::raw("0115"));
    }
}
