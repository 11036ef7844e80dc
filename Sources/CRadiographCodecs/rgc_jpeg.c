// JPEG through libjpeg-turbo (8-bit samples), with a setjmp error manager that keeps libjpeg's
// message instead of printing it and exit()ing (libjpeg's default error_exit).
//
// As in rgc_png.c, the libjpeg calls run inside a guarded function whose state all lives in a job
// struct in the caller's frame, so nothing is indeterminate after the longjmp.
#include "rgc_internal.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

/// libjpeg's error manager, extended with where to jump and what went wrong.
typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char text[JMSG_LENGTH_MAX];
} jpeg_error_state;

static void error_exit(j_common_ptr cinfo) {
    jpeg_error_state *state = (jpeg_error_state *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, state->text);
    longjmp(state->jump, 1);
}

static void output_nothing(j_common_ptr cinfo) {
    (void)cinfo;  // warnings and trace messages are counted (num_warnings), never printed
}

static void install_error_manager(jpeg_error_state *state) {
    jpeg_std_error(&state->base);
    state->base.error_exit = error_exit;
    state->base.output_message = output_nothing;
    state->text[0] = 0;
}

/// The status for libjpeg's fatal error: RGC_UNSUPPORTED for valid JPEGs this libjpeg cannot
/// decode (12-bit, lossless), RGC_TOO_LARGE for sides above its 65500-pixel limit, else RGC_FAILED.
static rgc_status status_for_error(const jpeg_error_state *state) {
    switch (state->base.msg_code) {
    case JERR_BAD_PRECISION:
    case JERR_SOF_UNSUPPORTED:
        return RGC_UNSUPPORTED;
    case JERR_IMAGE_TOO_BIG:
        return RGC_TOO_LARGE;
    default:
        return RGC_FAILED;
    }
}

// MARK: - Encoding

typedef struct {
    jpeg_error_state error;
    struct jpeg_compress_struct cinfo;
    /// jpeg_mem_dest's buffer (malloc'd by libjpeg-turbo) and its length.
    unsigned char *output;
    unsigned long output_size;
    const uint8_t *pixels;
    uint32_t width;
    uint32_t height;
    /// 1 (gray) or 3 (RGB, interleaved).
    uint32_t samples;
    int quality;
} jpeg_write_job;

/// All libjpeg compression calls. Returns 1 on success, 0 after a longjmp.
static int write_guarded(jpeg_write_job *job) {
    if (setjmp(job->error.jump)) return 0;
    struct jpeg_compress_struct *cinfo = &job->cinfo;
    jpeg_create_compress(cinfo);
    jpeg_mem_dest(cinfo, &job->output, &job->output_size);
    cinfo->image_width = job->width;
    cinfo->image_height = job->height;
    cinfo->input_components = (int)job->samples;
    cinfo->in_color_space = job->samples == 3 ? JCS_RGB : JCS_GRAYSCALE;
    jpeg_set_defaults(cinfo);
    jpeg_set_quality(cinfo, job->quality, TRUE);
    jpeg_start_compress(cinfo, TRUE);
    while (cinfo->next_scanline < cinfo->image_height) {
        // libjpeg reads the rows and never writes them, despite JSAMPROW's missing const.
        JSAMPROW row = (JSAMPROW)(job->pixels + (size_t)cinfo->next_scanline * job->width * job->samples);
        jpeg_write_scanlines(cinfo, &row, 1);
    }
    jpeg_finish_compress(cinfo);
    return 1;
}

static rgc_status encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t samples, int32_t quality,
                         uint8_t **out, size_t *out_size, char *message, size_t capacity) {
    rgc_status status = rgc_check_encode_arguments(pixels, width, height, 8, out, out_size, "JPEG", message, capacity);
    if (status != RGC_OK) return status;
    if (quality < 1 || quality > 100) {
        rgc_set_message(message, capacity, "JPEG encoder: quality %d is outside 1...100", quality);
        return RGC_BAD_ARGUMENT;
    }
    if (width > JPEG_MAX_DIMENSION || height > JPEG_MAX_DIMENSION) {
        rgc_set_message(message, capacity, "JPEG image size %ux%u exceeds libjpeg's limit of %u pixels per side",
                        width, height, (unsigned)JPEG_MAX_DIMENSION);
        return RGC_TOO_LARGE;
    }
    jpeg_write_job job;
    memset(&job, 0, sizeof job);  // a zeroed cinfo is safe to destroy even if creation failed
    job.pixels = pixels;
    job.width = width;
    job.height = height;
    job.samples = samples;
    job.quality = quality;
    install_error_manager(&job.error);
    job.cinfo.err = &job.error.base;
    const int ok = write_guarded(&job);
    jpeg_destroy_compress(&job.cinfo);
    if (!ok) {
        free(job.output);
        rgc_set_message(message, capacity, "libjpeg: %s", job.error.text);
        return RGC_FAILED;
    }
    *out = job.output;
    *out_size = job.output_size;
    return RGC_OK;
}

rgc_status rgc_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, int32_t quality, uint8_t **out,
                           size_t *out_size, char *message, size_t capacity) {
    return encode(pixels, width, height, 1, quality, out, out_size, message, capacity);
}

