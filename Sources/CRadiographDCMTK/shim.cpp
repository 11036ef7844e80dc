// The C face of DCMTK for Radiograph. See include/CRadiographDCMTK.h for the contract.
#include "dcmtk/config/osconfig.h"

#include "CRadiographDCMTK.h"
#include "depth_guard.h"
#include "j2k.h"
#include "shim_internal.h"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcistrmb.h"
#include "dcmtk/dcmdata/dcpixel.h"
#include "dcmtk/dcmdata/dcpixseq.h"
#include "dcmtk/dcmdata/dcpxitem.h"
#include "dcmtk/dcmdata/dcrledrg.h"
#include "dcmtk/dcmdata/dcsequen.h"
#include "dcmtk/dcmdata/dcxfer.h"
#include "dcmtk/dcmjpeg/djdecode.h"
#include "dcmtk/dcmjpls/djdecode.h"
#include "dcmtk/oflog/oflog.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <exception>
#include <mutex>
#include <new>
#include <string>
#include <vector>

struct rgd_dataset {
    DcmFileFormat file;
    /// The anonymous memory file a buffer was parsed from, kept open while large values (the
    /// pixel data) stay unloaded: DCMTK reads them from it when asked, straight into the
    /// caller's buffer. -1 for datasets read from a file path (everything loaded).
    int memory = -1;

    rgd_dataset() = default;
    rgd_dataset(const rgd_dataset &) = delete;
    rgd_dataset &operator=(const rgd_dataset &) = delete;
    ~rgd_dataset() {
        if (memory >= 0) close(memory);
    }
};

DcmFileFormat *rgd_file_of(const rgd_dataset *dataset) { return &const_cast<rgd_dataset *>(dataset)->file; }

namespace {

/// Once per process: quiet DCMTK's logger and register its decoders.
void initialize() {
    static std::once_flag once;
    std::call_once(once, [] {
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        DcmRLEDecoderRegistration::registerCodecs();
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
    });
}


/// The item that holds the last element of `path` (the data set for a top-level path).
DcmItem *itemFor(const rgd_dataset *dataset, const uint32_t *path, size_t length) {
    if (dataset == nullptr || path == nullptr || length == 0 || length % 2 == 0) return nullptr;
    DcmItem *item = const_cast<rgd_dataset *>(dataset)->file.getDataset();
    for (size_t i = 0; i + 1 < length; i += 2) {
        DcmItem *next = nullptr;
        if (item == nullptr) return nullptr;
        if (item->findAndGetSequenceItem(rgd_tag_key(path[i]), next, static_cast<signed long>(path[i + 1])).bad())
            return nullptr;
        item = next;
    }
    return item;
}

/// Loads a file with values above 4 KB read lazily, so that DCMTK first checks each declared
/// length against the bytes left (no allocation for a length the file cannot hold), then loads
/// every value into memory so nothing is read from the file later.
/// Parses `path` with every declared length checked against the bytes that remain; values longer
/// than DCM_MaxReadLength are left in the file and, unless `lazy`, loaded after (a file on disk
/// may change once we return; a memory file of ours cannot).
OFCondition loadBounded(DcmFileFormat &file, const char *path, bool lazy = false) {
    OFCondition cond = file.loadFile(OFFilename(path), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect);
    if (cond.good() && !lazy) cond = file.loadAllDataIntoMemory();
    return cond;
}

rgd_status openCondition(const OFCondition &cond, char *message, size_t capacity) {
    if (cond.good()) return RGD_OK;
    rgd_set_message(message, capacity, cond.text());
    return RGD_READ_FAILED;
}

}  // namespace

// MARK: - Opening

