//! The cover's PNG file: 8-bit indexed colour (a palette of up to 256 colours), encoded
//! by the `png` crate with fixed settings, so the same pixels always give the same bytes.
//!
//! The cover is two colours blended by coverage, so 256 blends index every pixel: a
//! third of the bytes of RGB to filter and compress, and a smaller file.

/// An image of palette indices, rows top to bottom.
#[derive(Debug, Clone)]
pub struct IndexedImage {
    pub width: usize,
    pub height: usize,
    /// At most 256 RGB colours.
    pub palette: Vec<[u8; 3]>,
    /// `width * height` indices into `palette`.
    pub pixels: Vec<u8>,
}

/// The PNG file of `image`.
pub fn encode(image: &IndexedImage) -> Result<Vec<u8>, String> {
    if image.palette.is_empty() || image.palette.len() > 256 {
        return Err(format!(
            "a palette of {} colours (1 to 256 allowed)",
            image.palette.len()
        ));
    }
    let mut out = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut out, image.width as u32, image.height as u32);
    encoder.set_color(::png::ColorType::Indexed);
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_palette(image.palette.concat());
    // fdeflate's fast compressor, every row filtered against the one above (`Up`): the
    // cover is mostly rows of flat ground, which that filter turns to zeros. For the
    // volume's cover 100 KB, the whole cover made in 17 ms; adaptive filtering (each
    // row's best of five) gave 90 KB in 23 ms, `Sub` 111 KB, `Paeth` 94 KB in 45 ms, no
    // filter 132 KB; zlib level 6 without filters 63 KB, but 30 ms to compress. The
    // encoder is fixed by the lock file, so the bytes are the same on every run.
    encoder.set_deflate_compression(::png::DeflateCompression::FdeflateUltraFast);
    encoder.set_filter(::png::Filter::Up);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer
        .write_image_data(&image.pixels)
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(pixels: Vec<u8>) -> IndexedImage {
        IndexedImage {
            width: 3,
            height: 2,
            palette: (0..6).map(|i| [i * 40, 255 - i * 40, 7]).collect(),
            pixels,
        }
    }

    #[test]
    fn encodes_a_valid_png_deterministically() {
        let image = image(vec![0, 1, 2, 3, 4, 5]);
        let a = encode(&image).unwrap();
        assert_eq!(&a[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(a, encode(&image).unwrap());
        let mut decoder = ::png::Decoder::new(std::io::Cursor::new(&a));
        decoder.set_transformations(::png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (3, 2));
        let rgb: Vec<u8> = image.palette.concat();
        assert_eq!(&buf[..18], &rgb[..], "indices expand to their colours");
    }

    #[test]
    fn a_wrong_buffer_size_is_an_error() {
        assert!(encode(&image(vec![0; 5])).is_err());
    }
}
