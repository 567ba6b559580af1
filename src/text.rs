//! Cleaning text from packs and from users before it reaches a terminal, a
//! file or an export: control characters could move the cursor, retitle the
//! window or clear the screen, and invisible format characters could reorder
//! or hide what is shown (a right-to-left override makes "999" read "999" in
//! a line that says something else).

/// Unicode format characters that change how text is ordered or joined
/// without being seen: bidi embeddings, overrides, isolates and marks,
/// zero-width spaces and joiners, the word joiner and invisible operators,
/// the byte-order mark, and the soft hyphen, Mongolian vowel separator and
/// interlinear annotation controls.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Removes C0 and C1 control characters, DEL and invisible format
/// characters, keeping newlines and turning tabs into spaces.
pub fn clean(text: &str) -> String {
    // Most text is already clean: checking is much cheaper than rebuilding
    // it a character at a time (the catalog cleans every text of a pack at
    // start-up).
    if is_clean(text) {
        return text.to_string();
    }
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if needs_removing(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Whether [`clean`] would change nothing: printable ASCII is answered
/// without the Unicode tests (a call each at opt-level "z", 5.6 M
/// instructions of a start-up, callgrind).
fn is_clean(text: &str) -> bool {
    text.chars().all(|c| matches!(c, ' '..='~' | '\n') || (!c.is_ascii() && !needs_removing(c)))
}

/// A control character (other than a newline, kept by [`clean`]) or an
/// invisible format character.
fn needs_removing(c: char) -> bool {
    c != '\n' && (c.is_control() || is_invisible_format(c))
}

/// Like [`clean`], for one line: newlines become spaces.
pub fn clean_line(text: &str) -> String {
    let cleaned = clean(text);
    if cleaned.contains('\n') { cleaned.replace('\n', " ") } else { cleaned }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_handed_back_as_it_is_and_only_clean_text() {
        for text in ["plain ASCII, with digits 0-9 ~", "two\nlines", "“curly” quotes — and a dash", ""] {
            assert!(is_clean(text), "{text:?}");
            assert_eq!(clean(text), text);
        }
        for text in ["a\tb", "a\u{7f}", "a\u{1b}[2J", "a\u{9b}", "a\u{202e}b", "a\u{200b}b", "a\rb"] {
            assert!(!is_clean(text), "{text:?}");
            assert_ne!(clean(text), text);
        }
    }

    #[test]
    fn strips_escape_sequences_and_c1_controls() {
        assert_eq!(clean("a\u{1b}]0;title\u{7}b\u{9b}2Jc\u{7f}"), "a]0;titleb2Jc");
        assert_eq!(clean_line("one\ntwo\tthree"), "one two three");
    }

    #[test]
    fn strips_bidi_overrides_isolates_and_marks() {
        let tricked = "Ring \u{202E}9990 5110\u{202C} now \u{2066}x\u{2069}\u{2067}y\u{2068}z\u{2069}\u{200E}\u{200F}";
        assert_eq!(clean(tricked), "Ring 9990 5110 now xyz");
        for c in ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{061C}'] {
            assert_eq!(clean_line(&format!("a{c}b")), "ab", "{:04X}", u32::from(c));
        }
    }

    #[test]
    fn strips_zero_width_and_invisible_characters() {
        let hidden = "0115\u{200B} 876\u{200C} 4800\u{200D}\u{2060}\u{2061}\u{FEFF}\u{00AD}\u{180E}\u{E0041}";
        assert_eq!(clean_line(hidden), "0115 876 4800");
    }

    #[test]
    fn keeps_visible_text_from_every_script() {
        let text = "Café — naïve «x» 日本 عربى עברית 👍🏽";
        assert_eq!(clean(text), text);
    }
}
