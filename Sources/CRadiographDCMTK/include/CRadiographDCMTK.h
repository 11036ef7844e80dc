// CRadiographDCMTK: a plain C face on the parts of DCMTK 3.6.7 that Radiograph uses.
//
// This module provides no stable Swift API: only RadiographDICOM imports it. Every function
// catches every C++ exception; failures come back as a status code plus a message written into a
// caller-supplied buffer. Nothing here prints, aborts or exits.
#ifndef CRADIOGRAPH_DCMTK_H
#define CRADIOGRAPH_DCMTK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Status codes. `message` buffers always receive a NUL-terminated text on failure.
typedef enum {
    RGD_OK = 0,
    RGD_NOT_FOUND = 1,        ///< The element (or item) is absent.
    RGD_READ_FAILED = 2,      ///< The file or buffer is not readable DICOM (message says why).
    RGD_DECODE_FAILED = 3,    ///< The pixel data could not be decoded (message says why).
    RGD_BAD_ARGUMENT = 4,     ///< A caller error: null handle, buffer too small, bad path.
    RGD_INTERNAL = 5,         ///< A C++ exception or allocation failure inside DCMTK.
    RGD_SYSTEM = 6            ///< The system refused a resource (a memory file, its size): not the data's fault.
} rgd_status;

/// An opened DICOM data set (file meta information plus data set), owned by the caller.
typedef struct rgd_dataset rgd_dataset;

/// Opens a DICOM file (Part 10, or a bare data set as a fallback). `*out` is set on RGD_OK.
rgd_status rgd_open_file(const char *path, rgd_dataset **out, char *message, size_t message_capacity);

/// Parses a DICOM stream held in memory. Every value is copied: the caller may free `bytes` at once.
rgd_status rgd_open_memory(const uint8_t *bytes, size_t count, rgd_dataset **out,
                           char *message, size_t message_capacity);

/// Releases a data set. Null is allowed.
void rgd_close(rgd_dataset *dataset);

/// Element addressing: `path` holds `2k+1` values: k pairs (sequence tag, item index) followed by
/// the element's tag. A tag is `group << 16 | element`. `path_length` is 2k+1 (1 for top level).
///
/// Writes the element's whole value as text into `buffer` (multiple values separated by '\\'),
/// NUL-terminated, and its length (without NUL) into `*length`. When the buffer is too small the
/// status is RGD_BAD_ARGUMENT and `*length` holds the size needed.
rgd_status rgd_get_string(const rgd_dataset *dataset, const uint32_t *path, size_t path_length,
                          char *buffer, size_t capacity, size_t *length);

/// The number of items of the sequence addressed by `path` (RGD_NOT_FOUND when absent).
rgd_status rgd_count_items(const rgd_dataset *dataset, const uint32_t *path, size_t path_length, size_t *count);

/// The element's values as 16-bit words (US, SS, OW, or OB read as words). With `buffer` null,
/// only `*count` is set. Otherwise at most `capacity` values are copied.
rgd_status rgd_get_words(const rgd_dataset *dataset, const uint32_t *path, size_t path_length,
                         uint16_t *buffer, size_t capacity, size_t *count);

/// The UID of the transfer syntax the data set was read in, e.g. "1.2.840.10008.1.2.4.70".
rgd_status rgd_transfer_syntax(const rgd_dataset *dataset, char *buffer, size_t capacity);

/// Geometry needed to decode one frame, checked for consistency by rgd_frame_geometry.
typedef struct {
    uint32_t rows;
    uint32_t columns;
    uint32_t samples_per_pixel;
    uint32_t bits_allocated;
    uint32_t bits_stored;
    uint32_t high_bit;
    uint32_t pixel_representation;
    uint32_t number_of_frames;
    uint32_t encapsulated;          ///< 1 when the pixel data is compressed (encapsulated).
    uint64_t native_pixel_bytes;    ///< Length of native (uncompressed) pixel data; 0 when encapsulated.
} rgd_geometry;

