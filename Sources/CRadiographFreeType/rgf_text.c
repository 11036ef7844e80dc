// Text layout, glyph cache and mask composition over FreeType 2 (see include/CRadiographFreeType.h).
#include "CRadiographFreeType.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H
#include FT_STROKER_H

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

// MARK: - Types

/// An 8-bit coverage bitmap placed relative to the glyph's origin on the baseline.
typedef struct {
    int32_t left;  // x of the first column, right of the origin
    int32_t top;   // y of the first row, *above* the baseline (FreeType's convention)
    int32_t width;
    int32_t rows;
    uint8_t *pixels;  // width * rows bytes, no padding; NULL when empty
} rgf_bitmap;

/// One glyph of one strike: its advance, its ink, and its ink united with its halo.
typedef struct {
    int32_t advance;
    rgf_bitmap ink;
    rgf_bitmap halo;
} rgf_glyph;

enum { RGF_STRIKES = 8, RGF_CMAP_CACHE = 0x250 };

/// The cache of one (pixel size, halo radius) pair.
typedef struct {
    FT_F26Dot6 size;  // 0: slot unused
    FT_Fixed halo;    // 26.6 pixels
    uint64_t last_use;
    int32_t ascender, descender, line_height;
    rgf_glyph **glyphs;  // num_glyphs slots, each NULL until loaded
} rgf_strike;

/// A glyph placed by the layout: its cache entry and its origin in layout coordinates (x right, y
/// down, the first line's origin at 0, 0).
typedef struct {
    const rgf_glyph *glyph;
    int64_t x, y;
} rgf_placed;

struct rgf_face {
    FT_Library library;
    FT_Face face;
    FT_Stroker stroker;
    int has_kerning;
    FT_F26Dot6 ft_size;  // the size currently set on `face` (0: none)
    FT_Fixed stroker_radius;  // the radius currently set on `stroker` (-1: none)
    rgf_strike strikes[RGF_STRIKES];
    rgf_strike *current;
    uint64_t clock;
    size_t cached_bytes;
    uint32_t cmap[RGF_CMAP_CACHE];  // glyph index + 1 for code points below RGF_CMAP_CACHE; 0: not looked up
    rgf_placed *placed;  // layout scratch
    size_t placed_capacity;
};

/// Past this many bytes of cached bitmaps, the caches are emptied at the start of the next call.
#define RGF_CACHE_BUDGET ((size_t)64 << 20)

// MARK: - Messages

static rgf_status fail(rgf_status status, char *message, size_t capacity, const char *format, ...) {
    if (message != NULL && capacity > 0) {
        va_list arguments;
        va_start(arguments, format);
        vsnprintf(message, capacity, format, arguments);
        va_end(arguments);
    }
    return status;
}

// FreeType's own table of error names (the pattern fterrors.h documents), since FT_Error_String
// returns NULL unless the library was built with FT_CONFIG_OPTION_ERROR_STRINGS (Debian's is not).
#undef FTERRORS_H_
#define FT_ERRORDEF(e, v, s) {e, s},
#define FT_ERROR_START_LIST {
#define FT_ERROR_END_LIST {0, NULL}};
static const struct {
    int code;
    const char *text;
} ft_errors[] =
#include FT_ERRORS_H

static const char *ft_message(FT_Error error, char *buffer, size_t capacity) {
    for (size_t i = 0; ft_errors[i].text != NULL; i++)
        if (ft_errors[i].code == error) return ft_errors[i].text;
    snprintf(buffer, capacity, "FreeType error 0x%02X", (unsigned)error);
    return buffer;
}

static rgf_status ft_fail(rgf_status status, FT_Error error, char *message, size_t capacity, const char *what) {
    char buffer[48];
    return fail(status, message, capacity, "%s: %s", what, ft_message(error, buffer, sizeof buffer));
}

// MARK: - Cache

static void bitmap_free(rgf_bitmap *bitmap) {
    free(bitmap->pixels);
    bitmap->pixels = NULL;
}

static void strike_clear(rgf_face *f, rgf_strike *strike) {
    if (strike->glyphs != NULL) {
        for (FT_Long i = 0; i < f->face->num_glyphs; i++) {
            rgf_glyph *glyph = strike->glyphs[i];
            if (glyph == NULL) continue;
            bitmap_free(&glyph->ink);
            bitmap_free(&glyph->halo);
            free(glyph);
        }
        free(strike->glyphs);
    }
    memset(strike, 0, sizeof *strike);
}

