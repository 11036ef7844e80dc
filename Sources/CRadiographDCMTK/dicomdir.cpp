// Transcoding to explicit VR little endian, and DICOMDIR files through DcmDicomDirInterface: see
// include/CRadiographDCMTK.h (MARK: Media).
#include "dcmtk/config/osconfig.h"

#include "CRadiographDCMTK.h"
#include "shim_internal.h"

#include "dcmtk/dcmdata/dcddirif.h"
#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcxfer.h"
#include "dcmtk/oflog/oflog.h"
#include "dcmtk/oflog/spi/logevent.h"

#include <mutex>
#include <string>

namespace {

/// Owns an opened data set so every exit path closes it.
struct Opened {
    rgd_dataset *dataset = nullptr;
    ~Opened() { rgd_close(dataset); }
};

/// Decompresses the opened data set to explicit VR little endian in place. JPEG, JPEG-LS and RLE go
/// through DCMTK's decoders (registered by rgd_open_memory); JPEG 2000 through the shim's OpenJPEG
/// path, its frames replacing the pixel data as native words.
rgd_status decompress(rgd_dataset *dataset, char *message, size_t capacity) {
    DcmDataset *ds = rgd_file_of(dataset)->getDataset();
    const E_TransferSyntax original = ds->getOriginalXfer();
    if (original == EXS_JPEG2000LosslessOnly || original == EXS_JPEG2000) {
        return rgd_j2k_to_native(dataset, message, capacity);
    }
    const OFCondition cond = ds->chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
    if (cond.bad() || !ds->canWriteXfer(EXS_LittleEndianExplicit)) {
        rgd_set_message(message, capacity,
                        std::string("cannot decompress ") + DcmXfer(original).getXferName() + ": " +
                            (cond.bad() ? cond.text() : "no decoder for this transfer syntax"));
        return RGD_DECODE_FAILED;
    }
    return RGD_OK;
}

/// Opens `bytes` (with the reader's checks), decompresses, lets `adjust` edit the data set, and
/// saves a Part 10 stream in explicit VR little endian with new file meta information.
template <typename Adjust>
rgd_status transcode(const uint8_t *bytes, size_t count, uint8_t **out, size_t *out_size, char *message,
                     size_t capacity, Adjust adjust) {
    if (out == nullptr || out_size == nullptr) return RGD_BAD_ARGUMENT;
    Opened opened;
    const rgd_status status = rgd_open_memory(bytes, count, &opened.dataset, message, capacity);
    if (status != RGD_OK) return status;
    DcmFileFormat &file = *rgd_file_of(opened.dataset);
    if (rgd_status s = decompress(opened.dataset, message, capacity); s != RGD_OK) return s;
    if (rgd_status s = adjust(*file.getDataset()); s != RGD_OK) return s;
    return rgd_save_to_memory(file, EXS_LittleEndianExplicit, out, out_size, message, capacity);
}

/// Collects what DCMTK's dcmdata logger says (DicomDirInterface reports every refusal there).
class Collector : public dcmtk::log4cplus::Appender {
public:
    std::string text;
    ~Collector() override { destructorImpl(); }
    void close() override { closed = true; }

protected:
    void append(const dcmtk::log4cplus::spi::InternalLoggingEvent &event) override {
        if (event.getLogLevel() < OFLogger::WARN_LOG_LEVEL) return;
        if (!text.empty()) text += "; ";
        text += event.getMessage().c_str();
    }
};

/// Routes dcmdata's warnings and errors to a Collector for one scope (and away from the console).
/// The dcmdata logger is process-wide: DICOMDIR writes are serialised by the caller's lock.
class Capture {
public:
    Capture() : collector(new Collector()), appender(collector) {
        DCM_dcmdataLogger.setAdditivity(false);
        DCM_dcmdataLogger.addAppender(appender);
        DCM_dcmdataLogger.setLogLevel(OFLogger::WARN_LOG_LEVEL);
    }
    ~Capture() {
        DCM_dcmdataLogger.setLogLevel(dcmtk::log4cplus::NOT_SET_LOG_LEVEL);
        DCM_dcmdataLogger.removeAppender(appender);
        DCM_dcmdataLogger.setAdditivity(true);
    }
    const std::string &text() const { return collector->text; }

private:
    Collector *collector;
    dcmtk::log4cplus::SharedAppenderPtr appender;
};

std::mutex dicomdirLock;

}  // namespace

// MARK: - Transcoding

extern "C" rgd_status rgd_transcode_explicit_le(const uint8_t *bytes, size_t count, uint8_t **out, size_t *out_size,
                                                char *message, size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        return transcode(bytes, count, out, out_size, message, capacity, [](DcmDataset &) { return RGD_OK; });
    });
}

