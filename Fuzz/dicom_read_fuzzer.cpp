// libFuzzer harness over Radiograph's in-memory read and decode path: the same C functions the
// Swift adapter calls (rgd_open_memory → rgd_frame_geometry → rgd_decode_frame, plus the element
// getters used for metadata). Built with clang, ASan and UBSan by Fuzz/run.sh.
#include "CRadiographDCMTK.h"

#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char message[512];
    rgd_dataset *dataset = nullptr;
    if (rgd_open_memory(data, size, &dataset, message, sizeof message) != RGD_OK) return 0;

    // Metadata the adapter reads: strings (incl. inside sequences), words, item counts.
    const uint32_t tags[] = {0x00100010, 0x00100020, 0x00080016, 0x00080018, 0x00280004, 0x00281050, 0x00281051,
                             0x00281052, 0x00281053, 0x00281055, 0x00281056, 0x00181164, 0x00280030, 0x20500020,
                             0x00187032, 0x00187034, 0x00080008};
    char text[256];
    size_t length = 0;
    for (uint32_t tag : tags) rgd_get_string(dataset, &tag, 1, text, sizeof text, &length);
    for (uint32_t sequence : {0x00283010u, 0x00283000u, 0x00082218u, 0x00082228u}) {
        size_t items = 0;
        if (rgd_count_items(dataset, &sequence, 1, &items) != RGD_OK) continue;
        for (uint32_t item = 0; item < items && item < 4; ++item) {
            const uint32_t descriptor[] = {sequence, item, 0x00283002};
            const uint32_t lut[] = {sequence, item, 0x00283006};
            const uint32_t code[] = {sequence, item, 0x00080100};
            size_t count = 0;
            rgd_get_words(dataset, descriptor, 3, nullptr, 0, &count);
            if (rgd_get_words(dataset, lut, 3, nullptr, 0, &count) == RGD_OK && count < (1u << 20)) {
                std::vector<uint16_t> words(count);
                rgd_get_words(dataset, lut, 3, words.data(), words.size(), &count);
            }
            rgd_get_string(dataset, code, 3, text, sizeof text, &length);
        }
    }
    rgd_transfer_syntax(dataset, text, sizeof text);

    rgd_geometry geometry;
    if (rgd_frame_geometry(dataset, &geometry, message, sizeof message) == RGD_OK) {
        const size_t count = static_cast<size_t>(geometry.rows) * geometry.columns;
        if (count <= (1u << 24)) {  // the harness's own memory bound (16 M pixels)
            std::vector<uint16_t> pixels(count);
            rgd_decode_frame(dataset, 0, pixels.data(), pixels.size(), message, sizeof message);
        }
    }
    rgd_close(dataset);
    return 0;
}
