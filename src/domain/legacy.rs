//! Text typed before Unicode: TCVN3 (ABC, the `.Vn…` fonts) and VNI (the `VNI-…` fonts),
//! detected and converted to NFC **cell by cell**.
//!
//! An old Excel book holds such text as the characters of the Windows code page the bytes
//! were typed in: TCVN3's `đ` (byte 0xAE) is stored as `®` (U+00AE), VNI's `à` as `a` + `ø`.
//! A book often mixes cells typed in a legacy font with cells typed in Unicode (a later
//! officer, a copied row), and converting a Unicode cell corrupts it (`Đã` read as TCVN3 is
//! `Đó`: `ã` is TCVN3's `ó`), so every cell is judged on its own (`detect`).
//!
//! **Tables.** TCVN3 (ABC): the 74 byte positions of Unikey's "TCVN3 (ABC)" table (the
//! lowercase letters, with the seven capitals Ă Â Ê Ô Ơ Ư Đ at 0xA1–0xA7). On those 74
//! positions it agrees with glibc's `iconv -f TCVN5712-1` (checked by the test
//! `tcvn3_agrees_with_iconv`, which runs iconv); it does not on 0x80–0x9F and the other
//! positions, where TCVN 5712 VN1 puts capitals with tones that ABC does not have (ABC writes
//! capitals with the `.VnTimeH` fonts, which draw the lowercase codes as capitals). Byte 0xAD
//! is `ư`: the soft hyphen U+00AD, invisible in most viewers, is a letter here.
//! VNI: Unikey's "VNI Windows" table (a base letter followed by a diacritic character, a few
//! letters as one character), cross-checked against published VNI text (the national motto
//! "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM" in the tests).
//!
//! **Detection** (pure, per cell): a cell with a Vietnamese letter beyond Latin-1 (ă, đ, ơ,
//! ư, ạ… or a combining tone) is Unicode, whatever else. Otherwise each word with a
//! non-ASCII character is read three ways (as it is, as TCVN3, as VNI), and the reading that
//! makes more of them Vietnamese syllables (`is_syllable`: onset, nucleus, coda, one tone on
//! the nucleus, the spelling rules) than Unicode does wins: "Céng hoµ" is no Unicode but
//! TCVN3's "Cộng hoà"; "Hoàn toàn" and "Cá" (Latin-1 letters only) read best as they are and
//! stay; "3×4" makes no syllable either way and stays. A cell that reads equally well as
//! Unicode and as a legacy encoding ("Ghi chó" is Unicode Vietnamese, and TCVN3's "Ghi chú")
//! follows the sheet's other cells (the `hint`), else stays Unicode.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// How a cell's text was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Unicode,
    Tcvn3,
    Vni,
}

/// TCVN3 (ABC): byte → letter, the 74 positions ABC uses (Unikey's table; the same as
/// `iconv -f TCVN5712-1` on these bytes).
pub const TCVN3: [(u8, char); 74] = [
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

/// The TCVN3 letter of a character as Windows stored the byte (U+00A1–U+00FE), if any.
fn tcvn3_letter(c: char) -> Option<char> {
    let b = u8::try_from(u32::from(c)).ok()?;
    TCVN3
        .binary_search_by_key(&b, |(k, _)| *k)
        .ok()
        .map(|i| TCVN3[i].1)
}

/// VNI Windows, letters typed as one character (Unikey's table).
const VNI_SINGLE: [(char, char); 18] = [
    ('ñ', 'đ'),
    ('Ñ', 'Đ'),
    ('ì', 'ì'),
    ('Ì', 'Ì'),
    ('í', 'í'),
    ('Í', 'Í'),
    ('æ', 'ỉ'),
    ('Æ', 'Ỉ'),
    ('ó', 'ĩ'),
    ('Ó', 'Ĩ'),
    ('ò', 'ị'),
    ('Ò', 'Ị'),
    ('î', 'ỵ'),
    ('Î', 'Ỵ'),
    ('ô', 'ơ'),
    ('Ô', 'Ơ'),
    ('ö', 'ư'),
    ('Ö', 'Ư'),
];

/// A VNI diacritic character after a base letter: the combining marks it adds (a shape mark
/// and/or a tone), lowercase and uppercase forms alike.
fn vni_marks(c: char) -> Option<&'static [char]> {
    const ACUTE: char = '\u{301}';
    const GRAVE: char = '\u{300}';
    const HOOK: char = '\u{309}';
    const TILDE: char = '\u{303}';
    const DOT: char = '\u{323}';
    const BREVE: char = '\u{306}';
    const CIRC: char = '\u{302}';
    Some(match c {
        'ù' | 'Ù' => &[ACUTE],
        'ø' | 'Ø' => &[GRAVE],
        'û' | 'Û' => &[HOOK],
        'õ' | 'Õ' => &[TILDE],
        'ï' | 'Ï' => &[DOT],
        'ê' | 'Ê' => &[BREVE],
        'é' | 'É' => &[BREVE, ACUTE],
        'è' | 'È' => &[BREVE, GRAVE],
        'ú' | 'Ú' => &[BREVE, HOOK],
        'ü' | 'Ü' => &[BREVE, TILDE],
        'ë' | 'Ë' => &[BREVE, DOT],
        'â' | 'Â' => &[CIRC],
        'á' | 'Á' => &[CIRC, ACUTE],
        'à' | 'À' => &[CIRC, GRAVE],
        'å' | 'Å' => &[CIRC, HOOK],
        'ã' | 'Ã' => &[CIRC, TILDE],
        'ä' | 'Ä' => &[CIRC, DOT],
        _ => return None,
    })
}

