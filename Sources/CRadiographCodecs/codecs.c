// libpng / libjpeg / libtiff glue for Radiograph. See include/CRadiographCodecs.h.
#include "CRadiographCodecs.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>
#include <tiffio.h>

// MARK: - Shared helpers

static void set_message(char *message, size_t capacity, const char *text) {
    if (message == NULL || capacity == 0) return;
    snprintf(message, capacity, "%s", text ? text : "unknown error");
}

void rgc_free(void *pointer) { free(pointer); }

/// A growable output buffer (malloc'd; handed to the caller on success).
typedef struct {
    uint8_t *data;
    size_t size;
    size_t capacity;
    size_t position;  // for TIFF's seekable writes
    int failed;
} grow_buffer;

static int grow_reserve(grow_buffer *b, size_t needed) {
    if (needed <= b->capacity) return 1;
    size_t capacity = b->capacity ? b->capacity : 65536;
    while (capacity < needed) {
        if (capacity > SIZE_MAX / 2) return 0;
        capacity *= 2;
    }
    uint8_t *data = realloc(b->data, capacity);
    if (data == NULL) return 0;
    b->data = data;
    b->capacity = capacity;
    return 1;
}

static int grow_write_at(grow_buffer *b, size_t offset, const void *bytes, size_t count) {
    if (offset > SIZE_MAX - count || !grow_reserve(b, offset + count)) {
        b->failed = 1;
        return 0;
    }
    if (offset > b->size) memset(b->data + b->size, 0, offset - b->size);
    memcpy(b->data + offset, bytes, count);
    if (offset + count > b->size) b->size = offset + count;
    return 1;
}

static rgc_status check_size(uint32_t width, uint32_t height, char *message, size_t capacity) {
    char text[160];
    if (width == 0 || height == 0 || width > RGC_MAX_SIDE || height > RGC_MAX_SIDE ||
        (uint64_t)width * height > RGC_MAX_PIXELS) {
        snprintf(text, sizeof text, "image size %ux%u is outside 1x1 ... %ux%u (at most %u pixels)", width, height,
                 RGC_MAX_SIDE, RGC_MAX_SIDE, RGC_MAX_PIXELS);
        set_message(message, capacity, text);
        return RGC_BAD_ARGUMENT;
    }
    return RGC_OK;
}

// MARK: - PNG

typedef struct {
    jmp_buf jump;
    char text[256];
} png_error_state;

static void png_error_handler(png_structp png, png_const_charp text) {
    png_error_state *state = (png_error_state *)png_get_error_ptr(png);
    snprintf(state->text, sizeof state->text, "%s", text);
    longjmp(state->jump, 1);
}

static void png_warning_handler(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;  // warnings are not errors; libpng must not print them
}

static void png_write_to_buffer(png_structp png, png_bytep data, size_t length) {
    grow_buffer *b = (grow_buffer *)png_get_io_ptr(png);
    if (!grow_write_at(b, b->size, data, length)) png_error(png, "out of memory");
}

static void png_flush_nothing(png_structp png) { (void)png; }

