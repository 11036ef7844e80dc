// Internal to the shim: a nesting-depth pre-check run before DCMTK parses a stream.
#ifndef CRADIOGRAPH_DEPTH_GUARD_H
#define CRADIOGRAPH_DEPTH_GUARD_H

#include <cstddef>
#include <cstdint>
#include <string>

/// The deepest nesting of sequences and items Radiograph accepts (real radiographs use fewer than
/// ten; DCMTK's recursive reader needs its stack to stay far below the thread's).
constexpr unsigned kRadiographMaxNesting = 64;

/// False (with a reason) when sequences in the Part 10 stream nest deeper than `limit`.
bool rgd_nesting_within(const uint8_t *bytes, size_t count, unsigned limit, std::string &error);

#endif