/// Reads and validates the image pixel module: RGD_DECODE_FAILED with a reason when the values do
/// not describe a decodable monochrome image (no pixel data, zero rows or columns, bits stored
/// above bits allocated, bits allocated not 8 or 16, high bit outside bits allocated, native
/// pixel data shorter than rows × columns × bytes, more than 2^28 pixels).
rgd_status rgd_frame_geometry(const rgd_dataset *dataset, rgd_geometry *geometry,
                              char *message, size_t message_capacity);

/// Decodes frame `frame` (0-based) into `pixels` (`capacity` ≥ rows × columns values) as stored
/// values: shifted down by (high bit + 1 − bits stored), masked to bits stored and, for Pixel
/// Representation 1, sign-extended to 16 bits (read them as int16). Uses DCMTK's decoders for
/// JPEG (baseline, extended, lossless), JPEG-LS and RLE; RGD_DECODE_FAILED for others (JPEG 2000).
rgd_status rgd_decode_frame(rgd_dataset *dataset, uint32_t frame, uint16_t *pixels, size_t capacity,
                            char *message, size_t message_capacity);

// MARK: Writing

/// A data set being built for writing, owned by the caller.
typedef struct rgd_builder rgd_builder;

/// An empty data set.
rgd_status rgd_builder_create(rgd_builder **out);

/// A copy of an opened data set (for derived images: patient and study are kept).
rgd_status rgd_builder_copy(const rgd_dataset *source, rgd_builder **out);

/// Releases a builder. Null is allowed.
void rgd_builder_free(rgd_builder *builder);

/// Sets an element from text (the VR comes from DCMTK's dictionary; multiple values separated by
/// '\\'). `path` as for rgd_get_string; sequence items are created as needed.
rgd_status rgd_builder_set_string(rgd_builder *builder, const uint32_t *path, size_t path_length, const char *value,
                                  char *message, size_t message_capacity);

/// Inserts an empty element (an empty sequence for a Type 2 sequence, say).
rgd_status rgd_builder_set_empty(rgd_builder *builder, const uint32_t *path, size_t path_length,
                                 char *message, size_t message_capacity);

/// Removes an element (top level or inside items) if present.
rgd_status rgd_builder_remove(rgd_builder *builder, const uint32_t *path, size_t path_length);

/// Removes every private element (odd groups) of the data set.
rgd_status rgd_builder_remove_private(rgd_builder *builder);

/// Converts every string of the data set to UTF-8 from its Specific Character Set and declares
/// ISO_IR 192 (DcmDataset::convertToUTF8); RGD_BAD_ARGUMENT with DCMTK's reason when it cannot.
rgd_status rgd_builder_convert_to_utf8(rgd_builder *builder, char *message, size_t message_capacity);

/// Sets the image pixel module and native Pixel Data: 16 bits allocated, `bits_stored` bits
/// (values masked to them), unsigned or two's complement, one sample per pixel.
rgd_status rgd_builder_set_pixels(rgd_builder *builder, const uint16_t *pixels, uint32_t rows, uint32_t columns,
                                  uint32_t bits_stored, int is_signed, char *message, size_t message_capacity);

/// Encodes the data set as a Part 10 stream in `transfer_syntax_uid` (explicit VR little endian,
/// JPEG lossless SV1, JPEG-LS lossless or RLE) with new file meta information. `*out` is freed
/// with rgd_free.
rgd_status rgd_builder_encode(rgd_builder *builder, const char *transfer_syntax_uid, uint8_t **out, size_t *size,
                              char *message, size_t message_capacity);

/// Frees memory returned by the shim.
void rgd_free(void *pointer);

// MARK: Media (transcoding, DICOMDIR)