rgc_status rgc_png_encode(const void *pixels, uint32_t width, uint32_t height, uint32_t bits, int level,
                          int filters, int strategy, uint8_t **out, size_t *out_size, char *message,
                          size_t capacity) {
    if (pixels == NULL || out == NULL || out_size == NULL || (bits != 8 && bits != 16) || level < 0 || level > 9) {
        set_message(message, capacity, "bad arguments to the PNG encoder");
        return RGC_BAD_ARGUMENT;
    }
    rgc_status size_status = check_size(width, height, message, capacity);
    if (size_status != RGC_OK) return size_status;
    png_error_state state;
    state.text[0] = 0;
    grow_buffer buffer = {0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state, png_error_handler, png_warning_handler);
    if (png == NULL) {
        set_message(message, capacity, "png_create_write_struct failed");
        return RGC_FAILED;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL || setjmp(state.jump)) {
        png_destroy_write_struct(&png, info ? &info : NULL);
        free(buffer.data);
        set_message(message, capacity, state.text[0] ? state.text : "png_create_info_struct failed");
        return RGC_FAILED;
    }
    png_set_write_fn(png, &buffer, png_write_to_buffer, png_flush_nothing);
    png_set_compression_level(png, level);
    png_set_compression_strategy(png, strategy);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filters == 0 ? PNG_ALL_FILTERS : filters);
    png_set_IHDR(png, info, width, height, (int)bits, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    if (bits == 16) {
        const uint16_t probe = 1;
        if (*(const uint8_t *)&probe == 1) png_set_swap(png);  // PNG is big-endian; after png_write_info
    }
    const size_t row_bytes = (size_t)width * (bits / 8);
    for (uint32_t y = 0; y < height; ++y) {
        png_write_row(png, (png_const_bytep)pixels + (size_t)y * row_bytes);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    *out = buffer.data;
    *out_size = buffer.size;
    return RGC_OK;
}

typedef struct {
    const uint8_t *bytes;
    size_t count;
    size_t position;
} memory_reader;

static void png_read_from_memory(png_structp png, png_bytep data, size_t length) {
    memory_reader *r = (memory_reader *)png_get_io_ptr(png);
    if (length > r->count - r->position) png_error(png, "truncated PNG data");
    memcpy(data, r->bytes + r->position, length);
    r->position += length;
}

/// Reads the PNG header and, when `pixels` is not null, the image.
static rgc_status png_read(const uint8_t *bytes, size_t count, rgc_info *info_out, void *pixels, size_t pixel_bytes,
                           char *message, size_t capacity) {
    if (bytes == NULL || count < 8 || png_sig_cmp(bytes, 0, 8) != 0) {
        set_message(message, capacity, "not a PNG file (bad signature)");
        return RGC_FAILED;
    }
    png_error_state state;
    state.text[0] = 0;
    memory_reader reader = {bytes, count, 0};
    png_bytep *volatile rows = NULL;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, png_error_handler, png_warning_handler);
    if (png == NULL) {
        set_message(message, capacity, "png_create_read_struct failed");
        return RGC_FAILED;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL || setjmp(state.jump)) {
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        free(rows);
        set_message(message, capacity, state.text[0] ? state.text : "png_create_info_struct failed");
        return RGC_FAILED;
    }
    png_set_read_fn(png, &reader, png_read_from_memory);
    png_set_user_limits(png, RGC_MAX_SIDE, RGC_MAX_SIDE);
    png_read_info(png, info);
    png_uint_32 width = 0, height = 0;
    int depth = 0, color = 0, interlace = 0;
    png_get_IHDR(png, info, &width, &height, &depth, &color, &interlace, NULL, NULL);
    if (color != PNG_COLOR_TYPE_GRAY) {
        png_destroy_read_struct(&png, &info, NULL);
        set_message(message, capacity,
                    color == PNG_COLOR_TYPE_GRAY_ALPHA ? "gray PNG with an alpha channel is not supported"
                                                       : "colour PNG is not supported (gray only)");
        return RGC_UNSUPPORTED;
    }
    rgc_status size_status = check_size(width, height, message, capacity);
    if (size_status != RGC_OK) {
        png_destroy_read_struct(&png, &info, NULL);
        return RGC_FAILED;
    }
    const uint32_t bits = depth == 16 ? 16 : 8;
    if (info_out) {
        info_out->width = width;
        info_out->height = height;
        info_out->bits = bits;
        info_out->channels = 1;
    }
    if (pixels == NULL) {
        png_destroy_read_struct(&png, &info, NULL);
        return RGC_OK;
    }
    const size_t row_bytes = (size_t)width * (bits / 8);
    if (pixel_bytes < row_bytes * height) {
        png_destroy_read_struct(&png, &info, NULL);
        set_message(message, capacity, "pixel buffer too small");
        return RGC_BAD_ARGUMENT;
    }
    if (depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_strip_alpha(png);
    if (depth == 16) {
        const uint16_t probe = 1;
        if (*(const uint8_t *)&probe == 1) png_set_swap(png);
    }
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    rows = malloc(sizeof(png_bytep) * height);
    if (rows == NULL) png_error(png, "out of memory");
    for (uint32_t y = 0; y < height; ++y) rows[y] = (png_bytep)pixels + (size_t)y * row_bytes;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    return RGC_OK;
}

rgc_status rgc_png_info(const uint8_t *bytes, size_t count, rgc_info *info, char *message, size_t capacity) {
    return png_read(bytes, count, info, NULL, 0, message, capacity);
}

rgc_status rgc_png_decode(const uint8_t *bytes, size_t count, void *pixels, size_t pixel_bytes, char *message,
                          size_t capacity) {
    if (pixels == NULL) return RGC_BAD_ARGUMENT;
    return png_read(bytes, count, NULL, pixels, pixel_bytes, message, capacity);
}

// MARK: - TIFF

typedef struct {
    grow_buffer *write;
    memory_reader *read;
    char text[256];
} tiff_client;

static tmsize_t tiff_read_proc(thandle_t h, void *data, tmsize_t size) {
    tiff_client *c = (tiff_client *)h;
    if (c->read == NULL || size < 0) return -1;
    size_t left = c->read->count - c->read->position;
    size_t n = (size_t)size < left ? (size_t)size : left;
    memcpy(data, c->read->bytes + c->read->position, n);
    c->read->position += n;
    return (tmsize_t)n;
}

static tmsize_t tiff_write_proc(thandle_t h, void *data, tmsize_t size) {
    tiff_client *c = (tiff_client *)h;
    if (c->write == NULL || size < 0) return -1;
    if (!grow_write_at(c->write, c->write->position, data, (size_t)size)) return -1;
    c->write->position += (size_t)size;
    return size;
}

static toff_t tiff_seek_proc(thandle_t h, toff_t offset, int whence) {
    tiff_client *c = (tiff_client *)h;
    size_t base = 0, end = 0, *position = NULL;
    if (c->write) {
        position = &c->write->position;
        end = c->write->size;
    } else {
        position = &c->read->position;
        end = c->read->count;
    }
    if (whence == SEEK_CUR) base = *position;
    else if (whence == SEEK_END) base = end;
    size_t target = base + (size_t)offset;
    if (c->read && target > c->read->count) return (toff_t)-1;
    *position = target;
    return (toff_t)target;
}

static int tiff_close_proc(thandle_t h) {
    (void)h;
    return 0;
}

static toff_t tiff_size_proc(thandle_t h) {
    tiff_client *c = (tiff_client *)h;
    return (toff_t)(c->write ? c->write->size : c->read->count);
}

static int tiff_map_proc(thandle_t h, void **base, toff_t *size) {
    (void)h;
    (void)base;
    (void)size;
    return 0;
}

static void tiff_unmap_proc(thandle_t h, void *base, toff_t size) {
    (void)h;
    (void)base;
    (void)size;
}

static int tiff_error_handler(TIFF *tif, void *user, const char *module, const char *format, va_list args) {
    (void)tif;
    (void)module;
    tiff_client *c = (tiff_client *)user;
    if (c && c->text[0] == 0) vsnprintf(c->text, sizeof c->text, format, args);
    return 1;  // handled: libtiff's global handler (which prints) is not called
}

static int tiff_warning_handler(TIFF *tif, void *user, const char *module, const char *format, va_list args) {
    (void)tif;
    (void)user;
    (void)module;
    (void)format;
    (void)args;
    return 1;
}

static TIFF *tiff_open(tiff_client *client, const char *mode) {
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (options == NULL) return NULL;
    TIFFOpenOptionsSetErrorHandlerExtR(options, tiff_error_handler, client);
    TIFFOpenOptionsSetWarningHandlerExtR(options, tiff_warning_handler, client);
    TIFF *tif = TIFFClientOpenExt("memory", mode, (thandle_t)client, tiff_read_proc, tiff_write_proc, tiff_seek_proc,
                                  tiff_close_proc, tiff_size_proc, tiff_map_proc, tiff_unmap_proc, options);
    TIFFOpenOptionsFree(options);
    return tif;
}

rgc_status rgc_tiff_encode(const void *pixels, uint32_t width, uint32_t height, uint32_t bits, int compression,
                           double x_pixels_per_cm, double y_pixels_per_cm, uint8_t **out, size_t *out_size,
                           char *message, size_t capacity) {
    if (pixels == NULL || out == NULL || out_size == NULL || (bits != 8 && bits != 16)) {
        set_message(message, capacity, "bad arguments to the TIFF encoder");
        return RGC_BAD_ARGUMENT;
    }
    rgc_status size_status = check_size(width, height, message, capacity);
    if (size_status != RGC_OK) return size_status;
    grow_buffer buffer = {0};
    tiff_client client = {&buffer, NULL, {0}};
    TIFF *tif = tiff_open(&client, "w");
    if (tif == NULL) {
        free(buffer.data);
        set_message(message, capacity, client.text[0] ? client.text : "TIFFClientOpen failed");
        return RGC_FAILED;
    }
    const size_t row_bytes = (size_t)width * (bits / 8);
    uint32_t rows_per_strip = (uint32_t)(65536 / (row_bytes ? row_bytes : 1));
    if (rows_per_strip == 0) rows_per_strip = 1;
    int ok = TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, width) && TIFFSetField(tif, TIFFTAG_IMAGELENGTH, height) &&
             TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, (uint16_t)bits) &&
             TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, (uint16_t)1) &&
             TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, (uint16_t)SAMPLEFORMAT_UINT) &&
             TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, (uint16_t)PHOTOMETRIC_MINISBLACK) &&
             TIFFSetField(tif, TIFFTAG_PLANARCONFIG, (uint16_t)PLANARCONFIG_CONTIG) &&
             TIFFSetField(tif, TIFFTAG_COMPRESSION, (uint16_t)compression) &&
             TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, rows_per_strip) &&
             TIFFSetField(tif, TIFFTAG_SOFTWARE, "Radiograph");
    if (ok && compression != RGC_TIFF_NONE) ok = TIFFSetField(tif, TIFFTAG_PREDICTOR, (uint16_t)PREDICTOR_HORIZONTAL);
    if (ok && x_pixels_per_cm > 0 && y_pixels_per_cm > 0) {
        ok = TIFFSetField(tif, TIFFTAG_XRESOLUTION, x_pixels_per_cm) &&
             TIFFSetField(tif, TIFFTAG_YRESOLUTION, y_pixels_per_cm) &&
             TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, (uint16_t)RESUNIT_CENTIMETER);
    }
    // libtiff's predictor differences the row in place: give it a copy, never the caller's pixels.
    uint8_t *row = malloc(row_bytes);
    if (row == NULL) ok = 0;
    for (uint32_t y = 0; ok && y < height; ++y) {
        memcpy(row, (const uint8_t *)pixels + (size_t)y * row_bytes, row_bytes);
        ok = TIFFWriteScanline(tif, row, y, 0) == 1;
    }
    free(row);
    if (ok) ok = TIFFWriteDirectory(tif) == 1;
    TIFFClose(tif);
    if (!ok || buffer.failed) {
        free(buffer.data);
        set_message(message, capacity, client.text[0] ? client.text : "TIFF write failed");
        return RGC_FAILED;
    }
    *out = buffer.data;
    *out_size = buffer.size;
    return RGC_OK;
}

