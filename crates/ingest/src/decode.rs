//! Turning raw bytes into text: byte-order marks, UTF-16, and legacy encodings (cp1252,
//! Latin-1 ...) guessed with chardetng and decoded with encoding_rs.

use std::borrow::Cow;

use encoding_rs::Encoding;

/// Text decoded from a file, and the encoding it was in when that was not UTF-8.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The text, without any byte-order mark; borrowed when the bytes were UTF-8 already.
    pub(crate) text: Cow<'a, str>,
    /// The name of the encoding when it was not plain UTF-8 (e.g. `windows-1252`, `UTF-16LE`).
    pub(crate) encoding: Option<&'static str>,
}

/// Returns true if and only if `bytes` look like binary data: more than a stray NUL byte
/// (outside UTF-16) or many control characters in the first 8 KiB. One NUL in a text file
/// (a bad export, a truncated write) does not make it binary; the reader removes it.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    // Most text has no control byte at all (a NUL is one too): one pass that the compiler
    // turns into vector instructions says so, and the counts below are left out.
    let any_control = head.iter().fold(0u8, |acc, &b| {
        acc | (u8::from(b < 0x20)
            & u8::from(b != b'\t')
            & u8::from(b != b'\n')
            & u8::from(b != 0x0c)
            & u8::from(b != b'\r'))
    }) != 0;
    if !any_control {
        return false;
    }
    let nuls = memchr::memchr_iter(0, head).count();
    if nuls > 1 + head.len() / 512 {
        return true;
    }
    // Control bytes less tab, line feed, form feed and carriage return (all below 0x20),
    // summed with no branch per byte in one-byte counters (at most 255 bytes a chunk), so that
    // it vectorises sixteen or more bytes to an instruction.
    let controls: usize = head
        .chunks(255)
        .map(|chunk| {
            let n = chunk.iter().fold(0u8, |acc, &b| {
                acc + u8::from(b < 0x20)
                    - u8::from((b == b'\t') | (b == b'\n') | (b == 0x0c) | (b == b'\r'))
            });
            usize::from(n)
        })
        .sum();
    controls * 20 > head.len()
}

/// Decodes `bytes`: a BOM decides; otherwise valid UTF-8 is taken as is; otherwise the
/// encoding is guessed (chardetng) and the bytes decoded with it (never fails: invalid
/// sequences become U+FFFD).
pub(crate) fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let utf8 = encoding == encoding_rs::UTF_8;
        return Decoded {
            text,
            encoding: (!utf8).then(|| encoding.name()),
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: Cow::Borrowed(text),
            encoding: None,
        },
        Err(_) => {
            // With only a handful of non-ASCII bytes there is too little evidence for a
            // guess (chardetng takes a lone 0xA3 for Polish `Ł`); English news in a legacy
            // encoding is overwhelmingly windows-1252 (a superset of Latin-1's printables).
            let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
            let mut encoding = if non_ascii < 16 || non_ascii * 100 < bytes.len() {
                encoding_rs::WINDOWS_1252
            } else {
                let mut detector =
                    chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                detector.feed(bytes, true);
                detector.guess(None, chardetng::Utf8Detection::Deny)
            };
            if encoding == encoding_rs::UTF_8 {
                encoding = encoding_rs::WINDOWS_1252;
            }
            let (text, _, _) = encoding.decode(bytes);
            Decoded {
                text,
                encoding: Some(encoding.name()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_pound_sign_is_decoded() {
        let d = decode(b"It cost \xa3500 to fix the roof of the stadium.");
        assert_eq!(d.text, "It cost £500 to fix the roof of the stadium.");
        assert_eq!(d.encoding, Some("windows-1252"));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Café".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes);
        assert_eq!(d.text, "Café");
        assert_eq!(d.encoding, Some("UTF-16LE"));
        assert!(!looks_binary(&bytes));
    }

    #[test]
    fn utf8_bom_is_removed_and_reported() {
        let d = decode(b"\xEF\xBB\xBFHello");
        assert_eq!(d.text, "Hello");
        assert_eq!(d.encoding, None);
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!looks_binary(b"Title\n\nA stray\0 NUL in a text file."));
        assert!(!looks_binary(
            "plain text, nothing odd — “quotes”".as_bytes()
        ));
    }

    #[test]
    fn control_bytes_mean_binary_but_layout_bytes_do_not() {
        // One control byte in ten, no NUL: binary.
        let mut bytes = Vec::new();
        for k in 0..200u8 {
            bytes.extend_from_slice(b"abcdefghi");
            bytes.push(1 + k % 8);
        }
        assert!(looks_binary(&bytes));
        // Tabs, line feeds, form feeds and carriage returns as often: text.
        let text = "col\tcol\r\nrow\x0c".repeat(100);
        assert!(!looks_binary(text.as_bytes()));
        // One control byte in twenty-five: text (the limit is one in twenty).
        let sparse = "abcdefghijklmnopqrstuvwx\x1b".repeat(100);
        assert!(!looks_binary(sparse.as_bytes()));
    }
}
