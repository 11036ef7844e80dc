// CRadiographFreeType: anti-aliased text with an exact halo, rendered by FreeType, behind a small
// plain C API. No FreeType type appears here: a face is an opaque handle.
//
// This module provides no stable Swift API: only RadiographAnnotation imports it (`internal import`).
//
// Conventions shared by every function:
// - The return value is an rgf_status. On anything but RGF_OK a NUL-terminated message is written
//   into `message` (at most `message_capacity` bytes, truncated if needed). Nothing prints, aborts
//   or exits.
// - Text is UTF-8 with '\n' separating lines (a trailing '\n' adds an empty line). Malformed UTF-8
//   is decoded as U+FFFD. Characters the font lacks are drawn as the font's glyph 0 (.notdef, a box
//   in DejaVu). '\r' and other C0 controls are dropped. No shaping: one glyph per code point, left
//   to right, pairs kerned when the face has a kerning table ('kern').
// - Glyphs are loaded hinted (FT_LOAD_DEFAULT | FT_LOAD_NO_BITMAP), so advances, kerning, line
//   height and glyph positions are whole pixels.
// - Masks are 8-bit coverage (0 = none, 255 = full), row-major, `width` bytes per row, no padding.
// - Thread safety: every face owns its own FT_Library, so different faces may be used on different
//   threads at once, but one face must be used by one thread at a time (its size, stroker and glyph
//   cache change on every call). The Swift side serialises each face with a lock.
#ifndef CRADIOGRAPH_FREETYPE_H
#define CRADIOGRAPH_FREETYPE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Outcome of every rgf_ function.
typedef enum {
    RGF_OK = 0,
    /// The font file does not exist (or a directory on its path does not).
    RGF_NOT_FOUND = 1,
    /// The file exists but FreeType cannot open it as a scalable font (unreadable, not a font,
    /// corrupt, bitmap-only).
    RGF_UNREADABLE = 2,
    /// A caller error: a null pointer, a pixel size or halo out of range, a buffer too small.
    RGF_BAD_ARGUMENT = 3,
    /// FreeType failed while loading, stroking or rasterizing a glyph, or memory ran out.
    RGF_FAILED = 4
} rgf_status;

/// A message buffer of this size holds every message the shim writes without truncation.
#define RGF_MESSAGE_CAPACITY 320u
/// Pixel sizes (em height in pixels) the shim accepts.
#define RGF_MIN_PIXEL_SIZE 4.0
#define RGF_MAX_PIXEL_SIZE 512.0
/// The largest halo radius, in pixels.
#define RGF_MAX_HALO 16.0
/// The largest mask side, and pixel count, a rendering may produce.
#define RGF_MAX_SIDE 32767
#define RGF_MAX_PIXELS 67108864

/// An open font face, its FreeType library, stroker and glyph caches.
typedef struct rgf_face rgf_face;

/// Where a string lands in its mask. All values are whole pixels.
///
/// The mask spans the layout box (each line from the face's ascender to its descender, and from
/// the pen's start to its end), grown to hold every glyph's ink, and then by ceil(halo) on every
/// side; it is the same box with or without ink. x grows to the right, y downwards.
typedef struct {
    /// Mask size; both 0 for an empty string.
    int32_t width;
    int32_t height;
    /// Columns from the mask's left edge to the first pen position (the text's origin).
    int32_t origin_x;
    /// Rows from the mask's top edge to the first line's baseline.
    int32_t baseline;
    /// Distance between successive baselines.
    int32_t line_height;
    /// The face's ascender (above the baseline) and descender (below it, positive) at this size.
    int32_t ascender;
    int32_t descender;
    /// Number of lines (0 for an empty string).
    int32_t line_count;
    /// The widest line's advance (pen travel, kerning included), without ink overhang or halo.
    int32_t advance;
} rgf_metrics;

/// Opens the face at `path` (face index 0). `*out` is set to NULL on failure.
/// RGF_NOT_FOUND when the file does not exist, RGF_UNREADABLE when FreeType refuses it.
rgf_status rgf_face_open(const char *path, rgf_face **out, char *message, size_t message_capacity);

/// Closes a face and frees its caches. Null is allowed.
void rgf_face_close(rgf_face *face);

/// Selects the pixel size (RGF_MIN_PIXEL_SIZE...RGF_MAX_PIXEL_SIZE, in 1/64 pixel steps) and the
/// halo radius (0...RGF_MAX_HALO pixels, in 1/64 pixel steps) for the calls that follow. Each
/// (size, halo) pair keeps its own glyph cache; the last 8 pairs used stay cached. TrueType fonts
/// that ask for integer ppem (DejaVu does) get glyphs and advances at the nearest whole size
/// (11.5 draws like 12) while the line height follows the fractional size: prefer whole sizes.
rgf_status rgf_face_set_size(rgf_face *face, double pixel_size, double halo, char *message,
                             size_t message_capacity);

/// Lays `text` out at the selected size and reports its mask's geometry without composing a mask.
/// Glyphs not yet in the cache are loaded (and rasterized, once) to learn their ink boxes.
rgf_status rgf_measure(rgf_face *face, const char *text, size_t length, rgf_metrics *metrics,
                       char *message, size_t message_capacity);

/// Lays `text` out and composes it into two caller buffers of `capacity` bytes each, which must be
/// at least metrics.width * metrics.height as rgf_measure reports (RGF_BAD_ARGUMENT otherwise, with
/// `*metrics` filled in). `coverage` receives the glyphs' anti-aliased ink; `halo` the union of the
/// ink and the outside stroke of radius `halo` around every glyph outline (FT_Glyph_StrokeBorder),
/// so painting the halo colour first and the text colour second gives a bordered text. Overlapping
/// glyphs combine by maximum. Either buffer may be null to skip it.
rgf_status rgf_render(rgf_face *face, const char *text, size_t length, uint8_t *coverage,
                      uint8_t *halo, size_t capacity, rgf_metrics *metrics, char *message,
                      size_t message_capacity);

#ifdef __cplusplus
}
#endif

#endif