static rgc_status tiff_read(const uint8_t *bytes, size_t count, rgc_info *info_out, void *pixels, size_t pixel_bytes,
                            int *inverted, char *message, size_t capacity) {
    if (bytes == NULL || count < 8 || !((bytes[0] == 'I' && bytes[1] == 'I') || (bytes[0] == 'M' && bytes[1] == 'M'))) {
        set_message(message, capacity, "not a TIFF file (bad byte-order mark)");
        return RGC_FAILED;
    }
    memory_reader reader = {bytes, count, 0};
    tiff_client client = {NULL, &reader, {0}};
    TIFF *tif = tiff_open(&client, "rm");
    if (tif == NULL) {
        set_message(message, capacity, client.text[0] ? client.text : "TIFFClientOpen failed");
        return RGC_FAILED;
    }
    uint32_t width = 0, height = 0;
    uint16_t bits = 1, samples = 1, photometric = PHOTOMETRIC_MINISBLACK, planar = PLANARCONFIG_CONTIG, format = 1;
    TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height);
    TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &format);
    TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &planar);
    if (!TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric)) photometric = PHOTOMETRIC_MINISBLACK;
    rgc_status status = RGC_OK;
    char text[200];
    if (samples != 1 || (photometric != PHOTOMETRIC_MINISBLACK && photometric != PHOTOMETRIC_MINISWHITE)) {
        snprintf(text, sizeof text, "TIFF with %u samples per pixel, photometric %u is not supported (gray only)",
                 samples, photometric);
        status = RGC_UNSUPPORTED;
    } else if (bits != 8 && bits != 16) {
        snprintf(text, sizeof text, "TIFF with %u bits per sample is not supported (8 or 16)", bits);
        status = RGC_UNSUPPORTED;
    } else if (format != SAMPLEFORMAT_UINT) {
        snprintf(text, sizeof text, "TIFF sample format %u is not supported (unsigned integers only)", format);
        status = RGC_UNSUPPORTED;
    } else if (TIFFIsTiled(tif)) {
        snprintf(text, sizeof text, "tiled TIFF is not supported (strips only)");
        status = RGC_UNSUPPORTED;
    } else if (check_size(width, height, text, sizeof text) != RGC_OK) {
        status = RGC_FAILED;
    }
    if (status != RGC_OK) {
        TIFFClose(tif);
        set_message(message, capacity, text);
        return status;
    }
    if (info_out) {
        info_out->width = width;
        info_out->height = height;
        info_out->bits = bits;
        info_out->channels = 1;
    }
    if (inverted) *inverted = photometric == PHOTOMETRIC_MINISWHITE;
    if (pixels != NULL) {
        const size_t row_bytes = (size_t)width * (bits / 8);
        if (pixel_bytes < row_bytes * height || (size_t)TIFFScanlineSize(tif) != row_bytes) {
            TIFFClose(tif);
            set_message(message, capacity, "TIFF scanline size does not match the image");
            return RGC_FAILED;
        }
        for (uint32_t y = 0; y < height; ++y) {
            if (TIFFReadScanline(tif, (uint8_t *)pixels + (size_t)y * row_bytes, y, 0) != 1) {
                TIFFClose(tif);
                set_message(message, capacity, client.text[0] ? client.text : "TIFF read failed");
                return RGC_FAILED;
            }
        }
    }
    TIFFClose(tif);
    return RGC_OK;
}

