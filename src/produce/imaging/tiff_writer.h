// Writes one bilevel page as a single-page TIFF, CCITT Group IV, the image format review platforms
// expect for black-and-white productions. No date tag is written, so output is deterministic.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/result.h"

namespace bates::produce::imaging {

// `gray` is width*height bytes, 0 black .. 255 white; pixels darker than mid-grey become black.
Status WriteGroup4Tiff(const std::filesystem::path& out, const std::vector<uint8_t>& gray,
                       int width, int height, int dpi);

}  // namespace bates::produce::imaging