/// May this base letter (after VNI's one-character ơ and ư are read) carry these marks?
fn vni_fits(base: char, marks: &[char]) -> bool {
    let shape = marks
        .iter()
        .find(|m| matches!(m, '\u{306}' | '\u{302}'))
        .copied();
    let tone = marks.iter().any(|m| !matches!(m, '\u{306}' | '\u{302}'));
    match base {
        'a' | 'A' => true,
        'e' | 'E' | 'o' | 'O' => shape != Some('\u{306}'),
        'u' | 'U' => shape.is_none(),
        // VNI types ỵ as one character (î), never y + dot.
        'y' | 'Y' => shape.is_none() && marks != ['\u{323}'],
        'ơ' | 'ư' | 'Ơ' | 'Ư' => shape.is_none() && tone,
        _ => false,
    }
}

/// A Vietnamese letter (or tone mark) Unicode has and Latin-1 has not: the cell is Unicode.
fn beyond_latin1_vietnamese(c: char) -> bool {
    matches!(
        c,
        'Ă' | 'ă' | 'Đ' | 'đ' | 'Ĩ' | 'ĩ' | 'Ũ' | 'ũ' | 'Ơ' | 'ơ' | 'Ư' | 'ư' | '\u{1EA0}'
            ..='\u{1EF9}'
                | '\u{300}'
                | '\u{301}'
                | '\u{302}'
                | '\u{303}'
                | '\u{306}'
                | '\u{309}'
                | '\u{31B}'
                | '\u{323}'
    )
}

/// The words of a cell: runs of characters between spaces and ASCII punctuation.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation()))
        .filter(|w| !w.is_empty())
}

/// Decode one word typed in TCVN3 (no case rule).
fn tcvn3_word(w: &str) -> String {
    w.chars().map(|c| tcvn3_letter(c).unwrap_or(c)).collect()
}

/// Decode one word typed in VNI; None when a diacritic character has no letter to sit on.
fn vni_word(w: &str) -> Option<String> {
    let mut out = String::with_capacity(w.len());
    let mut chars = w.chars().peekable();
    while let Some(c) = chars.next() {
        let base = VNI_SINGLE
            .iter()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| *v)
            .unwrap_or(c);
        let is_base = matches!(
            base,
            'a' | 'e' | 'o' | 'u' | 'y' | 'A' | 'E' | 'O' | 'U' | 'Y' | 'ơ' | 'ư' | 'Ơ' | 'Ư'
        );
        if is_base
            && let Some(&next) = chars.peek()
            && let Some(marks) = vni_marks(next)
            && vni_fits(base, marks)
        {
            chars.next();
            out.push(base);
            out.extend(marks.iter());
            continue;
        }
        if base == c && vni_marks(c).is_some() {
            // A diacritic with nothing to sit on: not VNI.
            return None;
        }
        out.push(base);
    }
    Some(out.nfc().collect())
}

