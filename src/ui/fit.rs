//! Choosing the longest form of a line that fits the width, so that what
//! must never be cut (a number to ring) is kept whole and the words around
//! it give way first.

use ratatui::text::Line;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_longest_form_that_fits_and_else_the_shortest() {
        let forms = || vec![Line::raw("Ring City MASH 0115"), Line::raw("Ring 0115"), Line::raw("0115")];
        assert_eq!(first_that_fits(30, forms()), Line::raw("Ring City MASH 0115"));
        assert_eq!(first_that_fits(10, forms()), Line::raw("Ring 0115"));
        assert_eq!(first_that_fits(2, forms()), Line::raw("0115"));
    }
}
