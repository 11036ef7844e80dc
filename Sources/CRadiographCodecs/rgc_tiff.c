// TIFF through libtiff 4.5: TIFFClientOpenExt over memory, per-handle error handlers (nothing
// global, nothing printed), and the variadic TIFFSetField / TIFFGetField that Swift cannot call.
// libtiff reports errors by return value, so no setjmp is needed here.
#include "rgc_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tiffio.h>

/// The client handle libtiff passes back to the I/O callbacks and the error handler.
typedef struct {
    /// Exactly one of `write` and `read` is set.
    rgc_buffer *write;
    rgc_reader *read;
    /// libtiff's first error message.
    char text[256];
} tiff_client;

static tmsize_t read_proc(thandle_t handle, void *data, tmsize_t size) {
    tiff_client *client = (tiff_client *)handle;
    rgc_reader *reader = client->read;
    if (reader == NULL || size < 0) return -1;
    const size_t left = reader->count - reader->position;
    const size_t n = (size_t)size < left ? (size_t)size : left;
    memcpy(data, reader->bytes + reader->position, n);
    reader->position += n;
    return (tmsize_t)n;
}

static tmsize_t write_proc(thandle_t handle, void *data, tmsize_t size) {
    tiff_client *client = (tiff_client *)handle;
    rgc_buffer *buffer = client->write;
    if (buffer == NULL || size < 0) return -1;
    if (!rgc_buffer_write_at(buffer, buffer->position, data, (size_t)size)) return -1;
    buffer->position += (size_t)size;
    return size;
}

static toff_t seek_proc(thandle_t handle, toff_t offset, int whence) {
    tiff_client *client = (tiff_client *)handle;
    size_t *position = client->write ? &client->write->position : &client->read->position;
    const size_t end = client->write ? client->write->size : client->read->count;
    size_t base = 0;
    if (whence == SEEK_CUR) {
        base = *position;
    } else if (whence == SEEK_END) {
        base = end;
    } else if (whence != SEEK_SET) {
        return (toff_t)-1;
    }
    // toff_t is unsigned: a negative relative offset arrives wrapped, and wraps back here.
    const size_t target = base + (size_t)offset;
    if (client->read != NULL && target > end) return (toff_t)-1;
    *position = target;
    return (toff_t)target;
}

static int close_proc(thandle_t handle) {
    (void)handle;
    return 0;
}

static toff_t size_proc(thandle_t handle) {
    tiff_client *client = (tiff_client *)handle;
    return (toff_t)(client->write ? client->write->size : client->read->count);
}

static int map_proc(thandle_t handle, void **base, toff_t *size) {
    (void)handle;
    (void)base;
    (void)size;
    return 0;  // no mapping: libtiff reads through read_proc
}

static void unmap_proc(thandle_t handle, void *base, toff_t size) {
    (void)handle;
    (void)base;
    (void)size;
}

static int error_handler(TIFF *tif, void *user, const char *module, const char *format, va_list args) {
    (void)tif;
    tiff_client *client = (tiff_client *)user;
    if (client != NULL && client->text[0] == 0) {
        size_t used = 0;
        if (module != NULL && module[0] != 0) {
            const int n = snprintf(client->text, sizeof client->text, "%s: ", module);
            used = n < 0 ? 0 : (size_t)n < sizeof client->text ? (size_t)n : sizeof client->text - 1;
        }
        vsnprintf(client->text + used, sizeof client->text - used, format, args);
    }
    return 1;  // handled: libtiff's global handler (which prints to stderr) is not called
}

static int warning_handler(TIFF *tif, void *user, const char *module, const char *format, va_list args) {
    (void)tif;
    (void)user;
    (void)module;
    (void)format;
    (void)args;
    return 1;  // swallowed
}

static TIFF *open_client(tiff_client *client, const char *mode) {
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (options == NULL) return NULL;
    TIFFOpenOptionsSetErrorHandlerExtR(options, error_handler, client);
    TIFFOpenOptionsSetWarningHandlerExtR(options, warning_handler, client);
    // No single allocation larger than the biggest image we accept (plus room for directories).
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, (tmsize_t)RGC_MAX_PIXELS * 2 + 1024 * 1024);
    TIFF *tif = TIFFClientOpenExt("memory", mode, (thandle_t)client, read_proc, write_proc, seek_proc, close_proc,
                                  size_proc, map_proc, unmap_proc, options);
    TIFFOpenOptionsFree(options);
    return tif;
}