/// Is this word a Vietnamese syllable as written: an onset, a vowel nucleus, a coda, one
/// tone at most, with the spelling rules that matter here (k, gh, ngh before e, ê, i; c, g,
/// ng elsewhere; a stop coda takes only sắc or nặng; ă, â and the diphthongs iê, uô, ươ, yê
/// are closed). It tells which reading of a cell makes words of it.
pub fn is_syllable(word: &str) -> bool {
    const ONSETS: [&str; 28] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g",
        "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    ];
    const CODAS: [&str; 13] = [
        "ch", "nh", "ng", "c", "m", "n", "p", "t", "i", "y", "o", "u", "",
    ];
    const NUCLEI: [&str; 27] = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ia", "iê", "ua", "uô", "ưa",
        "ươ", "oa", "oă", "oe", "uâ", "uê", "uy", "yê", "uya", "uyê",
    ];
    let tone_marks: Vec<char> = word.nfd().filter(|c| is_tone(*c)).collect();
    if tone_marks.len() > 1 {
        return false;
    }
    // Where the tone sits (it belongs on the nucleus: "Caù" is not a syllable).
    let toned = word.nfc().position(|c| c.to_string().nfd().any(is_tone));
    let plain: String = word
        .nfd()
        .filter(|c| !is_tone(*c))
        .nfc()
        .flat_map(char::to_lowercase)
        .collect();
    for onset in ONSETS {
        let Some(rest) = plain.strip_prefix(onset) else {
            continue;
        };
        for coda in CODAS {
            let Some(nucleus) = rest.strip_suffix(coda) else {
                continue;
            };
            if !NUCLEI.contains(&nucleus) {
                continue;
            }
            let first = nucleus.chars().next().unwrap_or('a');
            let front = matches!(first, 'e' | 'ê' | 'i' | 'y');
            let spelled = match onset {
                "c" | "g" | "ng" => !front,
                "k" | "gh" | "ngh" => front,
                "qu" => !nucleus.starts_with('u'),
                "gi" => !nucleus.starts_with('i'),
                _ => true,
            };
            let last = nucleus.chars().last().unwrap_or('a');
            let closed_only = matches!(
                nucleus,
                "ă" | "â" | "iê" | "uô" | "ươ" | "yê" | "uyê" | "oă" | "uâ"
            );
            let open_only = matches!(nucleus, "ia" | "ua" | "ưa" | "uya");
            let coda_fits = match coda {
                "" => !closed_only,
                "ch" | "nh" => matches!(last, 'a' | 'ê' | 'i' | 'y') && !open_only,
                "i" => matches!(
                    nucleus,
                    "a" | "o" | "ô" | "ơ" | "u" | "ư" | "oa" | "uô" | "ươ"
                ),
                "y" => matches!(nucleus, "a" | "â" | "oa" | "uâ"),
                "o" => matches!(nucleus, "a" | "e" | "oa" | "oe"),
                "u" => matches!(
                    nucleus,
                    "a" | "â" | "ê" | "i" | "iê" | "yê" | "ư" | "ươ" | "uy"
                ),
                _ => !open_only,
            };
            let stop = matches!(coda, "c" | "ch" | "p" | "t");
            let tone_fits = !stop
                || tone_marks
                    .iter()
                    .all(|t| matches!(t, '\u{301}' | '\u{323}'));
            let start = onset.chars().count();
            let on_nucleus =
                toned.is_none_or(|i| (start..start + nucleus.chars().count()).contains(&i));
            if spelled && coda_fits && tone_fits && on_nucleus {
                return true;
            }
        }
    }
    false
}

