// Helpers shared by the three codec files. Not part of the module's interface (not in include/).
#ifndef RGC_INTERNAL_H
#define RGC_INTERNAL_H

#include "CRadiographCodecs.h"

#include <stddef.h>
#include <stdint.h>

/// Writes `format` (printf-style) into the caller's message buffer, truncating if needed.
void rgc_set_message(char *message, size_t capacity, const char *format, ...) __attribute__((format(printf, 3, 4)));

/// RGC_OK when `width` x `height` is within 1...RGC_MAX_SIDE per side and RGC_MAX_PIXELS in all;
/// otherwise RGC_TOO_LARGE (or RGC_BAD_ARGUMENT for a zero side) with a message naming `what`.
rgc_status rgc_check_size(uint32_t width, uint32_t height, const char *what, char *message, size_t capacity);

/// 1 on little-endian hosts (16-bit samples then need swapping to and from big-endian PNG).
int rgc_host_is_little_endian(void);

/// A growable, malloc'd output buffer with a write position (TIFF seeks while writing).
typedef struct {
    uint8_t *data;
    size_t size;
    size_t capacity;
    size_t position;
    /// Set once an allocation failed; every later write fails too.
    int failed;
} rgc_buffer;

/// Copies `count` bytes to `offset`, growing the buffer (zero-filling any gap). 0 when out of memory.
int rgc_buffer_write_at(rgc_buffer *buffer, size_t offset, const void *bytes, size_t count);

/// Hands the buffer over to `*out` / `*out_size` (the caller frees it with rgc_free).
void rgc_buffer_take(rgc_buffer *buffer, uint8_t **out, size_t *out_size);

/// A read position over the caller's immutable input bytes.
typedef struct {
    const uint8_t *bytes;
    size_t count;
    size_t position;
} rgc_reader;

/// Checks the common arguments of an encoder and clears `*out`. RGC_OK when they are usable.
rgc_status rgc_check_encode_arguments(const void *pixels, uint32_t width, uint32_t height, uint32_t bits,
                                      uint8_t **out, size_t *out_size, const char *what, char *message,
                                      size_t capacity);

/// Checks that a decoder's pixel buffer holds exactly the image described by `info`.
rgc_status rgc_check_pixel_buffer(const void *pixels, size_t pixel_bytes, const rgc_info *info, char *message,
                                  size_t capacity);

#endif