rgc_status rgc_tiff_info(const uint8_t *bytes, size_t count, rgc_info *info, char *message, size_t capacity) {
    return tiff_read(bytes, count, info, NULL, 0, NULL, message, capacity);
}

rgc_status rgc_tiff_decode(const uint8_t *bytes, size_t count, void *pixels, size_t pixel_bytes, int *inverted,
                           char *message, size_t capacity) {
    if (pixels == NULL) return RGC_BAD_ARGUMENT;
    return tiff_read(bytes, count, NULL, pixels, pixel_bytes, inverted, message, capacity);
}

// MARK: - JPEG

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char text[JMSG_LENGTH_MAX];
} jpeg_error_state;

static void jpeg_error_exit(j_common_ptr info) {
    jpeg_error_state *state = (jpeg_error_state *)info->err;
    (*info->err->format_message)(info, state->text);
    longjmp(state->jump, 1);
}

static void jpeg_silent_message(j_common_ptr info) { (void)info; }

rgc_status rgc_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int quality, uint8_t **out,
                           size_t *out_size, char *message, size_t capacity) {
    if (pixels == NULL || out == NULL || out_size == NULL || quality < 1 || quality > 100) {
        set_message(message, capacity, "bad arguments to the JPEG encoder");
        return RGC_BAD_ARGUMENT;
    }
    if (width > 65500 || height > 65500) {
        set_message(message, capacity, "JPEG sides are limited to 65500 pixels");
        return RGC_BAD_ARGUMENT;
    }
    rgc_status size_status = check_size(width, height, message, capacity);
    if (size_status != RGC_OK) return size_status;
    struct jpeg_compress_struct cinfo;
    jpeg_error_state state;
    state.text[0] = 0;
    unsigned char *buffer = NULL;  // address escapes to libjpeg: kept in memory across longjmp
    unsigned long size = 0;
    cinfo.err = jpeg_std_error(&state.base);
    state.base.error_exit = jpeg_error_exit;
    state.base.output_message = jpeg_silent_message;
    if (setjmp(state.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(buffer);
        set_message(message, capacity, state.text);
        return RGC_FAILED;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &buffer, &size);
    cinfo.image_width = width;
    cinfo.image_height = height;
    cinfo.input_components = 1;
    cinfo.in_color_space = JCS_GRAYSCALE;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo.next_scanline * width);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *out = buffer;
    *out_size = size;
    return RGC_OK;
}

