// Writing DICOM objects through DCMTK: see include/CRadiographDCMTK.h (MARK: Writing).
#include "dcmtk/config/osconfig.h"

#include "CRadiographDCMTK.h"

#include <cstdio>

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcrleerg.h"
#include "dcmtk/dcmdata/dcsequen.h"
#include "dcmtk/dcmdata/dcxfer.h"
#include "dcmtk/dcmjpeg/djencode.h"
#include "dcmtk/dcmjpeg/djrplol.h"
#include "dcmtk/dcmjpls/djencode.h"
#include "dcmtk/dcmjpls/djrparam.h"
#include "dcmtk/oflog/oflog.h"

#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <exception>
#include <mutex>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shim_internal.h"

struct rgd_builder {
    DcmFileFormat file;
};

namespace {

void registerEncoders() {
    static std::once_flag once;
    std::call_once(once, [] {
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        DcmRLEEncoderRegistration::registerCodecs();
        DJEncoderRegistration::registerCodecs();
        DJLSEncoderRegistration::registerCodecs();
    });
}

}  // namespace

extern "C" rgd_status rgd_builder_create(rgd_builder **out) {
    return rgd_guarded(nullptr, 0, [&]() -> rgd_status {
        if (out == nullptr) return RGD_BAD_ARGUMENT;
        registerEncoders();
        *out = new rgd_builder();
        return RGD_OK;
    });
}

extern "C" rgd_status rgd_builder_copy(const rgd_dataset *source, rgd_builder **out) {
    return rgd_guarded(nullptr, 0, [&]() -> rgd_status {
        if (source == nullptr || out == nullptr) return RGD_BAD_ARGUMENT;
        registerEncoders();
        rgd_builder *b = new rgd_builder();
        b->file = *rgd_file_of(source);
        *out = b;
        return RGD_OK;
    });
}

extern "C" void rgd_builder_free(rgd_builder *builder) {
    try {
        delete builder;
    } catch (...) {
    }
}

extern "C" void rgd_free(void *pointer) { std::free(pointer); }

extern "C" rgd_status rgd_builder_set_string(rgd_builder *b, const uint32_t *path, size_t length, const char *value,
                                             char *message, size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        DcmItem *item = b == nullptr ? nullptr : rgd_item_creating(b->file.getDataset(), path, length);
        if (item == nullptr || value == nullptr) return RGD_BAD_ARGUMENT;
        OFCondition cond = item->putAndInsertString(rgd_tag_key(path[length - 1]), value);
        if (cond.bad()) {
            rgd_set_message(message, capacity, cond.text());
            return RGD_BAD_ARGUMENT;
        }
        return RGD_OK;
    });
}

extern "C" rgd_status rgd_builder_set_empty(rgd_builder *b, const uint32_t *path, size_t length, char *message,
                                            size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        DcmItem *item = b == nullptr ? nullptr : rgd_item_creating(b->file.getDataset(), path, length);
        if (item == nullptr) return RGD_BAD_ARGUMENT;
        OFCondition cond = item->insertEmptyElement(rgd_tag_key(path[length - 1]), OFTrue);
        if (cond.bad()) {
            rgd_set_message(message, capacity, cond.text());
            return RGD_BAD_ARGUMENT;
        }
        return RGD_OK;
    });
}

extern "C" rgd_status rgd_builder_remove(rgd_builder *b, const uint32_t *path, size_t length) {
    return rgd_guarded(nullptr, 0, [&]() -> rgd_status {
        DcmItem *item = b == nullptr ? nullptr : rgd_item_creating(b->file.getDataset(), path, length);
        if (item == nullptr) return RGD_BAD_ARGUMENT;
        item->findAndDeleteElement(rgd_tag_key(path[length - 1]), OFFalse, OFFalse);
        return RGD_OK;
    });
}

extern "C" rgd_status rgd_builder_remove_private(rgd_builder *b) {
    return rgd_guarded(nullptr, 0, [&]() -> rgd_status {
        if (b == nullptr) return RGD_BAD_ARGUMENT;
        DcmDataset *ds = b->file.getDataset();
        for (unsigned long i = ds->card(); i > 0; --i) {
            DcmElement *e = ds->getElement(i - 1);
            if (e != nullptr && e->getTag().isPrivate()) delete ds->remove(i - 1);
        }
        return RGD_OK;
    });
}

extern "C" rgd_status rgd_builder_convert_to_utf8(rgd_builder *b, char *message, size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        if (b == nullptr) return RGD_BAD_ARGUMENT;
        // Every string of the data set re-encoded from its Specific Character Set to UTF-8, which
        // is then declared (ISO_IR 192); DCMTK refuses when a value cannot be converted.
        OFCondition cond = b->file.getDataset()->convertToUTF8();
        if (cond.bad()) {
            std::snprintf(message, capacity, "cannot convert the text to UTF-8: %s", cond.text());
            return RGD_BAD_ARGUMENT;
        }
        return RGD_OK;
    });
}