/// Reads a DICOM stream from memory (with rgd_open_memory's checks), decompresses encapsulated
/// pixel data (JPEG, JPEG-LS, RLE: DCMTK's decoders; JPEG 2000: the shim's OpenJPEG path, for 16
/// bits allocated with High Bit = Bits Stored - 1, every frame) and encodes a Part 10 stream in
/// explicit VR little endian with new file meta information; every other element is kept.
/// Lossless input comes out with identical stored values. RGD_DECODE_FAILED with a reason when the
/// pixel data cannot be decoded. `*out` is freed with rgd_free.
rgd_status rgd_transcode_explicit_le(const uint8_t *bytes, size_t count, uint8_t **out, size_t *out_size,
                                     char *message, size_t message_capacity);

/// As rgd_transcode_explicit_le, then made acceptable to the Dental Radiograph Interchange
/// profile (STD-DEN-CD) without changing any stored value: Institution Name, Manufacturer's Model
/// Name, Detector ID, Detector Manufacturer Name and Detector Manufacturer's Model Name are added
/// empty when absent (Type 2 there), and unsigned data of 9, 11, 13, 14 or 15 bits stored low in
/// 16-bit words is re-described as 16 bits stored (High Bit 15; bits above the old High Bit
/// cleared). RGD_BAD_ARGUMENT when the pixel encoding cannot be re-described so.
rgd_status rgd_transcode_dental_media(const uint8_t *bytes, size_t count, uint8_t **out, size_t *out_size,
                                      char *message, size_t message_capacity);

/// Creates `folder`/DICOMDIR with DCMTK's DicomDirInterface under the Dental Radiograph
/// Interchange profile (STD-DEN-CD), referencing `relative_files` (paths relative to `folder`
/// with '/' separators and ISO 9660 components: uppercase letters, digits and '_', at most 8
/// characters, no extension, at most 8 levels; e.g. "DICOM/P0001/IM000001"). Every file is checked
/// against the profile (SOP class, transfer syntax, required attributes, pixel encoding); the
/// first refusal stops the write with RGD_BAD_ARGUMENT and DCMTK's own reasons in `message`.
/// DICOMDIR writes are serialised in the process (DCMTK's dcmdata logger is borrowed meanwhile).
rgd_status rgd_dicomdir_write(const char *folder, const char *const *relative_files, size_t count,
                              const char *fileset_id, char *message, size_t message_capacity);

// MARK: Presentation states (GSPS)

/// Graphic Type (0070,0023).
typedef enum {
    RGD_GRAPHIC_POINT = 0,         ///< POINT: one point.
    RGD_GRAPHIC_POLYLINE = 1,      ///< POLYLINE: two or more points, straight segments.
    RGD_GRAPHIC_INTERPOLATED = 2,  ///< INTERPOLATED: two or more points, a smooth curve through them.
    RGD_GRAPHIC_CIRCLE = 3,        ///< CIRCLE: the centre, then a point on the circle.
    RGD_GRAPHIC_ELLIPSE = 4        ///< ELLIPSE: the major axis end points, then the minor axis end points.
} rgd_graphic_type;

/// Annotation units (0070,0003/0004/0005). Writing uses PIXEL only.
typedef enum {
    RGD_UNITS_PIXEL = 0,    ///< Image relative: (0,0) is the top left corner of the top left pixel,
                            ///< (Columns, Rows) the bottom right corner of the bottom right pixel.
    RGD_UNITS_DISPLAY = 1   ///< Relative to the displayed area: (0,0) top left, (1,1) bottom right.
} rgd_annotation_units;

/// An item of the Graphic Layer Sequence (0070,0060).
typedef struct {
    const char *name;          ///< Graphic Layer (0070,0002), CS.
    int32_t order;             ///< Graphic Layer Order (0070,0062).
    const char *description;   ///< Graphic Layer Description (0070,0068); null when absent.
} rgd_gsps_layer;

/// A graphic object. `points` holds `point_count` pairs column, row (x, y).
typedef struct {
    size_t layer;              ///< Index into the content's layers.
    rgd_graphic_type type;
    rgd_annotation_units units;
    const float *points;
    size_t point_count;
    int filled;                ///< Graphic Filled (0070,0024) Y.
} rgd_gsps_graphic;