static void cache_clear(rgf_face *f) {
    for (int i = 0; i < RGF_STRIKES; i++) strike_clear(f, &f->strikes[i]);
    f->current = NULL;
    f->cached_bytes = 0;
}

/// Sets `f->face` to the strike's size when it has another one (hinting state is per size).
static rgf_status ensure_size(rgf_face *f, FT_F26Dot6 size, char *message, size_t capacity) {
    if (f->ft_size == size) return RGF_OK;
    FT_Error error = FT_Set_Char_Size(f->face, 0, size, 72, 72);  // 72 dpi: points are pixels
    if (error) {
        f->ft_size = 0;
        return ft_fail(RGF_FAILED, error, message, capacity, "FT_Set_Char_Size");
    }
    f->ft_size = size;
    return RGF_OK;
}

/// Copies a rendered FT_BitmapGlyph (8-bit gray) into `out`.
static int bitmap_copy(const FT_BitmapGlyph source, rgf_bitmap *out) {
    const FT_Bitmap *b = &source->bitmap;
    out->left = source->left;
    out->top = source->top;
    out->width = (int32_t)b->width;
    out->rows = (int32_t)b->rows;
    out->pixels = NULL;
    if (b->width == 0 || b->rows == 0) {
        out->width = out->rows = 0;
        return 1;
    }
    out->pixels = malloc((size_t)b->width * b->rows);
    if (out->pixels == NULL) return 0;
    for (unsigned row = 0; row < b->rows; row++) {
        const unsigned char *line = b->pitch >= 0 ? b->buffer + (size_t)row * (size_t)b->pitch
                                                  : b->buffer + (size_t)(b->rows - 1 - row) * (size_t)(-b->pitch);
        memcpy(out->pixels + (size_t)row * b->width, line, b->width);
    }
    return 1;
}

/// Rasterizes `glyph` (consumed) into `out`.
static FT_Error rasterize(FT_Glyph glyph, rgf_bitmap *out, int *out_of_memory) {
    FT_Error error = FT_Glyph_To_Bitmap(&glyph, FT_RENDER_MODE_NORMAL, NULL, 1);
    if (!error && !bitmap_copy((FT_BitmapGlyph)glyph, out)) *out_of_memory = 1;
    FT_Done_Glyph(glyph);
    return error;
}

/// Makes `halo` the maximum of `halo` (the stroke) and `ink` over the union of their boxes.
static int unite(rgf_bitmap *halo, const rgf_bitmap *ink) {
    if (ink->pixels == NULL) return 1;
    if (halo->pixels == NULL) {
        *halo = *ink;
        halo->pixels = malloc((size_t)ink->width * ink->rows);
        if (halo->pixels == NULL) return 0;
        memcpy(halo->pixels, ink->pixels, (size_t)ink->width * ink->rows);
        return 1;
    }
    int32_t left = ink->left < halo->left ? ink->left : halo->left;
    int32_t top = ink->top > halo->top ? ink->top : halo->top;
    int32_t right = ink->left + ink->width > halo->left + halo->width ? ink->left + ink->width : halo->left + halo->width;
    int32_t bottom = ink->top - ink->rows < halo->top - halo->rows ? ink->top - ink->rows : halo->top - halo->rows;
    rgf_bitmap merged = {left, top, right - left, top - bottom, NULL};
    merged.pixels = calloc((size_t)merged.width * merged.rows, 1);
    if (merged.pixels == NULL) return 0;
    const rgf_bitmap *sources[2] = {halo, ink};
    for (int s = 0; s < 2; s++) {
        const rgf_bitmap *b = sources[s];
        for (int32_t row = 0; row < b->rows; row++) {
            uint8_t *to = merged.pixels + (size_t)(top - b->top + row) * merged.width + (b->left - left);
            const uint8_t *from = b->pixels + (size_t)row * b->width;
            for (int32_t x = 0; x < b->width; x++)
                if (from[x] > to[x]) to[x] = from[x];
        }
    }
    free(halo->pixels);
    *halo = merged;
    return 1;
}