extern "C" rgd_status rgd_open_file(const char *path, rgd_dataset **out, char *message, size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        if (path == nullptr || out == nullptr) return RGD_BAD_ARGUMENT;
        initialize();
        {
            // The nesting pre-check scans the file mapped read-only (no copy); DCMTK reads it after.
            const int fd = open(path, O_RDONLY | O_CLOEXEC);
            struct stat st;
            if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
                void *map = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
                if (map != MAP_FAILED) {
                    std::string nesting;
                    const bool ok = rgd_nesting_within(static_cast<const uint8_t *>(map), static_cast<size_t>(st.st_size),
                                                       kRadiographMaxNesting, nesting);
                    munmap(map, static_cast<size_t>(st.st_size));
                    if (!ok) {
                        close(fd);
                        rgd_set_message(message, capacity, nesting);
                        return RGD_READ_FAILED;
                    }
                }
            }
            if (fd >= 0) close(fd);
        }
        rgd_dataset *dataset = new rgd_dataset();
        OFCondition cond = loadBounded(dataset->file, path);
        rgd_status status = openCondition(cond, message, capacity);
        if (status != RGD_OK) {
            delete dataset;
            return status;
        }
        *out = dataset;
        return RGD_OK;
    });
}

extern "C" rgd_status rgd_open_memory(const uint8_t *bytes, size_t count, rgd_dataset **out, char *message,
                                      size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        if (out == nullptr || (bytes == nullptr && count > 0)) return RGD_BAD_ARGUMENT;
        initialize();
        if (count < 8) {
            rgd_set_message(message, capacity, "too short to be DICOM");
            return RGD_READ_FAILED;
        }
        std::string nesting;
        if (!rgd_nesting_within(bytes, count, kRadiographMaxNesting, nesting)) {
            rgd_set_message(message, capacity, nesting);
            return RGD_READ_FAILED;
        }
        rgd_dataset *dataset = new rgd_dataset();
        OFCondition cond = EC_IllegalCall;
        // Read through an anonymous in-memory file (memfd, never on disk) so that DCMTK's file
        // stream checks every declared length against the bytes that remain before it allocates
        // anything; a buffer stream would allocate a value of any declared length first.
        const int fd = memfd_create("radiograph-dicom", MFD_CLOEXEC);
        if (fd >= 0) {
            size_t written = 0;
            int failure = 0;
            while (written < count) {
                const ssize_t n = write(fd, bytes + written, count - written);
                if (n < 0 && errno == EINTR) continue;
                if (n <= 0) {
                    failure = n < 0 ? errno : ENOSPC;
                    break;
                }
                written += static_cast<size_t>(n);
            }
            if (failure != 0) {
                // Not the data's fault: say what the system refused (a file-size limit, a full
                // memory file system) rather than calling the bytes unreadable DICOM.
                close(fd);
                delete dataset;
                rgd_set_message(message, capacity,
                                std::string("cannot stage the bytes in memory for parsing: ") + std::strerror(failure));
                return RGD_SYSTEM;
            }
            // The pixel data stays in the memory file until decoded: one copy fewer of the
            // largest value (and its page faults) on the acquisition path.
            cond = loadBounded(dataset->file, ("/proc/self/fd/" + std::to_string(fd)).c_str(), true);
            dataset->memory = fd;
        }
        if (fd < 0) {
            // No memfd: parse the buffer directly (bounded by count, but lengths are not pre-checked).
            DcmInputBufferStream stream;
            stream.setBuffer(bytes, static_cast<offile_off_t>(count));
            stream.setEos();
            dataset->file.transferInit();
            cond = dataset->file.read(stream, EXS_Unknown, EGL_noChange, DCM_MaxReadLength);
            dataset->file.transferEnd();
        }
        if (cond.good() && dataset->file.getDataset()->card() == 0) cond = EC_InvalidStream;
        rgd_status status = openCondition(cond, message, capacity);
        if (status != RGD_OK) {
            delete dataset;
            return status;
        }
        *out = dataset;
        return RGD_OK;
    });
}

extern "C" void rgd_close(rgd_dataset *dataset) {
    try {
        delete dataset;
    } catch (...) {
    }
}

// MARK: - Elements

extern "C" rgd_status rgd_get_string(const rgd_dataset *dataset, const uint32_t *path, size_t path_length,
                                     char *buffer, size_t capacity, size_t *length) {
    return rgd_guarded(nullptr, 0, [&]() -> rgd_status {
        if (length == nullptr) return RGD_BAD_ARGUMENT;
        DcmItem *item = itemFor(dataset, path, path_length);
        if (item == nullptr) return path_length % 2 == 1 && dataset != nullptr ? RGD_NOT_FOUND : RGD_BAD_ARGUMENT;
        OFString value;
        if (item->findAndGetOFStringArray(rgd_tag_key(path[path_length - 1]), value, OFFalse).bad()) return RGD_NOT_FOUND;
        *length = value.size();
        if (buffer == nullptr || capacity < value.size() + 1) return RGD_BAD_ARGUMENT;
        std::memcpy(buffer, value.c_str(), value.size() + 1);
        return RGD_OK;
    });
}

