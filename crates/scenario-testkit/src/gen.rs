//! Deterministic generators for tests, shared by the core's tests and the app's: a seeded
//! xorshift, awkward text, and damaged copies of a text.

/// A small deterministic generator (xorshift), so failures reproduce from the seed.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits. The seed must not be 0.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform-ish in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// Up to five pieces of text that JSON, HTML and terminals treat specially.
    pub fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "a", "node-1", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1f}", "\u{7f}",
            "é", "😀", "\u{202e}", "\u{2028}", "<script>", "\\u0041", "{}", "[1,2]",
        ];
        (0..self.below(6))
            .map(|_| PIECES[self.below(PIECES.len() as u64) as usize])
            .collect()
    }

    /// Up to three texts.
    pub fn texts(&mut self) -> Vec<String> {
        (0..self.below(4)).map(|_| self.text()).collect()
    }

    /// An integer near 0, near `u64::MAX` or anywhere.
    pub fn integer(&mut self) -> u64 {
        match self.below(4) {
            0 => 0,
            1 => self.below(100),
            2 => u64::MAX - self.below(3),
            _ => self.next_u64(),
        }
    }

    /// A damaged copy of `text`: one to three bytes deleted, replaced or inserted, the new
    /// bytes drawn from JSON's punctuation, digits, letters of its words and non-ASCII.
    pub fn damage(&mut self, text: &str) -> String {
        const BYTES: &[u8] = b"{}[],:\"\\ 0-9e.ntfu\x01\xc3\xa9";
        let mut bytes = text.as_bytes().to_vec();
        for _ in 0..=self.below(3) {
            let at = self.below(bytes.len() as u64 + 1) as usize;
            let b = BYTES[self.below(BYTES.len() as u64) as usize];
            match self.below(3) {
                0 if at < bytes.len() => {
                    bytes.remove(at);
                }
                1 if at < bytes.len() => bytes[at] = b,
                _ => bytes.insert(at, b),
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }
}
