// Internal to the shim: JPEG 2000 through OpenJPEG. Not part of the C API.
#ifndef CRADIOGRAPH_J2K_H
#define CRADIOGRAPH_J2K_H

#include <cstddef>
#include <cstdint>
#include <string>

/// Decodes one JPEG 2000 codestream (J2K or JP2) of `rows` × `columns` single-component pixels
/// into `pixels` as 16-bit patterns. On failure returns false with a reason in `error`.
bool rgd_decode_j2k(const uint8_t *data, size_t size, uint32_t rows, uint32_t columns, uint16_t *pixels,
                    std::string &error);

#endif