extern "C" rgd_status rgd_count_items(const rgd_dataset *dataset, const uint32_t *path, size_t path_length,
                                      size_t *count) {
    return rgd_guarded(nullptr, 0, [&]() -> rgd_status {
        if (count == nullptr) return RGD_BAD_ARGUMENT;
        DcmItem *item = itemFor(dataset, path, path_length);
        if (item == nullptr) return RGD_NOT_FOUND;
        DcmSequenceOfItems *sequence = nullptr;
        if (item->findAndGetSequence(rgd_tag_key(path[path_length - 1]), sequence).bad() || sequence == nullptr)
            return RGD_NOT_FOUND;
        *count = sequence->card();
        return RGD_OK;
    });
}

extern "C" rgd_status rgd_get_words(const rgd_dataset *dataset, const uint32_t *path, size_t path_length,
                                    uint16_t *buffer, size_t capacity, size_t *count) {
    return rgd_guarded(nullptr, 0, [&]() -> rgd_status {
        if (count == nullptr) return RGD_BAD_ARGUMENT;
        DcmItem *item = itemFor(dataset, path, path_length);
        if (item == nullptr) return RGD_NOT_FOUND;
        DcmElement *element = nullptr;
        if (item->findAndGetElement(rgd_tag_key(path[path_length - 1]), element).bad() || element == nullptr)
            return RGD_NOT_FOUND;
        const Uint16 *words = nullptr;
        size_t n = 0;
        if (element->getUint16Array(const_cast<Uint16 *&>(words)).good()) {
            n = element->getLength() / 2;
        } else {
            // SS data (e.g. a signed LUT descriptor) is read value by value as its bit pattern.
            n = element->getVM();
            if (buffer != nullptr) {
                size_t m = n < capacity ? n : capacity;
                for (size_t i = 0; i < m; ++i) {
                    Sint16 s = 0;
                    Uint16 u = 0;
                    if (element->getSint16(s, static_cast<unsigned long>(i)).good())
                        buffer[i] = static_cast<uint16_t>(s);
                    else if (element->getUint16(u, static_cast<unsigned long>(i)).good())
                        buffer[i] = u;
                    else
                        return RGD_NOT_FOUND;
                }
            }
            *count = n;
            return RGD_OK;
        }
        *count = n;
        if (buffer != nullptr && words != nullptr) std::memcpy(buffer, words, (n < capacity ? n : capacity) * 2);
        return RGD_OK;
    });
}

extern "C" rgd_status rgd_transfer_syntax(const rgd_dataset *dataset, char *buffer, size_t capacity) {
    return rgd_guarded(nullptr, 0, [&]() -> rgd_status {
        if (dataset == nullptr || buffer == nullptr || capacity == 0) return RGD_BAD_ARGUMENT;
        DcmXfer xfer(const_cast<rgd_dataset *>(dataset)->file.getDataset()->getOriginalXfer());
        rgd_set_message(buffer, capacity, xfer.getXferID());
        return RGD_OK;
    });
}

// MARK: - Pixels

