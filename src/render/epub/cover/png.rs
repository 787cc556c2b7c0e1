//! The cover's PNG file: 8-bit RGB, encoded by the `png` crate with fixed settings, so
//! the same pixels always give the same bytes.

/// An RGB image, rows top to bottom.
#[derive(Debug, Clone)]
pub struct RgbImage {
    pub width: usize,
    pub height: usize,
    /// `width * height * 3` bytes.
    pub pixels: Vec<u8>,
}

/// The PNG file of `image`.
pub fn encode(image: &RgbImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut out, image.width as u32, image.height as u32);
    encoder.set_color(::png::ColorType::Rgb);
    encoder.set_depth(::png::BitDepth::Eight);
    // A cover is large flat areas with text: adaptive filtering keeps it small, and the
    // balanced level costs a third of the strongest's time for 4% more bytes.
    encoder.set_compression(::png::Compression::Balanced);
    encoder.set_filter(::png::Filter::Adaptive);
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

    #[test]
    fn encodes_a_valid_png_deterministically() {
        let image = RgbImage {
            width: 3,
            height: 2,
            pixels: (0..18).collect(),
        };
        let a = encode(&image).unwrap();
        assert_eq!(&a[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(a, encode(&image).unwrap());
        let decoder = ::png::Decoder::new(std::io::Cursor::new(&a));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (3, 2));
        assert_eq!(&buf[..18], &image.pixels[..]);
    }

    #[test]
    fn a_wrong_buffer_size_is_an_error() {
        assert!(
            encode(&RgbImage {
                width: 3,
                height: 2,
                pixels: vec![0; 5]
            })
            .is_err()
        );
    }
}