extern "C" rgd_status rgd_transcode_dental_media(const uint8_t *bytes, size_t count, uint8_t **out, size_t *out_size,
                                                 char *message, size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        return transcode(bytes, count, out, out_size, message, capacity, [&](DcmDataset &ds) -> rgd_status {
            // Type 2 in STD-DEN-CD: present, possibly empty.
            for (const DcmTagKey &key : {DCM_InstitutionName, DCM_ManufacturerModelName, DCM_DetectorID,
                                         DCM_DetectorManufacturerName, DCM_DetectorManufacturerModelName}) {
                if (!ds.tagExists(key) && ds.insertEmptyElement(key).bad()) {
                    rgd_set_message(message, capacity, std::string("cannot add ") + DcmTag(key).getTagName());
                    return RGD_INTERNAL;
                }
            }
            Uint16 allocated = 0, stored = 0, high = 0, representation = 0;
            if (ds.findAndGetUint16(DCM_BitsAllocated, allocated).bad() ||
                ds.findAndGetUint16(DCM_BitsStored, stored).bad() || ds.findAndGetUint16(DCM_HighBit, high).bad()) {
                rgd_set_message(message, capacity, "no Bits Allocated, Bits Stored or High Bit");
                return RGD_DECODE_FAILED;
            }
            ds.findAndGetUint16(DCM_PixelRepresentation, representation);
            if (stored == 8 || stored == 10 || stored == 12 || stored == 16) return RGD_OK;
            // STD-DEN-CD takes 8, 10, 12 or 16 bits stored. Unsigned values of fewer bits, stored
            // low (High Bit = Bits Stored - 1) in 16-bit words, are the same numbers read as 16 bits
            // once the bits above High Bit are cleared: re-described, not rescaled.
            if (allocated != 16 || representation != 0 || high + 1 != stored || stored > 16) {
                rgd_set_message(message, capacity,
                                "Bits Stored " + std::to_string(stored) + " (allocated " + std::to_string(allocated) +
                                    ", high bit " + std::to_string(high) + ", pixel representation " +
                                    std::to_string(representation) +
                                    ") cannot be re-described for the dental media profile (8, 10, 12 or 16 bits)");
                return RGD_BAD_ARGUMENT;
            }
            DcmElement *element = nullptr;
            Uint16 *words = nullptr;
            if (ds.findAndGetElement(DCM_PixelData, element).bad() || element == nullptr ||
                element->getUint16Array(words).bad() || words == nullptr) {
                rgd_set_message(message, capacity, "no native 16-bit Pixel Data");
                return RGD_DECODE_FAILED;
            }
            const unsigned long n = element->getLength() / 2;
            const Uint16 mask = static_cast<Uint16>((1u << stored) - 1u);
            for (unsigned long i = 0; i < n; ++i) words[i] &= mask;
            if (ds.putAndInsertUint16(DCM_BitsStored, 16).bad() || ds.putAndInsertUint16(DCM_HighBit, 15).bad()) {
                rgd_set_message(message, capacity, "cannot set Bits Stored");
                return RGD_INTERNAL;
            }
            return RGD_OK;
        });
    });
}

// MARK: - DICOMDIR

extern "C" rgd_status rgd_dicomdir_write(const char *folder, const char *const *relative_files, size_t count,
                                         const char *fileset_id, char *message, size_t capacity) {
    return rgd_guarded(message, capacity, [&]() -> rgd_status {
        if (folder == nullptr || (relative_files == nullptr && count > 0) || fileset_id == nullptr) return RGD_BAD_ARGUMENT;
        if (count == 0) {
            rgd_set_message(message, capacity, "a DICOMDIR references at least one file");
            return RGD_BAD_ARGUMENT;
        }
        std::lock_guard<std::mutex> lock(dicomdirLock);
        Capture capture;
        auto refused = [&](const std::string &what, const OFCondition &cond) {
            std::string text = what + ": " + cond.text();
            if (!capture.text().empty()) text += " (" + capture.text() + ")";
            rgd_set_message(message, capacity, text);
            return RGD_BAD_ARGUMENT;
        };
        const std::string path = std::string(folder) + "/DICOMDIR";
        DicomDirInterface dicomdir;
        dicomdir.disableBackupMode();
        OFCondition cond = dicomdir.createNewDicomDir(DicomDirInterface::AP_DentalRadiograph, OFFilename(path.c_str()),
                                                      fileset_id);
        if (cond.bad()) return refused("cannot create " + path, cond);
        for (size_t i = 0; i < count; ++i) {
            if (relative_files[i] == nullptr) return RGD_BAD_ARGUMENT;
            // DCMTK names the file relative to the folder and checks it against the profile.
            cond = dicomdir.addDicomFile(OFFilename(relative_files[i]), OFFilename(folder));
            if (cond.bad()) return refused(std::string("DCMTK refused ") + relative_files[i] + " for STD-DEN-CD", cond);
        }
        cond = dicomdir.writeDicomDir();
        if (cond.bad()) return refused("cannot write " + path, cond);
        return RGD_OK;
    });
}
