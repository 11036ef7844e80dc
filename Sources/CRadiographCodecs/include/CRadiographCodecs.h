// CRadiographCodecs: libpng, libjpeg(-turbo) and libtiff behind a small C API.
//
// This module provides no stable Swift API: only RadiographCodecs imports it. libpng and libjpeg
// report errors with longjmp, which Swift cannot catch, and TIFFSetField is variadic, which Swift
// cannot call: both live here. Every function returns an rgc_status and writes a message into the
// caller's buffer on failure; nothing prints, aborts or exits.
#ifndef CRADIOGRAPH_CODECS_H
#define CRADIOGRAPH_CODECS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    RGC_OK = 0,
    RGC_FAILED = 1,       ///< The library reported an error (message says which).
    RGC_UNSUPPORTED = 2,  ///< Valid input of a kind Radiograph does not take (colour, tiled, 12-bit JPEG, ...).
    RGC_BAD_ARGUMENT = 3  ///< A caller error (sizes, null pointers, a buffer too small).
} rgc_status;

/// Header facts of an encoded image.
typedef struct {
    uint32_t width;
    uint32_t height;
    uint32_t bits;       ///< 8 or 16 after decoding.
    uint32_t channels;   ///< 1 for gray.
} rgc_info;

/// Frees a buffer returned by an encoder.
void rgc_free(void *pointer);

/// The largest side and pixel count the decoders accept (checked before allocating).
#define RGC_MAX_SIDE 65535u
#define RGC_MAX_PIXELS (1u << 28)

// MARK: PNG (libpng 1.6)

/// PNG filters (PNG_FILTER_* bits of png_set_filter); 0 means libpng's adaptive choice.
typedef enum {
    RGC_PNG_FILTER_NONE = 0x08,
    RGC_PNG_FILTER_SUB = 0x10,
    RGC_PNG_FILTER_UP = 0x20,
    RGC_PNG_FILTER_AVG = 0x40,
    RGC_PNG_FILTER_PAETH = 0x80,
    RGC_PNG_FILTER_ALL = 0xF8
} rgc_png_filter;

/// zlib strategies (Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE).
typedef enum {
    RGC_ZLIB_DEFAULT = 0,
    RGC_ZLIB_FILTERED = 1,
    RGC_ZLIB_HUFFMAN_ONLY = 2,
    RGC_ZLIB_RLE = 3
} rgc_zlib_strategy;

/// Encodes gray pixels (8-bit, or native-endian 16-bit) as PNG. `*out` is freed with rgc_free.
rgc_status rgc_png_encode(const void *pixels, uint32_t width, uint32_t height, uint32_t bits, int level,
                          int filters, int strategy, uint8_t **out, size_t *out_size,
                          char *message, size_t message_capacity);

/// Reads a PNG header. Gray 1/2/4/8/16-bit is supported; other colour types give RGC_UNSUPPORTED.
rgc_status rgc_png_info(const uint8_t *bytes, size_t count, rgc_info *info, char *message, size_t message_capacity);

/// Decodes a gray PNG into `pixels` (width × height values of info.bits; 16-bit native-endian).
rgc_status rgc_png_decode(const uint8_t *bytes, size_t count, void *pixels, size_t pixel_bytes,
                          char *message, size_t message_capacity);

// MARK: TIFF (libtiff 4)

/// Compression for TIFF output.
typedef enum { RGC_TIFF_NONE = 1, RGC_TIFF_LZW = 5, RGC_TIFF_DEFLATE = 8 } rgc_tiff_compression;

/// Encodes gray pixels as a MINISBLACK TIFF; resolution in pixels per centimetre when > 0.
rgc_status rgc_tiff_encode(const void *pixels, uint32_t width, uint32_t height, uint32_t bits, int compression,
                           double x_pixels_per_cm, double y_pixels_per_cm, uint8_t **out, size_t *out_size,
                           char *message, size_t message_capacity);

/// Reads a TIFF header: one sample per pixel, 8 or 16 bits, strips (not tiles).
rgc_status rgc_tiff_info(const uint8_t *bytes, size_t count, rgc_info *info, char *message, size_t message_capacity);

/// Decodes the first image of a TIFF. MINISWHITE data is returned as stored (*inverted set to 1).
rgc_status rgc_tiff_decode(const uint8_t *bytes, size_t count, void *pixels, size_t pixel_bytes, int *inverted,
                           char *message, size_t message_capacity);

// MARK: JPEG (libjpeg-turbo, 8-bit)

/// Encodes 8-bit gray pixels as baseline JPEG with `quality` 1...100.
rgc_status rgc_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int quality, uint8_t **out,
                           size_t *out_size, char *message, size_t message_capacity);

/// Reads a JPEG header; colour JPEGs give RGC_UNSUPPORTED.
rgc_status rgc_jpeg_info(const uint8_t *bytes, size_t count, rgc_info *info, char *message, size_t message_capacity);

/// Decodes an 8-bit gray JPEG into `pixels`.
rgc_status rgc_jpeg_decode(const uint8_t *bytes, size_t count, uint8_t *pixels, size_t pixel_bytes,
                           char *message, size_t message_capacity);

#ifdef __cplusplus
}
#endif

#endif
