// JPEG 2000 decoding for the shim, through OpenJPEG (Debian libopenjp2-7): DCMTK 3.6.7 has no
// JPEG 2000 codec. Called from rgd_decode_frame with the frame's compressed bytes.
#include "j2k.h"

#include <openjpeg-2.5/openjpeg.h>

#include <algorithm>
#include <cstring>

namespace {

struct Source {
    const uint8_t *data;
    size_t size;
    size_t position;
};

OPJ_SIZE_T readFrom(void *buffer, OPJ_SIZE_T count, void *user) {
    auto *s = static_cast<Source *>(user);
    if (s->position >= s->size) return static_cast<OPJ_SIZE_T>(-1);
    const size_t n = std::min(static_cast<size_t>(count), s->size - s->position);
    std::memcpy(buffer, s->data + s->position, n);
    s->position += n;
    return n;
}

OPJ_OFF_T skipIn(OPJ_OFF_T count, void *user) {
    auto *s = static_cast<Source *>(user);
    if (count < 0) {
        const size_t back = static_cast<size_t>(-count);
        if (back > s->position) return -1;
        s->position -= back;
        return count;
    }
    const size_t n = std::min(static_cast<size_t>(count), s->size - s->position);
    s->position += n;
    return static_cast<OPJ_OFF_T>(n);
}

OPJ_BOOL seekTo(OPJ_OFF_T offset, void *user) {
    auto *s = static_cast<Source *>(user);
    if (offset < 0 || static_cast<size_t>(offset) > s->size) return OPJ_FALSE;
    s->position = static_cast<size_t>(offset);
    return OPJ_TRUE;
}

void keepFirstError(const char *message, void *user) {
    auto *text = static_cast<std::string *>(user);
    if (text->empty() && message != nullptr) {
        *text = message;
        while (!text->empty() && (text->back() == '\n' || text->back() == '\r')) text->pop_back();
    }
}

void ignore(const char *, void *) {}

/// Owns the OpenJPEG objects so every exit path releases them.
struct Decoder {
    opj_codec_t *codec = nullptr;
    opj_stream_t *stream = nullptr;
    opj_image_t *image = nullptr;
    ~Decoder() {
        if (image) opj_image_destroy(image);
        if (stream) opj_stream_destroy(stream);
        if (codec) opj_destroy_codec(codec);
    }
};

}  // namespace

bool rgd_decode_j2k(const uint8_t *data, size_t size, uint32_t rows, uint32_t columns, uint16_t *pixels,
                    std::string &error) {
    static const uint8_t jp2Signature[12] = {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, 0x87, 0x0A};
    if (data == nullptr || size < 2) {
        error = "empty JPEG 2000 stream";
        return false;
    }
    const bool jp2 = size >= 12 && std::memcmp(data, jp2Signature, 12) == 0;
    Decoder d;
    d.codec = opj_create_decompress(jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K);
    if (d.codec == nullptr) {
        error = "cannot create an OpenJPEG decoder";
        return false;
    }
    opj_set_error_handler(d.codec, keepFirstError, &error);
    opj_set_warning_handler(d.codec, ignore, nullptr);
    opj_set_info_handler(d.codec, ignore, nullptr);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(d.codec, &parameters)) {
        if (error.empty()) error = "OpenJPEG rejected the decoder parameters";
        return false;
    }
    Source source{data, size, 0};
    d.stream = opj_stream_create(1 << 16, OPJ_TRUE);
    if (d.stream == nullptr) {
        error = "cannot create an OpenJPEG stream";
        return false;
    }
    opj_stream_set_user_data(d.stream, &source, nullptr);
    opj_stream_set_user_data_length(d.stream, size);
    opj_stream_set_read_function(d.stream, readFrom);
    opj_stream_set_skip_function(d.stream, skipIn);
    opj_stream_set_seek_function(d.stream, seekTo);
    if (!opj_read_header(d.stream, d.codec, &d.image) || d.image == nullptr) {
        if (error.empty()) error = "invalid JPEG 2000 header";
        return false;
    }
    // Check the header against the DICOM geometry before decoding anything.
    const opj_image_t *h = d.image;
    if (h->numcomps != 1) {
        error = "JPEG 2000 stream has " + std::to_string(h->numcomps) + " components; monochrome needs 1";
        return false;
    }
    if (h->x1 - h->x0 != columns || h->y1 - h->y0 != rows) {
        error = "JPEG 2000 stream is " + std::to_string(h->x1 - h->x0) + " x " + std::to_string(h->y1 - h->y0) +
                ", the data set says " + std::to_string(columns) + " x " + std::to_string(rows);
        return false;
    }
    if (h->comps[0].prec == 0 || h->comps[0].prec > 16) {
        error = "JPEG 2000 precision " + std::to_string(h->comps[0].prec) + " bits (1 to 16 supported)";
        return false;
    }
    if (!opj_decode(d.codec, d.stream, d.image) || !opj_end_decompress(d.codec, d.stream)) {
        if (error.empty()) error = "JPEG 2000 decoding failed";
        return false;
    }
    const opj_image_comp_t &c = d.image->comps[0];
    if (c.data == nullptr || c.w != columns || c.h != rows) {
        error = "JPEG 2000 decoded component does not match the image geometry";
        return false;
    }
    const size_t count = static_cast<size_t>(rows) * columns;
    for (size_t i = 0; i < count; ++i) pixels[i] = static_cast<uint16_t>(c.data[i]);  // bit pattern; masked later
    return true;
}
