//! Cleaning text from packs and from users before it reaches a terminal, a
//! file or an export: control characters could move the cursor, retitle the
//! window or clear the screen.

/// Removes C0 and C1 control characters and DEL, keeping newlines and
/// turning tabs into spaces.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Like [`clean`], for one line: newlines become spaces.
pub fn clean_line(text: &str) -> String {
    clean(text).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences_and_c1_controls() {
        assert_eq!(clean("a\u{1b}]0;title\u{7}b\u{9b}2Jc\u{7f}"), "a]0;titleb2Jc");
        assert_eq!(clean_line("one\ntwo\tthree"), "one two three");
    }
}