fn is_tone(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// How many of the cell's words holding a non-ASCII character are syllables when the cell
/// is read with `decode` (a word `decode` refuses counts for nothing).
fn syllables(s: &str, decode: impl Fn(&str) -> Option<String>) -> usize {
    words(s)
        .filter(|w| !w.is_ascii())
        .filter(|w| decode(w).is_some_and(|d| is_syllable(&d)))
        .count()
}

/// How this cell was typed (see the module's notes): the reading that makes more of its
/// words syllables than Unicode does. A cell that reads as well in a legacy encoding as in
/// Unicode ("chó" is a word, and TCVN3's "chú") follows `hint`, what the sheet's other cells
/// showed; without a hint it stays Unicode. A cell with a letter beyond Latin-1 is Unicode
/// whatever the hint.
pub fn detect(s: &str, hint: Option<Legacy>) -> Legacy {
    if s.is_ascii() || s.chars().any(beyond_latin1_vietnamese) {
        return Legacy::Unicode;
    }
    let unicode = syllables(s, |w| Some(w.to_owned()));
    let tcvn3 = syllables(s, |w| Some(tcvn3_word(w)));
    let vni = syllables(s, vni_word);
    let best = tcvn3.max(vni);
    if best < unicode || best == 0 {
        return Legacy::Unicode;
    }
    let pick =
        if tcvn3 > vni || (tcvn3 == vni && s.chars().any(|c| ('\u{A1}'..='\u{BF}').contains(&c))) {
            Legacy::Tcvn3
        } else {
            Legacy::Vni
        };
    if best > unicode {
        return pick;
    }
    // As good as Unicode: the sheet decides.
    match hint {
        Some(Legacy::Tcvn3) if tcvn3 == unicode && tcvn3_word(s) != s => Legacy::Tcvn3,
        Some(Legacy::Vni) if vni == unicode && vni_word_all(s) != s => Legacy::Vni,
        _ => Legacy::Unicode,
    }
}

/// The cell read as VNI (words VNI cannot type kept).
fn vni_word_all(s: &str) -> String {
    from_vni(s)
}

/// Decode a whole cell typed in TCVN3. A cell whose ASCII letters are all capitals (three or
/// more) was typed in a `.VnTimeH` font, which draws the lowercase codes as capitals: its
/// letters become capitals.
pub fn from_tcvn3(s: &str) -> String {
    let ascii: Vec<char> = s.chars().filter(char::is_ascii_alphabetic).collect();
    let capitals = ascii.len() >= 3 && ascii.iter().all(char::is_ascii_uppercase);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match tcvn3_letter(c) {
            Some(l) if capitals => out.extend(l.to_uppercase()),
            Some(l) => out.push(l),
            None => out.push(c),
        }
    }
    out.nfc().collect()
}

/// Decode a whole cell typed in VNI (characters that are not VNI are kept).
pub fn from_vni(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            out.push_str(&vni_word(word).unwrap_or_else(|| word.clone()));
            word.clear();
        }
    };
    for c in s.chars() {
        if c.is_whitespace() || c.is_ascii_punctuation() {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out.nfc().collect()
}

/// The cell's text in NFC Unicode, and how it was typed. A Unicode cell is returned as it
/// is (borrowed).
pub fn to_unicode(s: &str, hint: Option<Legacy>) -> (Cow<'_, str>, Legacy) {
    match detect(s, hint) {
        Legacy::Unicode => (Cow::Borrowed(s), Legacy::Unicode),
        Legacy::Tcvn3 => (Cow::Owned(from_tcvn3(s)), Legacy::Tcvn3),
        Legacy::Vni => (Cow::Owned(from_vni(s)), Legacy::Vni),
    }
}

/// Encode NFC text as VNI would have typed it (the tests' way to make VNI cells, and the
/// inverse that shows the table is complete). Letters VNI cannot type are kept.
pub fn to_vni(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.nfc() {
        if let Some((k, _)) = VNI_SINGLE
            .iter()
            .find(|(_, v)| *v == c && c != 'ì' && c != 'Ì' && c != 'í' && c != 'Í')
        {
            out.push(*k);
            continue;
        }
        let d: Vec<char> = c.nfd().collect();
        let (base, marks) = (d[0], &d[1..]);
        if marks.is_empty() || !base.is_ascii_alphabetic() {
            out.push(c);
            continue;
        }
        // ơ and ư are one VNI character; their tone follows.
        let upper = base.is_ascii_uppercase();
        let (letter, typed, marks): (char, char, &[char]) = match marks.first() {
            Some('\u{31B}') => {
                let (l, t) = match (base.to_ascii_lowercase(), upper) {
                    ('o', false) => ('ơ', 'ô'),
                    ('o', true) => ('Ơ', 'Ô'),
                    (_, false) => ('ư', 'ö'),
                    (_, true) => ('Ư', 'Ö'),
                };
                (l, t, &marks[1..])
            }
            _ => (base, base, marks),
        };
        if marks.is_empty() {
            out.push(typed);
            continue;
        }
        let mut wanted = marks.to_vec();
        wanted.sort_unstable();
        let found = "ùøûõïêéèúüëâáàåãä".chars().find(|m| {
            vni_marks(*m).is_some_and(|ms| {
                let mut a = ms.to_vec();
                a.sort_unstable();
                a == wanted && vni_fits(letter, ms)
            })
        });
        match found {
            Some(m) => {
                out.push(typed);
                out.extend(if upper {
                    m.to_uppercase().next()
                } else {
                    Some(m)
                });
            }
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