static const char *client_text(const tiff_client *client, const char *fallback) {
    return client->text[0] ? client->text : fallback;
}

// MARK: - Encoding

/// Sets every tag of the image; 1 on success.
static int set_tags(TIFF *tif, uint32_t width, uint32_t height, uint32_t bits, uint32_t samples,
                    const rgc_tiff_options *options, uint32_t rows_per_strip) {
    int ok = TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, width) && TIFFSetField(tif, TIFFTAG_IMAGELENGTH, height) &&
             TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, (int)bits) &&
             TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, (int)samples) &&
             TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_UINT) &&
             TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, samples == 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK) &&
             TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG) &&
             TIFFSetField(tif, TIFFTAG_COMPRESSION, (int)options->compression) &&
             TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, rows_per_strip) &&
             TIFFSetField(tif, TIFFTAG_SOFTWARE, "Radiograph");
    if (ok && options->compression != RGC_TIFF_NONE) {
        ok = TIFFSetField(tif, TIFFTAG_PREDICTOR, PREDICTOR_HORIZONTAL);
    }
    if (ok && options->compression == RGC_TIFF_DEFLATE && options->deflate_level > 0) {
        ok = TIFFSetField(tif, TIFFTAG_ZIPQUALITY, (int)options->deflate_level);
    }
    if (ok && options->x_pixels_per_cm > 0 && options->y_pixels_per_cm > 0) {
        // Rational tags take a double through the varargs (libtiff stores them as float).
        ok = TIFFSetField(tif, TIFFTAG_XRESOLUTION, options->x_pixels_per_cm) &&
             TIFFSetField(tif, TIFFTAG_YRESOLUTION, options->y_pixels_per_cm) &&
             TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_CENTIMETER);
    }
    return ok;
}

static rgc_status encode(const void *pixels, uint32_t width, uint32_t height, uint32_t bits, uint32_t samples,
                         const rgc_tiff_options *options, uint8_t **out, size_t *out_size, char *message,
                         size_t capacity) {
    rgc_status status = rgc_check_encode_arguments(pixels, width, height, bits, out, out_size, "TIFF", message,
                                                   capacity);
    if (status != RGC_OK) return status;
    if (options == NULL ||
        (options->compression != RGC_TIFF_NONE && options->compression != RGC_TIFF_LZW &&
         options->compression != RGC_TIFF_DEFLATE) ||
        options->deflate_level < 0 || options->deflate_level > 9 || !(options->x_pixels_per_cm >= 0) ||
        !(options->y_pixels_per_cm >= 0)) {
        rgc_set_message(message, capacity,
                        "TIFF encoder: bad options (compression 1, 5 or 8; deflate level 0...9; resolution >= 0)");
        return RGC_BAD_ARGUMENT;
    }
    if (!TIFFIsCODECConfigured((uint16_t)options->compression)) {
        rgc_set_message(message, capacity, "libtiff was built without compression scheme %d", options->compression);
        return RGC_UNSUPPORTED;
    }
    const size_t row_bytes = (size_t)width * samples * (bits / 8);
    uint32_t rows_per_strip = options->rows_per_strip;
    if (rows_per_strip == 0) {
        const size_t rows = (64 * 1024) / row_bytes;
        rows_per_strip = rows == 0 ? 1 : (uint32_t)(rows < height ? rows : height);
    }
    if (rows_per_strip > height) rows_per_strip = height;

    rgc_buffer buffer;
    memset(&buffer, 0, sizeof buffer);
    tiff_client client = {&buffer, NULL, {0}};
    TIFF *tif = open_client(&client, "w");
    if (tif == NULL) {
        free(buffer.data);
        rgc_set_message(message, capacity, "libtiff: %s", client_text(&client, "TIFFClientOpenExt failed"));
        return RGC_FAILED;
    }
    int ok = set_tags(tif, width, height, bits, samples, options, rows_per_strip);
    // libtiff's predictor differences the row in place: hand it a copy, never the caller's pixels.
    uint8_t *row = ok ? malloc(row_bytes) : NULL;
    if (row == NULL && client.text[0] == 0) snprintf(client.text, sizeof client.text, "out of memory");
    ok = ok && row != NULL;
    for (uint32_t y = 0; ok && y < height; ++y) {
        memcpy(row, (const uint8_t *)pixels + (size_t)y * row_bytes, row_bytes);
        ok = TIFFWriteScanline(tif, row, y, 0) == 1;
    }
    free(row);
    if (ok) ok = TIFFWriteDirectory(tif) == 1;
    TIFFClose(tif);
    if (!ok || buffer.failed) {
        free(buffer.data);
        rgc_set_message(message, capacity, "libtiff: %s",
                        client_text(&client, buffer.failed ? "out of memory" : "TIFF write failed"));
        return RGC_FAILED;
    }
    rgc_buffer_take(&buffer, out, out_size);
    return RGC_OK;
}