/// A text object: a bounding box, an anchor point, or both.
typedef struct {
    size_t layer;              ///< Index into the content's layers.
    const char *text;          ///< Unformatted Text Value (0070,0006), ST.
    int has_bounding_box;
    rgd_annotation_units bounding_box_units;
    float bounding_box[4];     ///< Top left x, y, then bottom right x, y.
    int has_anchor;
    rgd_annotation_units anchor_units;
    float anchor[2];
    int anchor_visible;        ///< Anchor Point Visibility (0070,0015) Y.
} rgd_gsps_text;

/// The content of a Grayscale Softcopy Presentation State. Strings are UTF-8 (or ASCII).
///
/// Writing reads `sop_instance_uid`, `series_instance_uid`, the content fields, the window, the
/// displayed area, the layers and objects; the study and referenced-image fields are ignored
/// (they come from the image). Reading fills every field.
typedef struct {
    const char *sop_instance_uid;
    const char *series_instance_uid;
    const char *study_instance_uid;
    const char *referenced_sop_class_uid;
    const char *referenced_sop_instance_uid;
    const char *referenced_series_uid;
    const char *content_label;          ///< Content Label (0070,0080), CS.
    const char *content_description;    ///< Content Description (0070,0081), LO; null when absent.
    const char *creator_name;           ///< Content Creator's Name (0070,0084), PN; null when absent.
    int has_window;                     ///< A Softcopy VOI LUT window applies to the image.
    double window_center;
    double window_width;
    const char *window_explanation;     ///< Window Center & Width Explanation; null when absent.
    int has_displayed_area;             ///< Writing: 0 displays the whole image.
    int32_t displayed_area[4];          ///< TLHC column, row, BRHC column, row; 1-based pixels.
    const rgd_gsps_layer *layers;
    size_t layer_count;
    const rgd_gsps_graphic *graphics;
    size_t graphic_count;
    const rgd_gsps_text *texts;
    size_t text_count;
} rgd_gsps_content;

/// Builds a GSPS for the opened image `image` (DCMTK dcmpstat `DcmPresentationState`): patient,
/// study and equipment are copied, the image (SOP Class, SOP Instance, Series) is referenced, and
/// the content is stored with PIXEL units, SCALE TO FIT, applying to the whole image. Encodes it as
/// a Part 10 stream in explicit VR little endian; `*out` is freed with rgd_free. RGD_BAD_ARGUMENT
/// for content DCMTK refuses (the message names it).
rgd_status rgd_gsps_encode(const rgd_dataset *image, const rgd_gsps_content *content, uint8_t **out, size_t *size,
                           char *message, size_t message_capacity);

/// A GSPS read back, owned by the caller.
typedef struct rgd_gsps rgd_gsps;

/// Reads the presentation state of an opened data set (DCMTK `DcmPresentationState::read`):
/// RGD_READ_FAILED with a reason when it is not a valid GSPS. Only the first referenced image is
/// reported; objects that do not apply to it are left out.
rgd_status rgd_gsps_read(const rgd_dataset *dataset, rgd_gsps **out, char *message, size_t message_capacity);

/// The content of a GSPS read back. Valid (with every pointer in it) until rgd_gsps_free.
const rgd_gsps_content *rgd_gsps_content_of(const rgd_gsps *gsps);

/// Releases a GSPS read back. Null is allowed.
void rgd_gsps_free(rgd_gsps *gsps);

// MARK: De-identification (PS3.15 Annex E)

/// What happens to an element a rule matches (the caller resolves the profile's action codes).
typedef enum {
    RGD_DEID_KEEP = 0,          ///< Kept (a sequence's items are still walked).
    RGD_DEID_REMOVE = 1,        ///< X: removed.
    RGD_DEID_EMPTY = 2,         ///< Z: zero-length value (a sequence loses its items).
    RGD_DEID_DUMMY = 3,         ///< D: a fixed dummy of the element's VR (see rgd_deid_apply).
    RGD_DEID_REPLACE = 4,       ///< The caller computes the new value from the old (U, C, date shifts).
    RGD_DEID_REMOVE_GROUP = 5   ///< Removed with every element of its group in the same item (overlays).
} rgd_deid_action;

