//! A small PNG encoder for the generated cover: 8-bit RGB, each row filtered with the
//! filter that leaves the smallest residue, compressed as one fixed-Huffman deflate
//! block whose only matches are runs (distance 1). Covers are large flat areas with
//! text, which this compresses well, with no dependency and byte-identical output.

/// PNG's eight-byte file signature.
const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// Bytes per pixel of 8-bit RGB.
const BPP: usize = 3;

/// An RGB image, rows top to bottom.
#[derive(Debug, Clone)]
pub struct RgbImage {
    pub width: usize,
    pub height: usize,
    /// `width * height * 3` bytes.
    pub pixels: Vec<u8>,
}

/// The PNG file of `image`.
pub fn encode(image: &RgbImage) -> Vec<u8> {
    assert_eq!(
        image.pixels.len(),
        image.width * image.height * BPP,
        "pixel buffer size"
    );
    let mut out = SIGNATURE.to_vec();
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&(image.width as u32).to_be_bytes());
    ihdr.extend_from_slice(&(image.height as u32).to_be_bytes());
    // Bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace.
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib(&filtered(image)));
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// Rows prefixed by their filter type: None, Sub or Up, whichever leaves the smallest
/// sum of absolute residues (the usual heuristic).
fn filtered(image: &RgbImage) -> Vec<u8> {
    let stride = image.width * BPP;
    let mut out = Vec::with_capacity((stride + 1) * image.height);
    let zero = vec![0u8; stride];
    for y in 0..image.height {
        let row = &image.pixels[y * stride..(y + 1) * stride];
        let above = if y == 0 {
            &zero[..]
        } else {
            &image.pixels[(y - 1) * stride..y * stride]
        };
        let sub: Vec<u8> = (0..stride)
            .map(|i| row[i].wrapping_sub(if i >= BPP { row[i - BPP] } else { 0 }))
            .collect();
        let up: Vec<u8> = (0..stride).map(|i| row[i].wrapping_sub(above[i])).collect();
        let cost = |r: &[u8]| {
            r.iter()
                .map(|&b| (b as i8).unsigned_abs() as u64)
                .sum::<u64>()
        };
        let candidates = [(0u8, row), (1, &sub[..]), (2, &up[..])];
        let (kind, best) = candidates
            .iter()
            .min_by_key(|(_, r)| cost(r))
            .expect("three candidates");
        out.push(*kind);
        out.extend_from_slice(best);
    }
    out
}

/// Writes bits least significant first, as deflate packs them.
struct BitWriter {
    out: Vec<u8>,
    acc: u32,
    used: u32,
}

impl BitWriter {
    fn bits(&mut self, value: u32, count: u32) {
        self.acc |= value << self.used;
        self.used += count;
        while self.used >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.used -= 8;
        }
    }

    /// A Huffman code, which deflate stores most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        let reversed = code.reverse_bits() >> (32 - len);
        self.bits(reversed, len);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.used > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// The fixed Huffman code of a literal/length symbol (RFC 1951, 3.2.6).
fn fixed_code(symbol: u32) -> (u32, u32) {
    match symbol {
        0..=143 => (0x30 + symbol, 8),
        144..=255 => (0x190 + symbol - 144, 9),
        256..=279 => (symbol - 256, 7),
        _ => (0xC0 + symbol - 280, 8),
    }
}

/// Base lengths of the length symbols 257–285 and their extra bits.
const LENGTH_BASE: [u32; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u32; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];

/// Deflate's longest match.
const MAX_RUN: usize = 258;
/// Deflate's shortest match.
const MIN_RUN: usize = 3;

/// One fixed-Huffman deflate block: literals, and runs of the previous byte as
/// matches at distance 1.
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut w = BitWriter {
        out: Vec::with_capacity(data.len() / 8),
        acc: 0,
        used: 0,
    };
    w.bits(1, 1); // BFINAL: the only block.
    w.bits(1, 2); // BTYPE 01: fixed Huffman codes.
    let mut i = 0;
    while i < data.len() {
        let run = if i > 0 {
            data[i..]
                .iter()
                .take(MAX_RUN)
                .take_while(|&&b| b == data[i - 1])
                .count()
        } else {
            0
        };
        if run >= MIN_RUN {
            let slot = LENGTH_BASE
                .iter()
                .rposition(|&base| base as usize <= run)
                .expect("run of at least 3");
            let (code, len) = fixed_code(257 + slot as u32);
            w.code(code, len);
            w.bits(run as u32 - LENGTH_BASE[slot], LENGTH_EXTRA[slot]);
            // Distance code 0 (distance 1): five zero bits, no extra bits.
            w.code(0, 5);
            i += run;
        } else {
            let (code, len) = fixed_code(data[i] as u32);
            w.code(code, len);
            i += 1;
        }
    }
    let (code, len) = fixed_code(256);
    w.code(code, len);
    w.finish()
}

/// A zlib stream: header, deflate data, Adler-32 of the uncompressed data.
fn zlib(data: &[u8]) -> Vec<u8> {
    // CMF 0x78: deflate with a 32 KiB window; FLG 0x01 makes the header a multiple of 31.
    let mut out = vec![0x78, 0x01];
    out.extend_from_slice(&deflate(data));
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

fn adler32(data: &[u8]) -> u32 {
    // The largest prime below 2^16, as RFC 1950 defines the checksum.
    const MOD: u32 = 65521;
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &byte in chunk {
            a += byte as u32;
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= byte as u32;
        for _ in 0..8 {
            // The reflected CRC-32 polynomial of PNG and zip.
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_match_known_values() {
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn png_has_signature_header_and_end() {
        let image = RgbImage {
            width: 4,
            height: 2,
            pixels: vec![200; 24],
        };
        let png = encode(&image);
        assert_eq!(&png[..8], &SIGNATURE);
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(
            &png[png.len() - 12..],
            &[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]
        );
    }

    #[test]
    fn runs_compress() {
        let data = vec![7u8; 100_000];
        assert!(deflate(&data).len() < 1_000);
    }
}
