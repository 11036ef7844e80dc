// CRadiographCodecs: libpng, libjpeg(-turbo) and libtiff behind a small, plain C API.
//
// This module provides no stable Swift API: only RadiographCodecs imports it (`internal import`).
// libpng and libjpeg report errors with longjmp, which Swift cannot catch, and TIFFSetField is
// variadic, which Swift cannot call: both live here.
//
// Conventions shared by every function:
// - The return value is an rgc_status. On anything but RGC_OK a NUL-terminated message is written
//   into `message` (at most `message_capacity` bytes, truncated if needed). Nothing prints to
//   stdout/stderr, aborts or exits; the libraries' warnings are swallowed.
// - Pixels are gray, row-major, without row padding: `width` bytes per row for 8 bits, `width`
//   native-endian uint16_t values per row for 16 bits.
// - Encoders return a malloc'd buffer in `*out` (its length in `*out_size`) that the caller frees
//   with rgc_free. On failure `*out` is set to NULL.
// - Decoding takes two steps: rgc_*_info reads the header only and refuses sizes above
//   RGC_MAX_SIDE / RGC_MAX_PIXELS (RGC_TOO_LARGE, with the size still reported in the info) before
//   anything proportional to the image is allocated; rgc_*_decode then writes the pixels into a
//   buffer the caller sized from that info (exactly width * height * bits / 8 bytes).
// - Every function is reentrant: no global library state is touched, so calls may run on several
//   threads at once.
#ifndef CRADIOGRAPH_CODECS_H
#define CRADIOGRAPH_CODECS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: - Shared

/// Outcome of every rgc_ function.
typedef enum {
    RGC_OK = 0,
    /// The library reported an error: malformed, truncated or corrupt data, or out of memory.
    RGC_FAILED = 1,
    /// Valid input of a kind Radiograph does not take (colour, alpha, tiled, 12-bit JPEG, ...).
    RGC_UNSUPPORTED = 2,
    /// A caller error: a null pointer, a parameter out of range, a pixel buffer of the wrong size.
    RGC_BAD_ARGUMENT = 3,
    /// The image is larger than RGC_MAX_SIDE per side or RGC_MAX_PIXELS in all (or than the
    /// format allows). For decoders, the info still carries the header's width and height.
    RGC_TOO_LARGE = 4
} rgc_status;

/// The largest side, in pixels, that the encoders write and the decoders accept.
#define RGC_MAX_SIDE 65535u
/// The largest pixel count (2^28) that the encoders write and the decoders accept.
#define RGC_MAX_PIXELS 268435456u
/// A message buffer of this size holds every message the shim writes without truncation.
#define RGC_MESSAGE_CAPACITY 320u

/// Header facts of an encoded image, as rgc_*_info reports them.
typedef struct {
    uint32_t width;
    uint32_t height;
    /// Bits per pixel after decoding: 8 or 16.
    uint32_t bits;
    /// Bits per sample as stored (PNG gray may store 1, 2 or 4 bits; they decode to 8).
    uint32_t stored_bits;
    /// TIFF only: 1 when the file is PHOTOMETRIC_MINISWHITE (rgc_tiff_decode inverts it).
    int32_t min_is_white;
    /// TIFF only: RESUNIT_NONE (1), RESUNIT_INCH (2) or RESUNIT_CENTIMETER (3); 0 when absent.
    int32_t resolution_unit;
    /// TIFF only: X/YResolution in pixels per resolution unit; 0 when absent.
    double x_resolution;
    double y_resolution;
} rgc_info;

/// Frees a buffer returned by an encoder (free(3)). Null is allowed.
void rgc_free(void *pointer);

// MARK: - PNG (libpng 1.6, low-level API)

/// Row filters: a single one, or several OR-ed together for libpng's per-row (adaptive) choice.
/// The values are libpng's PNG_FILTER_* bits for png_set_filter.
typedef enum {
    RGC_PNG_FILTER_NONE = 0x08,
    RGC_PNG_FILTER_SUB = 0x10,
    RGC_PNG_FILTER_UP = 0x20,
    RGC_PNG_FILTER_AVG = 0x40,
    RGC_PNG_FILTER_PAETH = 0x80,
    RGC_PNG_FILTER_ALL = 0xF8
} rgc_png_filter;

/// zlib strategies for png_set_compression_strategy (values of Z_DEFAULT_STRATEGY, Z_FILTERED,
/// Z_HUFFMAN_ONLY and Z_RLE).
typedef enum {
    RGC_ZLIB_DEFAULT = 0,
    RGC_ZLIB_FILTERED = 1,
    RGC_ZLIB_HUFFMAN_ONLY = 2,
    RGC_ZLIB_RLE = 3
} rgc_zlib_strategy;

/// How a PNG is written.
typedef struct {
    /// zlib level 0...9 (png_set_compression_level).
    int32_t level;
    /// rgc_png_filter bits, at least one (png_set_filter).
    int32_t filters;
    /// An rgc_zlib_strategy (png_set_compression_strategy).
    int32_t strategy;
} rgc_png_options;

/// Encodes gray pixels (`bits` 8, or 16 native-endian) as a non-interlaced gray PNG with no
/// ancillary chunks (no gAMA, cHRM, sRGB or tIME): png_write_info / png_write_row / png_write_end.
rgc_status rgc_png_encode(const void *pixels, uint32_t width, uint32_t height, uint32_t bits,
                          const rgc_png_options *options, uint8_t **out, size_t *out_size, char *message,
                          size_t message_capacity);