/// A rule: elements whose `(tag & mask) == (value & mask)` take `action`, or `sequence_action`
/// when the element is a sequence (RGD_DEID_KEEP or RGD_DEID_REPLACE there: its items are walked).
/// The first matching rule wins; elements of odd groups (private) are always removed; unmatched
/// elements are kept (and a sequence's items walked).
typedef struct {
    uint32_t tag;
    uint32_t mask;
    rgd_deid_action action;
    rgd_deid_action sequence_action;
} rgd_deid_rule;

/// An element found by rgd_deid_collect whose rule is RGD_DEID_REPLACE, in walk order.
typedef struct {
    uint32_t tag;
    uint32_t rule;       ///< Index of the rule that matched.
    char vr[4];          ///< Its VR ("DA", "UI", …), NUL-terminated.
    size_t offset;       ///< Its whole value (multiple values separated by '\\') in `text`:
    size_t length;       ///< bytes [offset, offset + length), not NUL-terminated.
} rgd_deid_record;

/// The caller's answer for one record.
typedef enum {
    RGD_DEID_SET = 0,       ///< The value becomes `value`.
    RGD_DEID_SET_EMPTY = 1, ///< Zero-length value.
    RGD_DEID_SET_REMOVE = 2,///< The element is removed.
    RGD_DEID_SET_DUMMY = 3, ///< The VR's dummy, as for RGD_DEID_DUMMY.
    RGD_DEID_SET_KEEP = 4   ///< Unchanged.
} rgd_deid_outcome;

typedef struct {
    rgd_deid_outcome outcome;
    const char *value;      ///< For RGD_DEID_SET; ASCII.
} rgd_deid_value;

/// First pass: walks the data set (top level and every sequence item, the way
/// rgd_deid_apply will: removed or emptied sequences are not entered) and reports every element
/// whose rule is RGD_DEID_REPLACE. `*records` and `*text` are freed with rgd_free.
rgd_status rgd_deid_collect(const rgd_dataset *dataset, const rgd_deid_rule *rules, size_t rule_count,
                            rgd_deid_record **records, size_t *record_count, char **text,
                            char *message, size_t message_capacity);

/// Second pass: applies the rules to the opened data set, changing it in place (DcmItem::remove,
/// DcmElement::putString and clear), with `values[i]` for the i-th record of rgd_deid_collect
/// (`value_count` must equal the number of records; RGD_BAD_ARGUMENT otherwise). Removes every
/// private element at every depth. Dummies: DA 19000101, TM 000000, DT 19000101000000, AS 000D,
/// IS/DS and binary numbers 0, UI/OB/OW/UN/UR and sequences zero-length, other text ANONYMIZED.
/// Pixel Data is never touched unless a rule names it.
rgd_status rgd_deid_apply(rgd_dataset *dataset, const rgd_deid_rule *rules, size_t rule_count,
                          const rgd_deid_value *values, size_t value_count, char *message, size_t message_capacity);

/// Sets an element of the opened data set from text, in place (DcmItem::putAndInsertString; the
/// VR from DCMTK's dictionary). `path` as for rgd_get_string; sequence items are created as needed.
rgd_status rgd_deid_set_string(rgd_dataset *dataset, const uint32_t *path, size_t path_length, const char *value,
                               char *message, size_t message_capacity);

/// Encodes the opened data set as a Part 10 stream in the transfer syntax it was read in, without
/// touching the pixel data's representation (compressed fragments are written as they were read).
/// The file meta information is new: the old group 0002 (Source AE Title, Private Information, …)
/// is dropped and Media Storage SOP Instance UID comes from the data set. `*out` is freed with
/// rgd_free.
rgd_status rgd_deid_encode(rgd_dataset *dataset, uint8_t **out, size_t *size, char *message, size_t message_capacity);

#ifdef __cplusplus
}
#endif

#endif
