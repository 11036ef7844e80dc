// PNG through libpng 1.6's low-level API, with setjmp/longjmp error handling.
//
// Every libpng call that can fail runs inside one "guarded" function per job that calls setjmp and
// keeps all state in the job struct, which lives in the caller's frame: nothing the guarded
// function changes after setjmp is a local of that function, so nothing is indeterminate after
// the longjmp (C11 7.13.2.1).
#include "rgc_internal.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

/// libpng's error callback target: the message and where to jump.
typedef struct {
    jmp_buf jump;
    char text[256];
} png_error_state;

static void error_handler(png_structp png, png_const_charp text) {
    png_error_state *state = (png_error_state *)png_get_error_ptr(png);
    snprintf(state->text, sizeof state->text, "%s", text ? text : "libpng error");
    longjmp(state->jump, 1);
}

static void warning_handler(png_structp png, png_const_charp text) {
    // Warnings (a bad ancillary chunk CRC, say) are not errors, and libpng must not print them.
    (void)png;
    (void)text;
}

// MARK: - Encoding

typedef struct {
    png_error_state error;
    png_structp png;
    png_infop info;
    rgc_buffer buffer;
    const uint8_t *pixels;
    uint32_t width;
    uint32_t height;
    uint32_t bits;
    /// 1 (gray) or 3 (RGB, interleaved).
    uint32_t samples;
    rgc_png_options options;
} png_write_job;

static void write_to_buffer(png_structp png, png_bytep data, size_t length) {
    png_write_job *job = (png_write_job *)png_get_io_ptr(png);
    if (!rgc_buffer_write_at(&job->buffer, job->buffer.size, data, length)) png_error(png, "out of memory");
}

static void flush_nothing(png_structp png) { (void)png; }

/// All libpng write calls. Returns 1 on success, 0 after a longjmp (job->error.text says why).
static int write_guarded(png_write_job *job) {
    if (setjmp(job->error.jump)) return 0;
    png_structp png = job->png;
    png_set_write_fn(png, job, write_to_buffer, flush_nothing);
    png_set_compression_level(png, job->options.level);
    png_set_compression_strategy(png, job->options.strategy);
    // Larger deflate buffers mean fewer, larger IDAT chunks (8 KiB by default).
    png_set_compression_buffer_size(png, 64 * 1024);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, job->options.filters);
    png_set_IHDR(png, job->info, job->width, job->height, (int)job->bits,
                 job->samples == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, job->info);
    // PNG stores 16-bit samples big-endian; png_set_swap must come after png_write_info.
    if (job->bits == 16 && rgc_host_is_little_endian()) png_set_swap(png);
    const size_t row_bytes = (size_t)job->width * job->samples * (job->bits / 8);
    for (uint32_t y = 0; y < job->height; ++y) {
        png_write_row(png, job->pixels + (size_t)y * row_bytes);  // libpng filters a copy of the row
    }
    png_write_end(png, NULL);
    return 1;
}

static rgc_status encode(const void *pixels, uint32_t width, uint32_t height, uint32_t bits, uint32_t samples,
                         const rgc_png_options *options, uint8_t **out, size_t *out_size, char *message,
                         size_t capacity) {
    rgc_status status =
        rgc_check_encode_arguments(pixels, width, height, bits, out, out_size, "PNG", message, capacity);
    if (status != RGC_OK) return status;
    if (options == NULL || options->level < 0 || options->level > 9 ||
        (options->filters & RGC_PNG_FILTER_ALL) == 0 || (options->filters & ~RGC_PNG_FILTER_ALL) != 0 ||
        options->strategy < 0 || options->strategy > 3) {
        rgc_set_message(message, capacity,
                        "PNG encoder: bad options (level 0...9, at least one filter, strategy 0...3)");
        return RGC_BAD_ARGUMENT;
    }
    png_write_job job;
    memset(&job, 0, sizeof job);
    job.pixels = pixels;
    job.width = width;
    job.height = height;
    job.bits = bits;
    job.samples = samples;
    job.options = *options;
    job.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &job.error, error_handler, warning_handler);
    if (job.png != NULL) job.info = png_create_info_struct(job.png);
    if (job.png == NULL || job.info == NULL) {
        png_destroy_write_struct(job.png ? &job.png : NULL, NULL);
        rgc_set_message(message, capacity, "PNG encoder: out of memory (png_create_write_struct)");
        return RGC_FAILED;
    }
    const int ok = write_guarded(&job);
    png_destroy_write_struct(&job.png, &job.info);
    if (!ok) {
        free(job.buffer.data);
        rgc_set_message(message, capacity, "libpng: %s", job.error.text);
        return RGC_FAILED;
    }
    rgc_buffer_take(&job.buffer, out, out_size);
    return RGC_OK;
}

rgc_status rgc_png_encode(const void *pixels, uint32_t width, uint32_t height, uint32_t bits,
                          const rgc_png_options *options, uint8_t **out, size_t *out_size, char *message,
                          size_t capacity) {
    return encode(pixels, width, height, bits, 1, options, out, out_size, message, capacity);
}

rgc_status rgc_png_encode_rgb(const uint8_t *pixels, uint32_t width, uint32_t height, const rgc_png_options *options,
                              uint8_t **out, size_t *out_size, char *message, size_t capacity) {
    return encode(pixels, width, height, 8, 3, options, out, out_size, message, capacity);
}

// MARK: - Decoding