namespace {

/// Shift, mask and sign-extend raw words (or the bytes of `narrow`) to stored values, in place.
/// Split by case so that each loop is branch-free and vectorises (it runs over every pixel of
/// every image read).
rgd_status finishStoredValues(const rgd_geometry &g, uint16_t *pixels, const uint8_t *narrow, size_t count) {
    const unsigned shift = g.high_bit + 1 - g.bits_stored;
    const unsigned bits = g.bits_stored;
    const uint16_t mask = bits >= 16 ? 0xFFFFu : static_cast<uint16_t>((1u << bits) - 1u);
    const bool isSigned = g.pixel_representation == 1;
    if (narrow != nullptr) {
        for (size_t i = 0; i < count; ++i) pixels[i] = narrow[i];
    }
    if (!isSigned) {
        if (shift == 0 && bits >= 16) return RGD_OK;
        for (size_t i = 0; i < count; ++i) pixels[i] = static_cast<uint16_t>((pixels[i] >> shift) & mask);
        return RGD_OK;
    }
    // Signed: move the value's top bit to bit 15, then shift arithmetically back down.
    const unsigned up = 16 - bits - shift;  // high_bit to bit 15
    const unsigned down = 16 - bits;
    for (size_t i = 0; i < count; ++i) {
        const int16_t v = static_cast<int16_t>(static_cast<uint16_t>(pixels[i] << up));
        pixels[i] = static_cast<uint16_t>(v >> down);
    }
    return RGD_OK;
}

/// The compressed bytes of `frame` (item 0 of the sequence is the Basic Offset Table): a single
/// frame is every fragment joined; several frames need one fragment each.
bool decodeJ2KFrame(DcmPixelData *pixelData, E_TransferSyntax xfer, uint32_t frame, const rgd_geometry &g,
                    uint16_t *pixels, std::string &error) {
    DcmPixelSequence *sequence = nullptr;
    if (pixelData->getEncapsulatedRepresentation(xfer, nullptr, sequence).bad() || sequence == nullptr) {
        error = "no encapsulated JPEG 2000 pixel data";
        return false;
    }
    const unsigned long items = sequence->card();
    if (items < 2) {
        error = "encapsulated pixel data holds no fragment";
        return false;
    }
    unsigned long first = 1, last = items - 1;
    if (g.number_of_frames > 1) {
        if (items - 1 != g.number_of_frames) {
            error = "multi-frame JPEG 2000 with " + std::to_string(items - 1) + " fragments for " +
                    std::to_string(g.number_of_frames) + " frames is not supported";
            return false;
        }
        first = last = frame + 1;
    }
    std::vector<uint8_t> stream;
    for (unsigned long i = first; i <= last; ++i) {
        DcmPixelItem *item = nullptr;
        Uint8 *bytes = nullptr;
        if (sequence->getItem(item, i).bad() || item == nullptr) {
            error = "cannot read fragment " + std::to_string(i);
            return false;
        }
        const Uint32 length = item->getLength();
        if (length == 0) continue;
        if (item->getUint8Array(bytes).bad() || bytes == nullptr) {
            error = "cannot read fragment " + std::to_string(i);
            return false;
        }
        stream.insert(stream.end(), bytes, bytes + length);
    }
    return rgd_decode_j2k(stream.data(), stream.size(), g.rows, g.columns, pixels, error);
}

}  // namespace