/// Loads, rasterizes and strokes glyph `index` of the current strike.
static rgf_status load_glyph(rgf_face *f, FT_UInt index, const rgf_glyph **out, char *message, size_t capacity) {
    rgf_strike *strike = f->current;
    if (strike->glyphs[index] != NULL) {
        *out = strike->glyphs[index];
        return RGF_OK;
    }
    rgf_status status = ensure_size(f, strike->size, message, capacity);
    if (status != RGF_OK) return status;
    FT_Error error = FT_Load_Glyph(f->face, index, FT_LOAD_DEFAULT | FT_LOAD_NO_BITMAP);
    if (error) return ft_fail(RGF_FAILED, error, message, capacity, "FT_Load_Glyph");
    FT_GlyphSlot slot = f->face->glyph;
    if (slot->format != FT_GLYPH_FORMAT_OUTLINE)
        return fail(RGF_FAILED, message, capacity, "glyph %u is not an outline", index);

    rgf_glyph *glyph = calloc(1, sizeof *glyph);
    if (glyph == NULL) return fail(RGF_FAILED, message, capacity, "out of memory");
    glyph->advance = (int32_t)((slot->advance.x + 32) >> 6);

    FT_Glyph ink = NULL, stroke = NULL;
    int out_of_memory = 0;
    const char *what = "FT_Get_Glyph";
    error = FT_Get_Glyph(slot, &ink);
    if (!error && slot->outline.n_points > 0) {
        if (strike->halo > 0) {
            what = "FT_Glyph_Copy";
            error = FT_Glyph_Copy(ink, &stroke);
            if (!error) {
                if (f->stroker_radius != strike->halo) {
                    FT_Stroker_Set(f->stroker, strike->halo, FT_STROKER_LINECAP_ROUND, FT_STROKER_LINEJOIN_ROUND, 0);
                    f->stroker_radius = strike->halo;
                }
                what = "FT_Glyph_StrokeBorder";
                FT_Glyph stroked = stroke;
                error = FT_Glyph_StrokeBorder(&stroked, f->stroker, 0 /* outside */, 1);
                if (!error) stroke = stroked;  // on failure the source glyph is left for us to free
            }
            if (!error) {
                what = "FT_Glyph_To_Bitmap (halo)";
                error = rasterize(stroke, &glyph->halo, &out_of_memory);
                stroke = NULL;
            }
        }
        if (!error) {
            what = "FT_Glyph_To_Bitmap";
            error = rasterize(ink, &glyph->ink, &out_of_memory);
            ink = NULL;
        }
        if (!error && !out_of_memory && !unite(&glyph->halo, &glyph->ink)) out_of_memory = 1;
    }
    if (ink != NULL) FT_Done_Glyph(ink);
    if (stroke != NULL) FT_Done_Glyph(stroke);
    if (error || out_of_memory) {
        bitmap_free(&glyph->ink);
        bitmap_free(&glyph->halo);
        free(glyph);
        if (out_of_memory) return fail(RGF_FAILED, message, capacity, "out of memory");
        return ft_fail(RGF_FAILED, error, message, capacity, what);
    }
    f->cached_bytes += sizeof *glyph + (size_t)glyph->ink.width * glyph->ink.rows +
                       (size_t)glyph->halo.width * glyph->halo.rows;
    strike->glyphs[index] = glyph;
    *out = glyph;
    return RGF_OK;
}

// MARK: - Faces

rgf_status rgf_face_open(const char *path, rgf_face **out, char *message, size_t capacity) {
    if (out == NULL || path == NULL) return fail(RGF_BAD_ARGUMENT, message, capacity, "null argument");
    *out = NULL;
    struct stat info;
    if (stat(path, &info) != 0) {
        int code = errno;
        if (code == ENOENT || code == ENOTDIR)
            return fail(RGF_NOT_FOUND, message, capacity, "no such file");
        return fail(RGF_UNREADABLE, message, capacity, "%s", strerror(code));
    }
    if (S_ISDIR(info.st_mode)) return fail(RGF_UNREADABLE, message, capacity, "is a directory");

    rgf_face *f = calloc(1, sizeof *f);
    if (f == NULL) return fail(RGF_FAILED, message, capacity, "out of memory");
    f->stroker_radius = -1;
    FT_Error error = FT_Init_FreeType(&f->library);
    if (error) {
        free(f);
        return ft_fail(RGF_FAILED, error, message, capacity, "FT_Init_FreeType");
    }
    rgf_status status = RGF_OK;
    error = FT_New_Face(f->library, path, 0, &f->face);
    if (error) {
        status = ft_fail(RGF_UNREADABLE, error, message, capacity, "FT_New_Face");
        f->face = NULL;
    } else if (!FT_IS_SCALABLE(f->face)) {
        status = fail(RGF_UNREADABLE, message, capacity, "not a scalable (outline) font");
    } else if ((error = FT_Stroker_New(f->library, &f->stroker)) != 0) {
        status = ft_fail(RGF_FAILED, error, message, capacity, "FT_Stroker_New");
        f->stroker = NULL;
    }
    if (status != RGF_OK) {
        rgf_face_close(f);
        return status;
    }
    f->has_kerning = FT_HAS_KERNING(f->face) ? 1 : 0;
    *out = f;
    return RGF_OK;
}