typedef struct {
    png_error_state error;
    png_structp png;
    png_infop info;
    rgc_reader reader;
    /// Null for a header-only read.
    uint8_t *pixels;
    size_t pixel_bytes;
    rgc_info header;
    /// The outcome when the guarded function returns normally.
    rgc_status status;
    char text[RGC_MESSAGE_CAPACITY];
} png_read_job;

static void read_from_memory(png_structp png, png_bytep data, size_t length) {
    png_read_job *job = (png_read_job *)png_get_io_ptr(png);
    rgc_reader *reader = &job->reader;
    if (length > reader->count - reader->position) png_error(png, "truncated PNG data");
    memcpy(data, reader->bytes + reader->position, length);
    reader->position += length;
}

/// All libpng read calls. Returns 1 when job->status holds the outcome, 0 after a longjmp.
static int read_guarded(png_read_job *job) {
    if (setjmp(job->error.jump)) return 0;
    png_structp png = job->png;
    png_infop info = job->info;
    png_set_read_fn(png, job, read_from_memory);
    // Accept any size the PNG specification allows in IHDR: rgc_check_size below gives the one,
    // consistent refusal. Nothing proportional to the image is allocated before png_read_update_info.
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
    png_read_info(png, info);

    png_uint_32 width = 0, height = 0;
    int depth = 0, color = 0, interlace = 0;
    png_get_IHDR(png, info, &width, &height, &depth, &color, &interlace, NULL, NULL);
    job->header.width = width;
    job->header.height = height;
    job->header.stored_bits = (uint32_t)depth;
    job->header.bits = depth == 16 ? 16 : 8;
    if (color != PNG_COLOR_TYPE_GRAY) {
        const char *kind = color == PNG_COLOR_TYPE_GRAY_ALPHA ? "gray with alpha"
                           : color == PNG_COLOR_TYPE_PALETTE  ? "palette (indexed colour)"
                           : color == PNG_COLOR_TYPE_RGB      ? "RGB colour"
                           : color == PNG_COLOR_TYPE_RGBA     ? "RGBA colour"
                                                              : "unknown colour type";
        rgc_set_message(job->text, sizeof job->text, "PNG colour type %d (%s) is not supported: gray only", color,
                        kind);
        job->status = RGC_UNSUPPORTED;
        return 1;
    }
    job->status = rgc_check_size(width, height, "PNG image", job->text, sizeof job->text);
    if (job->status != RGC_OK || job->pixels == NULL) return 1;
    job->status = rgc_check_pixel_buffer(job->pixels, job->pixel_bytes, &job->header, job->text, sizeof job->text);
    if (job->status != RGC_OK) return 1;

    if (depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (depth == 16 && rgc_host_is_little_endian()) png_set_swap(png);
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    const size_t row_bytes = (size_t)width * (job->header.bits / 8);
    if (png_get_rowbytes(png, info) != row_bytes) png_error(png, "unexpected row size after transformations");
    // Adam7 images are read pass by pass into the same rows, as png_read_image does.
    for (int pass = 0; pass < passes; ++pass) {
        for (png_uint_32 y = 0; y < height; ++y) png_read_row(png, job->pixels + (size_t)y * row_bytes, NULL);
    }
    png_read_end(png, NULL);  // reads to IEND: checks the trailing CRCs and that nothing is cut off
    return 1;
}

static rgc_status png_read(const uint8_t *bytes, size_t count, rgc_info *info_out, void *pixels, size_t pixel_bytes,
                           char *message, size_t capacity) {
    if (bytes == NULL || count == 0) {
        rgc_set_message(message, capacity, "empty input: not a PNG file");
        return RGC_FAILED;
    }
    if (count < 8 || png_sig_cmp(bytes, 0, 8) != 0) {
        rgc_set_message(message, capacity, "not a PNG file (bad signature)");
        return RGC_FAILED;
    }
    png_read_job job;
    memset(&job, 0, sizeof job);
    job.reader = (rgc_reader){bytes, count, 0};
    job.pixels = pixels;
    job.pixel_bytes = pixel_bytes;
    job.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &job.error, error_handler, warning_handler);
    if (job.png != NULL) job.info = png_create_info_struct(job.png);
    if (job.png == NULL || job.info == NULL) {
        png_destroy_read_struct(job.png ? &job.png : NULL, NULL, NULL);
        rgc_set_message(message, capacity, "PNG decoder: out of memory (png_create_read_struct)");
        return RGC_FAILED;
    }
    const int finished = read_guarded(&job);
    png_destroy_read_struct(&job.png, &job.info, NULL);
    if (info_out != NULL) *info_out = job.header;
    if (!finished) {
        rgc_set_message(message, capacity, "libpng: %s", job.error.text);
        return RGC_FAILED;
    }
    if (job.status != RGC_OK) rgc_set_message(message, capacity, "%s", job.text);
    return job.status;
}

rgc_status rgc_png_info(const uint8_t *bytes, size_t count, rgc_info *info, char *message, size_t capacity) {
    if (info != NULL) memset(info, 0, sizeof *info);
    return png_read(bytes, count, info, NULL, 0, message, capacity);
}

rgc_status rgc_png_decode(const uint8_t *bytes, size_t count, void *pixels, size_t pixel_bytes, char *message,
                          size_t capacity) {
    if (pixels == NULL) {
        rgc_set_message(message, capacity, "PNG decoder: null pixel buffer");
        return RGC_BAD_ARGUMENT;
    }
    return png_read(bytes, count, NULL, pixels, pixel_bytes, message, capacity);
}