rgc_status rgc_tiff_encode(const void *pixels, uint32_t width, uint32_t height, uint32_t bits,
                           const rgc_tiff_options *options, uint8_t **out, size_t *out_size, char *message,
                           size_t capacity) {
    return encode(pixels, width, height, bits, 1, options, out, out_size, message, capacity);
}

rgc_status rgc_tiff_encode_rgb(const uint8_t *pixels, uint32_t width, uint32_t height,
                               const rgc_tiff_options *options, uint8_t **out, size_t *out_size, char *message,
                               size_t capacity) {
    return encode(pixels, width, height, 8, 3, options, out, out_size, message, capacity);
}

// MARK: - Decoding

/// Reads the first directory into `info` and checks that Radiograph can decode it.
static rgc_status read_header(TIFF *tif, rgc_info *info, char *text, size_t capacity) {
    uint32_t width = 0, height = 0;
    uint16_t bits = 1, samples = 1, format = SAMPLEFORMAT_UINT, photometric = PHOTOMETRIC_MINISBLACK, unit = 0;
    float x_resolution = 0, y_resolution = 0;
    TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height);
    TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &format);
    TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric);  // absent (against the spec): taken as MINISBLACK
    if (TIFFGetField(tif, TIFFTAG_XRESOLUTION, &x_resolution) &&
        TIFFGetField(tif, TIFFTAG_YRESOLUTION, &y_resolution)) {
        TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &unit);
        info->resolution_unit = unit;
        info->x_resolution = x_resolution;
        info->y_resolution = y_resolution;
    }
    info->width = width;
    info->height = height;
    info->bits = bits == 16 ? 16 : 8;
    info->stored_bits = bits;
    info->min_is_white = photometric == PHOTOMETRIC_MINISWHITE;

    if (samples != 1) {
        snprintf(text, capacity, "TIFF with %u samples per pixel is not supported: gray only", samples);
        return RGC_UNSUPPORTED;
    }
    if (photometric != PHOTOMETRIC_MINISBLACK && photometric != PHOTOMETRIC_MINISWHITE) {
        snprintf(text, capacity, "TIFF photometric interpretation %u is not supported: gray only (0 or 1)",
                 photometric);
        return RGC_UNSUPPORTED;
    }
    if (bits != 8 && bits != 16) {
        snprintf(text, capacity, "TIFF with %u bits per sample is not supported: 8 or 16", bits);
        return RGC_UNSUPPORTED;
    }
    if (format != SAMPLEFORMAT_UINT) {
        snprintf(text, capacity, "TIFF sample format %u is not supported: unsigned integers only", format);
        return RGC_UNSUPPORTED;
    }
    if (TIFFIsTiled(tif)) {
        snprintf(text, capacity, "tiled TIFF is not supported: strips only");
        return RGC_UNSUPPORTED;
    }
    uint16_t compression = COMPRESSION_NONE;
    TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &compression);
    if (!TIFFIsCODECConfigured(compression)) {
        snprintf(text, capacity, "TIFF compression scheme %u is not supported by this libtiff", compression);
        return RGC_UNSUPPORTED;
    }
    return rgc_check_size(width, height, "TIFF image", text, capacity);
}

