// Shared helpers: messages, size limits, the growable output buffer. See rgc_internal.h.
#include "rgc_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rgc_free(void *pointer) { free(pointer); }

void rgc_set_message(char *message, size_t capacity, const char *format, ...) {
    if (message == NULL || capacity == 0) return;
    va_list args;
    va_start(args, format);
    vsnprintf(message, capacity, format, args);
    va_end(args);
}

rgc_status rgc_check_size(uint32_t width, uint32_t height, const char *what, char *message, size_t capacity) {
    if (width == 0 || height == 0) {
        rgc_set_message(message, capacity, "%s has an empty size %ux%u", what, width, height);
        return RGC_BAD_ARGUMENT;
    }
    if (width > RGC_MAX_SIDE || height > RGC_MAX_SIDE || (uint64_t)width * height > RGC_MAX_PIXELS) {
        rgc_set_message(message, capacity, "%s size %ux%u exceeds the limit of %u pixels per side and %u in all",
                        what, width, height, RGC_MAX_SIDE, RGC_MAX_PIXELS);
        return RGC_TOO_LARGE;
    }
    return RGC_OK;
}

int rgc_host_is_little_endian(void) {
    const uint16_t probe = 1;
    uint8_t first;
    memcpy(&first, &probe, 1);
    return first == 1;
}

static int buffer_reserve(rgc_buffer *buffer, size_t needed) {
    if (needed <= buffer->capacity) return 1;
    size_t capacity = buffer->capacity ? buffer->capacity : 64 * 1024;
    while (capacity < needed) {
        if (capacity > SIZE_MAX / 2) return 0;
        capacity *= 2;
    }
    uint8_t *data = realloc(buffer->data, capacity);
    if (data == NULL) return 0;
    buffer->data = data;
    buffer->capacity = capacity;
    return 1;
}

int rgc_buffer_write_at(rgc_buffer *buffer, size_t offset, const void *bytes, size_t count) {
    if (buffer->failed || offset > SIZE_MAX - count || !buffer_reserve(buffer, offset + count)) {
        buffer->failed = 1;
        return 0;
    }
    if (offset > buffer->size) memset(buffer->data + buffer->size, 0, offset - buffer->size);
    if (count > 0) memcpy(buffer->data + offset, bytes, count);
    if (offset + count > buffer->size) buffer->size = offset + count;
    return 1;
}

void rgc_buffer_take(rgc_buffer *buffer, uint8_t **out, size_t *out_size) {
    *out = buffer->data;
    *out_size = buffer->size;
    buffer->data = NULL;
    buffer->size = buffer->capacity = buffer->position = 0;
}

rgc_status rgc_check_encode_arguments(const void *pixels, uint32_t width, uint32_t height, uint32_t bits,
                                      uint8_t **out, size_t *out_size, const char *what, char *message,
                                      size_t capacity) {
    if (out != NULL) *out = NULL;
    if (out_size != NULL) *out_size = 0;
    if (pixels == NULL || out == NULL || out_size == NULL) {
        rgc_set_message(message, capacity, "%s encoder: null pixel or output pointer", what);
        return RGC_BAD_ARGUMENT;
    }
    if (bits != 8 && bits != 16) {
        rgc_set_message(message, capacity, "%s encoder: %u bits per pixel (8 or 16)", what, bits);
        return RGC_BAD_ARGUMENT;
    }
    return rgc_check_size(width, height, "image", message, capacity);
}

rgc_status rgc_check_pixel_buffer(const void *pixels, size_t pixel_bytes, const rgc_info *info, char *message,
                                  size_t capacity) {
    const uint64_t needed = (uint64_t)info->width * info->height * (info->bits / 8);
    if (pixels == NULL || pixel_bytes != needed) {
        rgc_set_message(message, capacity, "pixel buffer of %zu bytes for a %ux%u %u-bit image (%llu bytes)",
                        pixels ? pixel_bytes : 0, info->width, info->height, info->bits,
                        (unsigned long long)needed);
        return RGC_BAD_ARGUMENT;
    }
    return RGC_OK;
}