void rgf_face_close(rgf_face *f) {
    if (f == NULL) return;
    if (f->face != NULL) cache_clear(f);
    free(f->placed);
    if (f->stroker != NULL) FT_Stroker_Done(f->stroker);
    if (f->face != NULL) FT_Done_Face(f->face);
    FT_Done_FreeType(f->library);
    free(f);
}

rgf_status rgf_face_set_size(rgf_face *f, double pixel_size, double halo, char *message, size_t capacity) {
    if (f == NULL) return fail(RGF_BAD_ARGUMENT, message, capacity, "null face");
    if (!(pixel_size >= RGF_MIN_PIXEL_SIZE && pixel_size <= RGF_MAX_PIXEL_SIZE))
        return fail(RGF_BAD_ARGUMENT, message, capacity, "pixel size %g is outside %g...%g", pixel_size,
                    RGF_MIN_PIXEL_SIZE, RGF_MAX_PIXEL_SIZE);
    if (!(halo >= 0 && halo <= RGF_MAX_HALO))
        return fail(RGF_BAD_ARGUMENT, message, capacity, "halo %g is outside 0...%g", halo, RGF_MAX_HALO);
    FT_F26Dot6 size = (FT_F26Dot6)lround(pixel_size * 64);
    FT_Fixed radius = (FT_Fixed)lround(halo * 64);
    if (f->cached_bytes > RGF_CACHE_BUDGET) cache_clear(f);
    f->clock++;
    if (f->current != NULL && f->current->size == size && f->current->halo == radius) {
        f->current->last_use = f->clock;
        return RGF_OK;
    }
    // The strike for this pair, or else an unused slot, or else the least recently used one.
    rgf_strike *found = NULL, *victim = NULL;
    for (int i = 0; i < RGF_STRIKES; i++) {
        rgf_strike *s = &f->strikes[i];
        if (s->size == size && s->halo == radius) found = s;
        if (victim == NULL || (victim->size != 0 && (s->size == 0 || s->last_use < victim->last_use))) victim = s;
    }
    if (found == NULL) {
        f->current = NULL;
        strike_clear(f, victim);
        rgf_status status = ensure_size(f, size, message, capacity);
        if (status != RGF_OK) return status;
        victim->glyphs = calloc((size_t)f->face->num_glyphs, sizeof(rgf_glyph *));
        if (victim->glyphs == NULL) return fail(RGF_FAILED, message, capacity, "out of memory");
        const FT_Size_Metrics *m = &f->face->size->metrics;
        victim->size = size;
        victim->halo = radius;
        victim->ascender = (int32_t)((m->ascender + 63) >> 6);
        victim->descender = (int32_t)((-m->descender + 63) >> 6);
        victim->line_height = (int32_t)((m->height + 32) >> 6);
        if (victim->line_height <= 0) victim->line_height = victim->ascender + victim->descender;
        found = victim;
    }
    found->last_use = f->clock;
    f->current = found;
    return RGF_OK;
}

// MARK: - Layout

/// Decodes one UTF-8 code point at `*i` and advances `*i`; malformed sequences give U+FFFD and
/// consume one byte.
static uint32_t next_code_point(const unsigned char *s, size_t length, size_t *i) {
    unsigned char c = s[*i];
    if (c < 0x80) {
        *i += 1;
        return c;
    }
    int extra = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
    if (extra < 0 || length - *i <= (size_t)extra) {  // a stray byte, or the sequence is cut short
        *i += 1;
        return 0xFFFD;
    }
    uint32_t value = c & (0x3F >> extra);
    for (int k = 1; k <= extra; k++) {
        unsigned char next = s[*i + (size_t)k];
        if ((next & 0xC0) != 0x80) {
            *i += 1;
            return 0xFFFD;
        }
        value = (value << 6) | (next & 0x3F);
    }
    static const uint32_t minimum[4] = {0, 0x80, 0x800, 0x10000};
    if (value < minimum[extra] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        *i += 1;
        return 0xFFFD;
    }
    *i += (size_t)extra + 1;
    return value;
}