static rgc_status jpeg_read(const uint8_t *bytes, size_t count, rgc_info *info_out, uint8_t *pixels,
                            size_t pixel_bytes, char *message, size_t capacity) {
    if (bytes == NULL || count < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8) {
        set_message(message, capacity, "not a JPEG file (no SOI marker)");
        return RGC_FAILED;
    }
    struct jpeg_decompress_struct cinfo;
    jpeg_error_state state;
    state.text[0] = 0;
    cinfo.err = jpeg_std_error(&state.base);
    state.base.error_exit = jpeg_error_exit;
    state.base.output_message = jpeg_silent_message;
    if (setjmp(state.jump)) {
        jpeg_destroy_decompress(&cinfo);
        set_message(message, capacity, state.text);
        return RGC_FAILED;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, bytes, (unsigned long)count);
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.num_components != 1 || cinfo.jpeg_color_space != JCS_GRAYSCALE) {
        jpeg_destroy_decompress(&cinfo);
        set_message(message, capacity, "colour JPEG is not supported (gray only)");
        return RGC_UNSUPPORTED;
    }
    if (check_size(cinfo.image_width, cinfo.image_height, message, capacity) != RGC_OK) {
        jpeg_destroy_decompress(&cinfo);
        return RGC_FAILED;
    }
    if (info_out) {
        info_out->width = cinfo.image_width;
        info_out->height = cinfo.image_height;
        info_out->bits = 8;
        info_out->channels = 1;
    }
    if (pixels == NULL) {
        jpeg_destroy_decompress(&cinfo);
        return RGC_OK;
    }
    if (pixel_bytes < (size_t)cinfo.image_width * cinfo.image_height) {
        jpeg_destroy_decompress(&cinfo);
        set_message(message, capacity, "pixel buffer too small");
        return RGC_BAD_ARGUMENT;
    }
    cinfo.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&cinfo);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = pixels + (size_t)cinfo.output_scanline * cinfo.output_width;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    // A stream that ends early is padded by libjpeg with a warning: treat it as an error.
    if (state.base.num_warnings > 0) {
        char text[JMSG_LENGTH_MAX];
        (*cinfo.err->format_message)((j_common_ptr)&cinfo, text);
        jpeg_destroy_decompress(&cinfo);
        set_message(message, capacity, text);
        return RGC_FAILED;
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return RGC_OK;
}

rgc_status rgc_jpeg_info(const uint8_t *bytes, size_t count, rgc_info *info, char *message, size_t capacity) {
    return jpeg_read(bytes, count, info, NULL, 0, message, capacity);
}

rgc_status rgc_jpeg_decode(const uint8_t *bytes, size_t count, uint8_t *pixels, size_t pixel_bytes, char *message,
                           size_t capacity) {
    if (pixels == NULL) return RGC_BAD_ARGUMENT;
    return jpeg_read(bytes, count, NULL, pixels, pixel_bytes, message, capacity);
}