extern "C" rgd_status rgd_frame_geometry(const rgd_dataset *dataset, rgd_geometry *g, char *message,
                                         size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        if (dataset == nullptr || g == nullptr) return RGD_BAD_ARGUMENT;
        DcmDataset *ds = const_cast<rgd_dataset *>(dataset)->file.getDataset();
        auto fail = [&](const std::string &why) {
            rgd_set_message(message, capacity, why);
            return RGD_DECODE_FAILED;
        };
        auto u16 = [&](const DcmTagKey &key, uint32_t &out) -> bool {
            Uint16 v = 0;
            if (ds->findAndGetUint16(key, v).bad()) return false;
            out = v;
            return true;
        };
        std::memset(g, 0, sizeof(*g));
        DcmElement *pixelData = nullptr;
        if (ds->findAndGetElement(DCM_PixelData, pixelData).bad() || pixelData == nullptr)
            return fail("no Pixel Data (7FE0,0010)");
        if (!u16(DCM_Rows, g->rows)) return fail("no Rows (0028,0010)");
        if (!u16(DCM_Columns, g->columns)) return fail("no Columns (0028,0011)");
        if (!u16(DCM_BitsAllocated, g->bits_allocated)) return fail("no Bits Allocated (0028,0100)");
        if (!u16(DCM_BitsStored, g->bits_stored)) g->bits_stored = g->bits_allocated;
        if (!u16(DCM_HighBit, g->high_bit)) g->high_bit = g->bits_stored - 1;
        if (!u16(DCM_SamplesPerPixel, g->samples_per_pixel)) g->samples_per_pixel = 1;
        if (!u16(DCM_PixelRepresentation, g->pixel_representation)) g->pixel_representation = 0;
        Sint32 frames = 1;
        if (ds->findAndGetSint32(DCM_NumberOfFrames, frames).bad() || frames < 1) frames = 1;
        g->number_of_frames = static_cast<uint32_t>(frames);

        if (g->rows == 0 || g->columns == 0)
            return fail("image has " + std::to_string(g->rows) + " rows and " + std::to_string(g->columns) +
                        " columns");
        if (g->samples_per_pixel != 1)
            return fail("Samples per Pixel is " + std::to_string(g->samples_per_pixel) + "; only monochrome is supported");
        if (g->bits_allocated != 8 && g->bits_allocated != 16)
            return fail("Bits Allocated is " + std::to_string(g->bits_allocated) + " (8 or 16 supported)");
        if (g->bits_stored == 0 || g->bits_stored > g->bits_allocated)
            return fail("Bits Stored " + std::to_string(g->bits_stored) + " exceeds Bits Allocated " +
                        std::to_string(g->bits_allocated));
        if (g->high_bit >= g->bits_allocated || g->high_bit + 1 < g->bits_stored)
            return fail("High Bit " + std::to_string(g->high_bit) + " is inconsistent with Bits Stored " +
                        std::to_string(g->bits_stored) + " and Bits Allocated " + std::to_string(g->bits_allocated));
        if (g->pixel_representation > 1)
            return fail("Pixel Representation " + std::to_string(g->pixel_representation) + " (0 or 1)");
        const uint64_t pixels = static_cast<uint64_t>(g->rows) * g->columns;
        if (pixels > (uint64_t(1) << 28)) return fail("image is larger than 2^28 pixels");

        const E_TransferSyntax xfer = ds->getOriginalXfer();
        g->encapsulated = DcmXfer(xfer).isEncapsulated() ? 1 : 0;
        if (!g->encapsulated) {
            const uint64_t frameBytes = pixels * (g->bits_allocated / 8);
            g->native_pixel_bytes = pixelData->getLength();
            if (g->native_pixel_bytes < frameBytes * g->number_of_frames)
                return fail("Pixel Data holds " + std::to_string(g->native_pixel_bytes) + " bytes; " +
                            std::to_string(g->rows) + " x " + std::to_string(g->columns) + " x " +
                            std::to_string(g->bits_allocated / 8) + " bytes x " +
                            std::to_string(g->number_of_frames) + " frames need " +
                            std::to_string(frameBytes * g->number_of_frames));
        }
        return RGD_OK;
    });
}

rgd_status rgd_j2k_to_native(rgd_dataset *dataset, char *message, size_t capacity) {
    rgd_geometry g;
    rgd_status status = rgd_frame_geometry(dataset, &g, message, capacity);
    if (status != RGD_OK) return status;
    DcmDataset *ds = dataset->file.getDataset();
    const E_TransferSyntax xfer = ds->getOriginalXfer();
    if (xfer != EXS_JPEG2000LosslessOnly && xfer != EXS_JPEG2000) return RGD_BAD_ARGUMENT;
    // OpenJPEG hands back the codestream's sample patterns: they are the native words only when
    // the values sit in the low bits of 16-bit words.
    if (g.bits_allocated != 16 || g.high_bit + 1 != g.bits_stored) {
        rgd_set_message(message, capacity, "JPEG 2000 with " + std::to_string(g.bits_allocated) + " bits allocated and high bit " +
                                               std::to_string(g.high_bit) + " cannot be transcoded (16 bits, high bit = bits stored - 1)");
        return RGD_DECODE_FAILED;
    }
    DcmElement *element = nullptr;
    if (ds->findAndGetElement(DCM_PixelData, element).bad() || element == nullptr) return RGD_DECODE_FAILED;
    DcmPixelData *pixelData = OFstatic_cast(DcmPixelData *, element);
    const size_t count = static_cast<size_t>(g.rows) * g.columns;
    std::vector<uint16_t> words(count * g.number_of_frames);
    for (uint32_t frame = 0; frame < g.number_of_frames; ++frame) {
        std::string error;
        if (!decodeJ2KFrame(pixelData, xfer, frame, g, words.data() + count * frame, error)) {
            rgd_set_message(message, capacity, error);
            return RGD_DECODE_FAILED;
        }
    }
    // Keep the sample bits only (as a native reader would after masking with Bits Stored).
    const uint16_t mask = g.bits_stored >= 16 ? 0xFFFF : static_cast<uint16_t>((1u << g.bits_stored) - 1u);
    for (uint16_t &w : words) w &= mask;
    if (ds->putAndInsertUint16Array(DCM_PixelData, words.data(), static_cast<unsigned long>(words.size())).bad()) {
        rgd_set_message(message, capacity, "cannot replace the pixel data");
        return RGD_INTERNAL;
    }
    return RGD_OK;
}