/// Reads every strip straight into `pixels` (exactly the image's size, checked by the caller).
static int read_strips(TIFF *tif, const rgc_info *info, uint8_t *pixels, char *text, size_t capacity) {
    const size_t row_bytes = (size_t)info->width * (info->bits / 8);
    if ((uint64_t)TIFFScanlineSize64(tif) != row_bytes) {
        snprintf(text, capacity, "TIFF scanline size %llu does not match %zu bytes per row",
                 (unsigned long long)TIFFScanlineSize64(tif), row_bytes);
        return 0;
    }
    uint32_t rows_per_strip = info->height;
    TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &rows_per_strip);
    if (rows_per_strip == 0 || rows_per_strip > info->height) rows_per_strip = info->height;
    const uint32_t strips = (info->height + rows_per_strip - 1) / rows_per_strip;
    if (TIFFNumberOfStrips(tif) < strips) {
        snprintf(text, capacity, "TIFF has %u strips, %u expected", TIFFNumberOfStrips(tif), strips);
        return 0;
    }
    for (uint32_t strip = 0; strip < strips; ++strip) {
        const uint32_t first_row = strip * rows_per_strip;
        const uint32_t rows = info->height - first_row < rows_per_strip ? info->height - first_row : rows_per_strip;
        const tmsize_t expected = (tmsize_t)((size_t)rows * row_bytes);
        const tmsize_t got = TIFFReadEncodedStrip(tif, strip, pixels + (size_t)first_row * row_bytes, expected);
        if (got != expected) {
            snprintf(text, capacity, "TIFF strip %u: %lld of %lld bytes (truncated or corrupt)", strip,
                     (long long)got, (long long)expected);
            return 0;
        }
    }
    return 1;
}

/// Inverts MINISWHITE samples so that 0 is black, as in every other image Radiograph handles.
static void invert(uint8_t *pixels, const rgc_info *info) {
    const size_t count = (size_t)info->width * info->height;
    if (info->bits == 16) {
        uint16_t *values = (uint16_t *)pixels;
        for (size_t i = 0; i < count; ++i) values[i] = (uint16_t)~values[i];
    } else {
        for (size_t i = 0; i < count; ++i) pixels[i] = (uint8_t)~pixels[i];
    }
}

static rgc_status tiff_read(const uint8_t *bytes, size_t count, rgc_info *info, uint8_t *pixels, size_t pixel_bytes,
                            char *message, size_t capacity) {
    if (bytes == NULL || count == 0) {
        rgc_set_message(message, capacity, "empty input: not a TIFF file");
        return RGC_FAILED;
    }
    if (count < 8 || !((bytes[0] == 'I' && bytes[1] == 'I') || (bytes[0] == 'M' && bytes[1] == 'M'))) {
        rgc_set_message(message, capacity, "not a TIFF file (bad byte-order mark)");
        return RGC_FAILED;
    }
    rgc_reader reader = {bytes, count, 0};
    tiff_client client = {NULL, &reader, {0}};
    TIFF *tif = open_client(&client, "rm");  // m: never memory-map
    if (tif == NULL) {
        rgc_set_message(message, capacity, "libtiff: %s", client_text(&client, "TIFFClientOpenExt failed"));
        return RGC_FAILED;
    }
    char text[RGC_MESSAGE_CAPACITY] = {0};
    rgc_status status = read_header(tif, info, text, sizeof text);
    if (status == RGC_OK && pixels != NULL) {
        status = rgc_check_pixel_buffer(pixels, pixel_bytes, info, text, sizeof text);
        if (status == RGC_OK) {
            if (read_strips(tif, info, pixels, text, sizeof text)) {
                if (info->min_is_white) invert(pixels, info);
            } else {
                status = RGC_FAILED;
            }
        }
    }
    TIFFClose(tif);
    if (status != RGC_OK) {
        // libtiff's own message, when there is one, says more than ours about a failed read.
        if (status == RGC_FAILED && client.text[0] != 0) {
            rgc_set_message(message, capacity, "libtiff: %s", client.text);
        } else {
            rgc_set_message(message, capacity, "%s", text[0] ? text : "TIFF read failed");
        }
    }
    return status;
}

rgc_status rgc_tiff_info(const uint8_t *bytes, size_t count, rgc_info *info, char *message, size_t capacity) {
    rgc_info scratch;
    rgc_info *target = info != NULL ? info : &scratch;
    memset(target, 0, sizeof *target);
    return tiff_read(bytes, count, target, NULL, 0, message, capacity);
}

rgc_status rgc_tiff_decode(const uint8_t *bytes, size_t count, void *pixels, size_t pixel_bytes, char *message,
                           size_t capacity) {
    if (pixels == NULL) {
        rgc_set_message(message, capacity, "TIFF decoder: null pixel buffer");
        return RGC_BAD_ARGUMENT;
    }
    rgc_info info;
    memset(&info, 0, sizeof info);
    return tiff_read(bytes, count, &info, pixels, pixel_bytes, message, capacity);
}