/// Encodes 8-bit RGB pixels (R, G, B interleaved, 3 * width bytes a row) as a colour PNG, with
/// the same options and chunks as rgc_png_encode.
rgc_status rgc_png_encode_rgb(const uint8_t *pixels, uint32_t width, uint32_t height, const rgc_png_options *options,
                              uint8_t **out, size_t *out_size, char *message, size_t message_capacity);

/// Reads a PNG's header (png_read_info). Gray 1/2/4/8/16-bit is supported (interlaced too; tRNS is
/// ignored); gray+alpha, RGB, RGBA and palette images give RGC_UNSUPPORTED.
rgc_status rgc_png_info(const uint8_t *bytes, size_t count, rgc_info *info, char *message, size_t message_capacity);

/// Decodes a gray PNG (png_read_row for each row of each pass). 1/2/4-bit gray is scaled to 8 bits
/// (png_set_expand_gray_1_2_4_to_8: 1-bit 1 becomes 255); 16-bit values come out native-endian.
rgc_status rgc_png_decode(const uint8_t *bytes, size_t count, void *pixels, size_t pixel_bytes, char *message,
                          size_t message_capacity);

// MARK: - TIFF (libtiff 4.5, TIFFClientOpenExt on memory)

/// Compression schemes (TIFF COMPRESSION_* values). LZW and Deflate use the horizontal predictor.
typedef enum { RGC_TIFF_NONE = 1, RGC_TIFF_LZW = 5, RGC_TIFF_DEFLATE = 8 } rgc_tiff_compression;

/// How a TIFF is written.
typedef struct {
    /// An rgc_tiff_compression.
    int32_t compression;
    /// Deflate only: zlib level 1...9 (TIFFTAG_ZIPQUALITY); 0 for libtiff's default.
    int32_t deflate_level;
    /// Rows per strip; 0 chooses strips of about 64 KiB; a value >= height writes one strip.
    uint32_t rows_per_strip;
    /// X and Y resolution in pixels per centimetre; both > 0 to write them (RESUNIT_CENTIMETER).
    double x_pixels_per_cm;
    double y_pixels_per_cm;
} rgc_tiff_options;

/// Encodes gray pixels as a single-image, little-endian, PHOTOMETRIC_MINISBLACK TIFF in strips
/// (TIFFSetField for the tags, TIFFWriteScanline for the rows). The caller's pixels are not
/// modified (libtiff's predictor works on a copy of each row).
rgc_status rgc_tiff_encode(const void *pixels, uint32_t width, uint32_t height, uint32_t bits,
                           const rgc_tiff_options *options, uint8_t **out, size_t *out_size, char *message,
                           size_t message_capacity);

/// Encodes 8-bit RGB pixels (interleaved) as a PHOTOMETRIC_RGB, PLANARCONFIG_CONTIG TIFF, with the
/// same options and tags as rgc_tiff_encode.
rgc_status rgc_tiff_encode_rgb(const uint8_t *pixels, uint32_t width, uint32_t height,
                               const rgc_tiff_options *options, uint8_t **out, size_t *out_size, char *message,
                               size_t message_capacity);

/// Reads the first image's directory: one unsigned 8- or 16-bit sample per pixel, MINISBLACK or
/// MINISWHITE, in strips (tiles give RGC_UNSUPPORTED). Also reports the resolution tags.
rgc_status rgc_tiff_info(const uint8_t *bytes, size_t count, rgc_info *info, char *message,
                         size_t message_capacity);

/// Decodes the first image (TIFFReadEncodedStrip straight into `pixels`), any byte order or
/// compression libtiff was built with. MINISWHITE data is inverted (v -> max - v) so the result is
/// always MINISBLACK.
rgc_status rgc_tiff_decode(const uint8_t *bytes, size_t count, void *pixels, size_t pixel_bytes, char *message,
                           size_t message_capacity);

// MARK: - JPEG (libjpeg-turbo, 8-bit)

/// Encodes 8-bit gray pixels as a baseline JPEG with `quality` 1...100 (jpeg_set_quality; at most
/// 65500 pixels per side, libjpeg's limit).
rgc_status rgc_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int32_t quality, uint8_t **out,
                           size_t *out_size, char *message, size_t message_capacity);

/// Encodes 8-bit RGB pixels (interleaved) as a baseline YCbCr JPEG (libjpeg's defaults: 4:2:0).
rgc_status rgc_jpeg_encode_rgb(const uint8_t *pixels, uint32_t width, uint32_t height, int32_t quality,
                               uint8_t **out, size_t *out_size, char *message, size_t message_capacity);

/// Reads a JPEG's header (jpeg_read_header). One-component 8-bit JPEGs are supported (baseline,
/// extended, progressive); colour JPEGs, 12-bit precision and the lossless process give
/// RGC_UNSUPPORTED.
rgc_status rgc_jpeg_info(const uint8_t *bytes, size_t count, rgc_info *info, char *message,
                         size_t message_capacity);

/// Decodes an 8-bit gray JPEG (jpeg_read_scanlines). A stream that ends early, which libjpeg only
/// warns about and pads, is an error here.
rgc_status rgc_jpeg_decode(const uint8_t *bytes, size_t count, uint8_t *pixels, size_t pixel_bytes, char *message,
                           size_t message_capacity);

#ifdef __cplusplus
}
#endif

#endif