extern "C" rgd_status rgd_builder_set_pixels(rgd_builder *b, const uint16_t *pixels, uint32_t rows, uint32_t columns,
                                             uint32_t bits_stored, int is_signed, char *message, size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        if (b == nullptr || pixels == nullptr || rows == 0 || columns == 0 || rows > 65535 || columns > 65535 ||
            bits_stored == 0 || bits_stored > 16) {
            rgd_set_message(message, capacity, "invalid image geometry for writing");
            return RGD_BAD_ARGUMENT;
        }
        DcmDataset *ds = b->file.getDataset();
        const size_t count = static_cast<size_t>(rows) * columns;
        const uint16_t mask = bits_stored >= 16 ? 0xFFFF : static_cast<uint16_t>((1u << bits_stored) - 1u);
        Uint16 *words = new Uint16[count];
        for (size_t i = 0; i < count; ++i) words[i] = pixels[i] & mask;
        ds->findAndDeleteElement(DCM_PixelData);
        bool ok = ds->putAndInsertUint16(DCM_Rows, static_cast<Uint16>(rows)).good() &&
                  ds->putAndInsertUint16(DCM_Columns, static_cast<Uint16>(columns)).good() &&
                  ds->putAndInsertUint16(DCM_SamplesPerPixel, 1).good() &&
                  ds->putAndInsertUint16(DCM_BitsAllocated, 16).good() &&
                  ds->putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(bits_stored)).good() &&
                  ds->putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(bits_stored - 1)).good() &&
                  ds->putAndInsertUint16(DCM_PixelRepresentation, is_signed ? 1 : 0).good() &&
                  ds->putAndInsertUint16Array(DCM_PixelData, words, static_cast<unsigned long>(count)).good();
        delete[] words;
        ds->findAndDeleteElement(DCM_NumberOfFrames);
        if (!ok) {
            rgd_set_message(message, capacity, "cannot set the pixel data");
            return RGD_INTERNAL;
        }
        return RGD_OK;
    });
}

extern "C" rgd_status rgd_builder_encode(rgd_builder *b, const char *uid, uint8_t **out, size_t *size, char *message,
                                         size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        if (b == nullptr || uid == nullptr || out == nullptr || size == nullptr) return RGD_BAD_ARGUMENT;
        const E_TransferSyntax xfer = DcmXfer(uid).getXfer();
        DcmDataset *ds = b->file.getDataset();
        OFCondition cond = EC_Normal;
        switch (xfer) {
        case EXS_LittleEndianExplicit:
            cond = ds->chooseRepresentation(xfer, nullptr);
            break;
        case EXS_JPEGProcess14SV1: {
            DJ_RPLossless parameters(1, 0);  // first-order prediction, no point transform
            cond = ds->chooseRepresentation(xfer, &parameters);
            break;
        }
        case EXS_JPEGLSLossless: {
            DJLSRepresentationParameter parameters(0, OFTrue);
            cond = ds->chooseRepresentation(xfer, &parameters);
            break;
        }
        case EXS_RLELossless:
            cond = ds->chooseRepresentation(xfer, nullptr);
            break;
        default:
            rgd_set_message(message, capacity, std::string("writing transfer syntax ") + uid + " is not supported");
            return RGD_BAD_ARGUMENT;
        }
        if (cond.bad() || !ds->canWriteXfer(xfer)) {
            rgd_set_message(message, capacity, std::string("cannot encode: ") + (cond.bad() ? cond.text() : "no encoder"));
            return RGD_INTERNAL;
        }
        return rgd_save_to_memory(b->file, xfer, out, size, message, capacity);
    });
}

rgd_status rgd_save_to_memory(DcmFileFormat &file, E_TransferSyntax xfer, uint8_t **out, size_t *size, char *message,
                              size_t capacity) {
    // Encode into an anonymous in-memory file, then hand its bytes over.
    const int fd = memfd_create("radiograph-write", MFD_CLOEXEC);
    if (fd < 0) {
        rgd_set_message(message, capacity, std::string("cannot create a memory file to encode into: ") + std::strerror(errno));
        return RGD_SYSTEM;
    }
    const std::string path = "/proc/self/fd/" + std::to_string(fd);
    OFCondition cond = file.saveFile(OFFilename(path.c_str()), xfer, EET_ExplicitLength, EGL_recalcGL, EPD_noChange, 0, 0,
                                     EWM_createNewMeta);
    struct stat st;
    if (cond.bad() || fstat(fd, &st) != 0) {
        close(fd);
        rgd_set_message(message, capacity, cond.bad() ? cond.text() : "cannot size the encoded object");
        return RGD_INTERNAL;
    }
    uint8_t *bytes = static_cast<uint8_t *>(std::malloc(st.st_size > 0 ? static_cast<size_t>(st.st_size) : 1));
    size_t got = 0;
    while (bytes != nullptr && got < static_cast<size_t>(st.st_size)) {
        const ssize_t n = pread(fd, bytes + got, static_cast<size_t>(st.st_size) - got, static_cast<off_t>(got));
        if (n <= 0) break;
        got += static_cast<size_t>(n);
    }
    close(fd);
    if (bytes == nullptr || got != static_cast<size_t>(st.st_size)) {
        std::free(bytes);
        rgd_set_message(message, capacity, "cannot read the encoded object back");
        return RGD_INTERNAL;
    }
    *out = bytes;
    *size = got;
    return RGD_OK;
}