static FT_UInt glyph_index(rgf_face *f, uint32_t code_point) {
    if (code_point < RGF_CMAP_CACHE) {
        if (f->cmap[code_point] == 0) f->cmap[code_point] = FT_Get_Char_Index(f->face, code_point) + 1;
        return f->cmap[code_point] - 1;
    }
    return FT_Get_Char_Index(f->face, code_point);  // 0 (.notdef) when the font lacks it
}

/// Places every glyph of `text` in `f->placed` and computes the mask geometry.
static rgf_status layout(rgf_face *f, const char *text, size_t length, rgf_metrics *metrics, size_t *count,
                         char *message, size_t capacity) {
    memset(metrics, 0, sizeof *metrics);
    *count = 0;
    if (f == NULL || metrics == NULL || (text == NULL && length > 0))
        return fail(RGF_BAD_ARGUMENT, message, capacity, "null argument");
    rgf_strike *strike = f->current;
    if (strike == NULL) return fail(RGF_BAD_ARGUMENT, message, capacity, "no size selected (rgf_face_set_size)");
    metrics->line_height = strike->line_height;
    metrics->ascender = strike->ascender;
    metrics->descender = strike->descender;
    if (length == 0) return RGF_OK;

    const unsigned char *s = (const unsigned char *)text;
    int64_t pen = 0, y = 0, widest = 0;
    int64_t ink_left = INT64_MAX, ink_top = INT64_MAX, ink_right = INT64_MIN, ink_bottom = INT64_MIN;
    int64_t halo_left = INT64_MAX, halo_top = INT64_MAX, halo_right = INT64_MIN, halo_bottom = INT64_MIN;
    int32_t lines = 1;
    FT_UInt previous = 0;
    int has_previous = 0;
    // The mask is at least as wide as any line's pen travel and as tall as the baselines' span, so
    // passing RGF_MAX_SIDE already means too large: stop before the scratch grows with the text.
    const int64_t limit = RGF_MAX_SIDE;
    for (size_t i = 0; i < length;) {
        uint32_t c = next_code_point(s, length, &i);
        if (c == '\n') {
            if (pen > widest) widest = pen;
            pen = 0;
            y += strike->line_height;
            lines++;
            has_previous = 0;
            if (y > limit) return fail(RGF_BAD_ARGUMENT, message, capacity, "text too large: too many lines");
            continue;
        }
        if (c < 0x20 || c == 0x7F) continue;  // other controls draw nothing
        FT_UInt index = glyph_index(f, c);
        if (f->has_kerning && has_previous) {
            rgf_status status = ensure_size(f, strike->size, message, capacity);
            if (status != RGF_OK) return status;
            FT_Vector kerning;
            if (FT_Get_Kerning(f->face, previous, index, FT_KERNING_DEFAULT, &kerning) == 0)
                pen += (kerning.x + 32) >> 6;  // grid-fitted: whole pixels already
        }
        const rgf_glyph *glyph;
        rgf_status status = load_glyph(f, index, &glyph, message, capacity);
        if (status != RGF_OK) return status;
        if (*count == f->placed_capacity) {
            size_t grown = f->placed_capacity ? f->placed_capacity * 2 : 64;
            rgf_placed *placed = realloc(f->placed, grown * sizeof *placed);
            if (placed == NULL) return fail(RGF_FAILED, message, capacity, "out of memory");
            f->placed = placed;
            f->placed_capacity = grown;
        }
        f->placed[(*count)++] = (rgf_placed){glyph, pen, y};
        if (glyph->ink.pixels != NULL) {
            int64_t l = pen + glyph->ink.left, t = y - glyph->ink.top;
            if (l < ink_left) ink_left = l;
            if (t < ink_top) ink_top = t;
            if (l + glyph->ink.width > ink_right) ink_right = l + glyph->ink.width;
            if (t + glyph->ink.rows > ink_bottom) ink_bottom = t + glyph->ink.rows;
        }
        if (glyph->halo.pixels != NULL) {
            int64_t l = pen + glyph->halo.left, t = y - glyph->halo.top;
            if (l < halo_left) halo_left = l;
            if (t < halo_top) halo_top = t;
            if (l + glyph->halo.width > halo_right) halo_right = l + glyph->halo.width;
            if (t + glyph->halo.rows > halo_bottom) halo_bottom = t + glyph->halo.rows;
        }
        pen += glyph->advance;
        previous = index;
        has_previous = 1;
        if (pen > limit) return fail(RGF_BAD_ARGUMENT, message, capacity, "text too large: line too long");
    }
    if (pen > widest) widest = pen;

    // The layout box, grown to the ink, then by the halo's whole-pixel radius, then to any halo
    // pixel beyond that (anti-aliased edges of a fractional radius).
    int64_t left = 0, top = -strike->ascender, right = widest, bottom = y + strike->descender;
    if (ink_left < left) left = ink_left;
    if (ink_top < top) top = ink_top;
    if (ink_right > right) right = ink_right;
    if (ink_bottom > bottom) bottom = ink_bottom;
    int64_t pad = (strike->halo + 63) >> 6;
    left -= pad, top -= pad, right += pad, bottom += pad;
    if (halo_left < left) left = halo_left;
    if (halo_top < top) top = halo_top;
    if (halo_right > right) right = halo_right;
    if (halo_bottom > bottom) bottom = halo_bottom;
    int64_t width = right - left, height = bottom - top;
    if (width > RGF_MAX_SIDE || height > RGF_MAX_SIDE || width * height > RGF_MAX_PIXELS)
        return fail(RGF_BAD_ARGUMENT, message, capacity, "text too large: its mask would be %lld x %lld pixels",
                    (long long)width, (long long)height);
    metrics->width = (int32_t)width;
    metrics->height = (int32_t)height;
    metrics->origin_x = (int32_t)-left;
    metrics->baseline = (int32_t)-top;
    metrics->line_count = lines;
    metrics->advance = (int32_t)widest;
    return RGF_OK;
}

