// Internal to the shim (shared by shim.cpp and writer.cpp): the exception boundary and helpers.
#ifndef CRADIOGRAPH_SHIM_INTERNAL_H
#define CRADIOGRAPH_SHIM_INTERNAL_H

#include "dcmtk/config/osconfig.h"

#include "CRadiographDCMTK.h"

#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dctagkey.h"
#include "dcmtk/dcmdata/dcxfer.h"

#include <cstring>
#include <exception>
#include <new>
#include <string>

/// Copies `text` into the caller's message buffer, NUL-terminated and truncated to fit.
inline void rgd_set_message(char *message, size_t capacity, const std::string &text) {
    if (message == nullptr || capacity == 0) return;
    size_t n = text.size() < capacity - 1 ? text.size() : capacity - 1;
    std::memcpy(message, text.data(), n);
    message[n] = '\0';
}

/// Runs `body`, turning any C++ exception into RGD_INTERNAL with a message: no exception ever
/// crosses the C boundary.
template <typename Body>
rgd_status rgd_guarded(char *message, size_t capacity, Body body) noexcept {
    try {
        return body();
    } catch (const std::bad_alloc &) {
        rgd_set_message(message, capacity, "out of memory inside DCMTK");
    } catch (const std::exception &e) {
        rgd_set_message(message, capacity, std::string("DCMTK raised: ") + e.what());
    } catch (...) {
        rgd_set_message(message, capacity, "DCMTK raised an unknown exception");
    }
    return RGD_INTERNAL;
}

/// `group << 16 | element` as a DCMTK tag key.
inline DcmTagKey rgd_tag_key(uint32_t tag) {
    return DcmTagKey(static_cast<Uint16>(tag >> 16), static_cast<Uint16>(tag & 0xFFFF));
}

/// The item holding the last element of `path` (tag, item index, tag, …, tag) under `item`,
/// creating sequence items on the way; null for a malformed path or when DCMTK refuses.
inline DcmItem *rgd_item_creating(DcmItem *item, const uint32_t *path, size_t length) {
    if (item == nullptr || path == nullptr || length == 0 || length % 2 == 0) return nullptr;
    for (size_t i = 0; i + 1 < length; i += 2) {
        DcmItem *next = nullptr;
        if (item->findOrCreateSequenceItem(rgd_tag_key(path[i]), next, static_cast<signed long>(path[i + 1])).bad() ||
            next == nullptr)
            return nullptr;
        item = next;
    }
    return item;
}

/// Saves `file` as a Part 10 stream in `xfer` (new file meta information) into bytes allocated
/// with malloc (defined in writer.cpp). The caller runs inside rgd_guarded.
rgd_status rgd_save_to_memory(DcmFileFormat &file, E_TransferSyntax xfer, uint8_t **out, size_t *size, char *message,
                              size_t capacity);

/// Replaces JPEG 2000 pixel data (every frame, decoded by OpenJPEG) with native 16-bit words
/// (defined in shim.cpp). RGD_BAD_ARGUMENT when the data set is not JPEG 2000.
rgd_status rgd_j2k_to_native(rgd_dataset *dataset, char *message, size_t capacity);

/// The DCMTK file object behind an opened data set (defined in shim.cpp).
DcmFileFormat *rgd_file_of(const rgd_dataset *dataset);

#endif