rgc_status rgc_jpeg_encode_rgb(const uint8_t *pixels, uint32_t width, uint32_t height, int32_t quality,
                               uint8_t **out, size_t *out_size, char *message, size_t capacity) {
    return encode(pixels, width, height, 3, quality, out, out_size, message, capacity);
}

// MARK: - Decoding

typedef struct {
    jpeg_error_state error;
    struct jpeg_decompress_struct cinfo;
    const uint8_t *bytes;
    size_t count;
    /// Null for a header-only read.
    uint8_t *pixels;
    size_t pixel_bytes;
    rgc_info header;
    /// The outcome when the guarded function returns normally.
    rgc_status status;
    char text[RGC_MESSAGE_CAPACITY];
} jpeg_read_job;

/// All libjpeg decompression calls. Returns 1 when job->status holds the outcome, 0 after a longjmp.
static int read_guarded(jpeg_read_job *job) {
    if (setjmp(job->error.jump)) return 0;
    struct jpeg_decompress_struct *cinfo = &job->cinfo;
    jpeg_create_decompress(cinfo);
    jpeg_mem_src(cinfo, job->bytes, (unsigned long)job->count);
    jpeg_read_header(cinfo, TRUE);
    job->header.width = cinfo->image_width;
    job->header.height = cinfo->image_height;
    job->header.bits = 8;
    job->header.stored_bits = (uint32_t)cinfo->data_precision;
    if (cinfo->num_components != 1 || cinfo->jpeg_color_space != JCS_GRAYSCALE) {
        rgc_set_message(job->text, sizeof job->text, "JPEG with %d components is not supported: gray only",
                        cinfo->num_components);
        job->status = RGC_UNSUPPORTED;
        return 1;
    }
    job->status = rgc_check_size(cinfo->image_width, cinfo->image_height, "JPEG image", job->text, sizeof job->text);
    if (job->status != RGC_OK || job->pixels == NULL) return 1;
    job->status = rgc_check_pixel_buffer(job->pixels, job->pixel_bytes, &job->header, job->text, sizeof job->text);
    if (job->status != RGC_OK) return 1;

    cinfo->out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(cinfo);
    if (cinfo->output_width != cinfo->image_width || cinfo->output_components != 1) {
        rgc_set_message(job->text, sizeof job->text, "unexpected JPEG output geometry");
        job->status = RGC_FAILED;
        return 1;
    }
    while (cinfo->output_scanline < cinfo->output_height) {
        JSAMPROW row = job->pixels + (size_t)cinfo->output_scanline * cinfo->output_width;
        jpeg_read_scanlines(cinfo, &row, 1);
    }
    // A stream that ends early is padded by libjpeg with gray and only warned about (as is corrupt
    // entropy-coded data): for a radiograph that is an error.
    if (cinfo->err->num_warnings > 0) {
        char text[JMSG_LENGTH_MAX];
        (*cinfo->err->format_message)((j_common_ptr)cinfo, text);
        rgc_set_message(job->text, sizeof job->text, "libjpeg: %s", text);
        job->status = RGC_FAILED;
        return 1;
    }
    jpeg_finish_decompress(cinfo);
    return 1;
}

static rgc_status jpeg_read(const uint8_t *bytes, size_t count, rgc_info *info_out, uint8_t *pixels,
                            size_t pixel_bytes, char *message, size_t capacity) {
    if (bytes == NULL || count == 0) {
        rgc_set_message(message, capacity, "empty input: not a JPEG file");
        return RGC_FAILED;
    }
    if (count < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8) {
        rgc_set_message(message, capacity, "not a JPEG file (no SOI marker)");
        return RGC_FAILED;
    }
    jpeg_read_job job;
    memset(&job, 0, sizeof job);
    job.bytes = bytes;
    job.count = count;
    job.pixels = pixels;
    job.pixel_bytes = pixel_bytes;
    install_error_manager(&job.error);
    job.cinfo.err = &job.error.base;
    const int finished = read_guarded(&job);
    const rgc_status error_status = finished ? RGC_OK : status_for_error(&job.error);
    if (error_status == RGC_TOO_LARGE) {
        // libjpeg refused the size while reading the header: SOF's width and height are known.
        job.header.width = job.cinfo.image_width;
        job.header.height = job.cinfo.image_height;
    }
    jpeg_destroy_decompress(&job.cinfo);
    if (info_out != NULL) *info_out = job.header;
    if (!finished) {
        rgc_set_message(message, capacity, "libjpeg: %s", job.error.text);
        return error_status;
    }
    if (job.status != RGC_OK) rgc_set_message(message, capacity, "%s", job.text);
    return job.status;
}

rgc_status rgc_jpeg_info(const uint8_t *bytes, size_t count, rgc_info *info, char *message, size_t capacity) {
    if (info != NULL) memset(info, 0, sizeof *info);
    return jpeg_read(bytes, count, info, NULL, 0, message, capacity);
}

rgc_status rgc_jpeg_decode(const uint8_t *bytes, size_t count, uint8_t *pixels, size_t pixel_bytes, char *message,
                           size_t capacity) {
    if (pixels == NULL) {
        rgc_set_message(message, capacity, "JPEG decoder: null pixel buffer");
        return RGC_BAD_ARGUMENT;
    }
    return jpeg_read(bytes, count, NULL, pixels, pixel_bytes, message, capacity);
}