rgf_status rgf_measure(rgf_face *f, const char *text, size_t length, rgf_metrics *metrics, char *message,
                       size_t capacity) {
    size_t count;
    rgf_metrics scratch;
    return layout(f, text, length, metrics != NULL ? metrics : &scratch, &count, message, capacity);
}

static void blit(uint8_t *mask, int32_t width, const rgf_bitmap *b, int64_t x, int64_t y) {
    for (int32_t row = 0; row < b->rows; row++) {
        uint8_t *to = mask + (size_t)(y + row) * (size_t)width + (size_t)x;
        const uint8_t *from = b->pixels + (size_t)row * (size_t)b->width;
        for (int32_t k = 0; k < b->width; k++)
            if (from[k] > to[k]) to[k] = from[k];
    }
}

rgf_status rgf_render(rgf_face *f, const char *text, size_t length, uint8_t *coverage, uint8_t *halo,
                      size_t buffer_capacity, rgf_metrics *metrics, char *message, size_t capacity) {
    rgf_metrics scratch;
    if (metrics == NULL) metrics = &scratch;
    size_t count;
    rgf_status status = layout(f, text, length, metrics, &count, message, capacity);
    if (status != RGF_OK) return status;
    size_t size = (size_t)metrics->width * (size_t)metrics->height;
    if (size == 0) return RGF_OK;
    if (buffer_capacity < size)
        return fail(RGF_BAD_ARGUMENT, message, capacity, "mask buffers hold %zu bytes, %d x %d needs %zu",
                    buffer_capacity, metrics->width, metrics->height, size);
    if (coverage != NULL) memset(coverage, 0, size);
    if (halo != NULL) memset(halo, 0, size);
    for (size_t i = 0; i < count; i++) {
        const rgf_placed *p = &f->placed[i];
        int64_t x = p->x + metrics->origin_x, y = p->y + metrics->baseline;
        if (coverage != NULL && p->glyph->ink.pixels != NULL)
            blit(coverage, metrics->width, &p->glyph->ink, x + p->glyph->ink.left, y - p->glyph->ink.top);
        if (halo != NULL && p->glyph->halo.pixels != NULL)
            blit(halo, metrics->width, &p->glyph->halo, x + p->glyph->halo.left, y - p->glyph->halo.top);
    }
    return RGF_OK;
}