extern "C" rgd_status rgd_decode_frame(rgd_dataset *dataset, uint32_t frame, uint16_t *pixels, size_t capacity,
                                       char *message, size_t message_capacity) {
    return rgd_guarded(message, message_capacity, [&]() -> rgd_status {
        if (dataset == nullptr || pixels == nullptr) return RGD_BAD_ARGUMENT;
        rgd_geometry g;
        rgd_status status = rgd_frame_geometry(dataset, &g, message, message_capacity);
        if (status != RGD_OK) return status;
        const size_t count = static_cast<size_t>(g.rows) * g.columns;
        if (capacity < count) return RGD_BAD_ARGUMENT;
        if (frame >= g.number_of_frames) {
            rgd_set_message(message, message_capacity, "frame " + std::to_string(frame) + " of " +
                                                      std::to_string(g.number_of_frames));
            return RGD_BAD_ARGUMENT;
        }
        DcmDataset *ds = dataset->file.getDataset();
        DcmElement *element = nullptr;
        if (ds->findAndGetElement(DCM_PixelData, element).bad() || element == nullptr) return RGD_DECODE_FAILED;
        DcmPixelData *pixelData = OFstatic_cast(DcmPixelData *, element);

        const size_t bytesPerPixel = g.bits_allocated / 8;
        // One padding byte: DCMTK may write a whole word for an odd frame size.
        std::vector<uint8_t> scratch;
        void *target = pixels;
        size_t frameBytes = count * bytesPerPixel;
        if (bytesPerPixel == 1) {
            scratch.resize(frameBytes + 2);
            target = scratch.data();
        }
        const E_TransferSyntax xfer = ds->getOriginalXfer();
        if (xfer == EXS_JPEG2000LosslessOnly || xfer == EXS_JPEG2000) {
            if (bytesPerPixel != 2) {
                rgd_set_message(message, message_capacity, "JPEG 2000 with 8 bits allocated is not supported");
                return RGD_DECODE_FAILED;
            }
            std::string error;
            if (!decodeJ2KFrame(pixelData, xfer, frame, g, pixels, error)) {
                rgd_set_message(message, message_capacity, error);
                return RGD_DECODE_FAILED;
            }
            return finishStoredValues(g, pixels, nullptr, count);
        }
        Uint32 startFragment = 0;
        OFString colorModel;
        OFCondition cond = pixelData->getUncompressedFrame(
            ds, frame, startFragment, target,
            static_cast<Uint32>(bytesPerPixel == 1 ? scratch.size() : capacity * 2), colorModel);
        if (cond.bad()) {
            DcmXfer xfer(ds->getOriginalXfer());
            rgd_set_message(message, message_capacity,
                       std::string(cond.text()) + " (transfer syntax " + xfer.getXferName() + ")");
            return RGD_DECODE_FAILED;
        }
        if (colorModel.size() > 0 && colorModel != "MONOCHROME1" && colorModel != "MONOCHROME2") {
            rgd_set_message(message, message_capacity, "decoded photometric interpretation " + std::string(colorModel.c_str()) +
                                                      " is not monochrome");
            return RGD_DECODE_FAILED;
        }
        return finishStoredValues(g, pixels, bytesPerPixel == 1 ? scratch.data() : nullptr, count);
    });
}
