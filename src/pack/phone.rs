//! A plausibility check for UK phone numbers as printed in documents, so a
//! digit lost in transcription is caught before a handler reads it out.

/// Short numbers a pack may list as they are.
const SHORT_NUMBERS: [&str; 5] = ["999", "112", "101", "111", "105"];

pub fn is_plausible_uk_number(printed: &str) -> bool {
    if printed.chars().any(|c| !(c.is_ascii_digit() || c == ' ' || c == '+')) {
        return false;
    }
    let digits: String = printed.chars().filter(char::is_ascii_digit).collect();
    let national = match printed.trim_start().strip_prefix('+') {
        Some(_) if digits.starts_with("44") => format!("0{}", &digits[2..]),
        Some(_) => return false,
        None if printed.contains('+') => return false,
        None => digits,
    };
    if SHORT_NUMBERS.contains(&national.as_str()) {
        return true;
    }
    // 116 xxx: harmonised European helplines (e.g. 116 123, 116 111).
    if national.len() == 6 && national.starts_with("116") {
        return true;
    }
    // Freephone and non-geographic numbers may be as short as 0800 1111.
    if national.starts_with("08") {
        return (8..=11).contains(&national.len());
    }
    let bytes = national.as_bytes();
    if bytes.len() < 4 || bytes[0] != b'0' || bytes[1] == b'0' {
        return false;
    }
    // 011x and 01x1 (large cities), 02, 03, 07 and 09 numbers always have
    // eleven digits; other 01 areas have ten or eleven.
    let always_eleven =
        matches!(bytes[1], b'2' | b'3' | b'7' | b'9') || (bytes[1] == b'1' && (bytes[2] == b'1' || bytes[3] == b'1'));
    if always_eleven { national.len() == 11 } else { (10..=11).contains(&national.len()) }
}

#[cfg(test)]
mod tests {
    use super::is_plausible_uk_number;

    #[test]
    fn accepts_numbers_printed_in_the_documents() {
        for n in [
            "0115 876 4800",
            "0115 876 1000",
            "01782 235100",
            "01782 234234",
            "999",
            "101",
            "0800 1111",
            "116 123",
            "+44 115 876 4800",
        ] {
            assert!(is_plausible_uk_number(n), "{n}");
        }
    }

    #[test]
    fn rejects_numbers_with_a_digit_lost_or_gained_or_letters() {
        for n in
            ["0115 876 480", "0115 876 48000", "998", "115 876 4800", "0115-876-4800x", "+1 555 0100", "", "00 44 115"]
        {
            assert!(!is_plausible_uk_number(n), "{n}");
        }
    }
}
