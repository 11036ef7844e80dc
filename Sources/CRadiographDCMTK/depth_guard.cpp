// A pre-check of how deeply sequences nest, run before DCMTK parses a stream: DCMTK's reader
// recurses once per nesting level, so a small crafted file with 100,000 nested sequences overflows
// the stack (found with Fuzz/, see Fuzz/README.md). This is not a parser: it walks element headers
// (tag, VR, length) with an explicit stack, descends only into sequences and items, and skips
// every value. DCMTK still does all the parsing.
#include "depth_guard.h"

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctag.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace {

constexpr uint32_t kUndefined = 0xFFFFFFFFu;

struct Reader {
    const uint8_t *data;
    size_t size;
    bool bigEndian = false;
    uint16_t u16(size_t at) const {
        return bigEndian ? uint16_t(data[at] << 8 | data[at + 1]) : uint16_t(data[at] | data[at + 1] << 8);
    }
    uint32_t u32(size_t at) const {
        return bigEndian ? (uint32_t(u16(at)) << 16 | u16(at + 2)) : (uint32_t(u16(at)) | uint32_t(u16(at + 2)) << 16);
    }
};

bool longForm(const uint8_t *vr) {
    static const char *const forms[] = {"OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UT", "UN", "UC", "UR", "SV", "UV"};
    for (const char *f : forms)
        if (vr[0] == f[0] && vr[1] == f[1]) return true;
    return false;
}

struct Frame {
    size_t end;    // for a defined length; SIZE_MAX when undefined
    bool opaque;   // encapsulated pixel data: its items are fragments, not data sets
};

bool scanDataSet(const Reader &r, size_t i, bool explicitVR, unsigned limit, std::string &error);

/// The largest inflated data set scanned: beyond it the file is refused (a deflate bomb).
constexpr size_t kMaxInflated = size_t(1) << 30;

/// Inflates the raw deflate stream of a Deflated Explicit VR Little Endian data set (PS3.5 A.5).
bool inflateDataSet(const uint8_t *bytes, size_t count, std::vector<uint8_t> &out, std::string &error) {
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) {
        error = "cannot inflate the deflated data set";
        return false;
    }
    z.next_in = const_cast<Bytef *>(bytes);
    z.avail_in = static_cast<uInt>(std::min(count, size_t(UINT32_MAX)));  // (inputs over 4 GiB: the start is scanned)
    out.resize(std::min(std::max(count * 4, size_t(1) << 16), kMaxInflated));
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        if (z.total_out == out.size()) {
            if (out.size() >= kMaxInflated) {
                inflateEnd(&z);
                error = "the deflated data set inflates to more than 1 GiB";
                return false;
            }
            out.resize(std::min(out.size() * 2, kMaxInflated));
        }
        z.next_out = out.data() + z.total_out;
        z.avail_out = static_cast<uInt>(std::min(out.size() - z.total_out, size_t(UINT32_MAX)));
        status = inflate(&z, Z_NO_FLUSH);
        if (status == Z_BUF_ERROR && z.avail_in == 0) break;  // truncated: scan what there is
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
            break;  // not valid deflate from here on: scan what came before; DCMTK reports the rest
        }
    }
    out.resize(z.total_out);
    inflateEnd(&z);
    return true;
}

}  // namespace

bool rgd_nesting_within(const uint8_t *bytes, size_t count, unsigned limit, std::string &error) {
    if (bytes == nullptr || count < 8) return true;
    Reader r{bytes, count};
    size_t i = 0;
    // Part 10: preamble and marker, then the file meta group (explicit VR little endian).
    bool explicitVR = true;
    if (count >= 132 && std::memcmp(bytes + 128, "DICM", 4) == 0) {
        i = 132;
        std::string syntax;
        while (i + 8 <= count && r.u16(i) == 0x0002) {
            const uint16_t element = r.u16(i + 2);
            size_t header = 8;
            uint32_t length = r.u16(i + 6);
            if (longForm(bytes + i + 4)) {
                if (i + 12 > count) return true;
                length = r.u32(i + 8);
                header = 12;
            }
            if (length == kUndefined || i + header + length > count) return true;  // DCMTK reports it
            if (element == 0x0010) syntax.assign(reinterpret_cast<const char *>(bytes + i + header), length);
            i += header + length;
        }
        while (!syntax.empty() && (syntax.back() == '\0' || syntax.back() == ' ')) syntax.pop_back();
        if (syntax == "1.2.840.10008.1.2") explicitVR = false;
        if (syntax == "1.2.840.10008.1.2.2") r.bigEndian = true;
        if (syntax == "1.2.840.10008.1.2.1.99") {
            // Deflated: the data set after the meta group is scanned once inflated.
            std::vector<uint8_t> inflated;
            if (!inflateDataSet(bytes + i, count - i, inflated, error)) return false;
            return scanDataSet(Reader{inflated.data(), inflated.size()}, 0, true, limit, error);
        }
    } else {
        // A bare data set: explicit when a VR follows the first tag.
        explicitVR = bytes[4] >= 'A' && bytes[4] <= 'Z' && bytes[5] >= 'A' && bytes[5] <= 'Z';
    }
    return scanDataSet(r, i, explicitVR, limit, error);
}

namespace {

bool scanDataSet(const Reader &r, size_t i, bool explicitVR, unsigned limit, std::string &error) {
    const uint8_t *bytes = r.data;
    const size_t count = r.size;
    std::vector<Frame> stack;
    while (i + 8 <= count) {
        while (!stack.empty() && stack.back().end != SIZE_MAX && i >= stack.back().end) stack.pop_back();
        const uint16_t group = r.u16(i);
        const uint16_t element = r.u16(i + 2);
        if (group == 0xFFFE) {
            const uint32_t length = r.u32(i + 4);
            i += 8;
            if (element == 0xE000) {
                const bool inFragments = !stack.empty() && stack.back().opaque;
                if (inFragments) {
                    if (length == kUndefined) return true;
                    i += length;  // a fragment: raw bytes
                } else {
                    stack.push_back({length == kUndefined ? SIZE_MAX : i + length, false});
                }
            } else if (!stack.empty() && stack.back().end == SIZE_MAX) {
                stack.pop_back();  // item or sequence delimiter closes the innermost undefined-length level
            }
        } else {
            size_t header = 8;
            uint32_t length;
            bool sequence;
            if (explicitVR) {
                const uint8_t *vr = bytes + i + 4;
                if (longForm(vr)) {
                    if (i + 12 > count) break;
                    length = r.u32(i + 8);
                    header = 12;
                } else {
                    length = r.u16(i + 6);
                }
                sequence = vr[0] == 'S' && vr[1] == 'Q';
            } else {
                length = r.u32(i + 4);
                sequence = DcmTag(group, element).getEVR() == EVR_SQ;
            }
            i += header;
            const bool pixelData = group == 0x7FE0 && element == 0x0010;
            if (length == kUndefined) {
                stack.push_back({SIZE_MAX, pixelData});
            } else if (sequence) {
                stack.push_back({i + length, false});
            } else {
                i += length;
            }
        }
        if (stack.size() > limit) {
            error = "sequences nested deeper than " + std::to_string(limit) + " levels";
            return false;
        }
    }
    return true;
}

}  // namespace
