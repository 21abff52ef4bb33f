#include "produce/imaging/tiff_writer.h"

#include <tiffio.h>

namespace bates::produce::imaging {

Status WriteGroup4Tiff(const std::filesystem::path& out, const std::vector<uint8_t>& gray,
                       int width, int height, int dpi) {
  if (gray.size() != static_cast<size_t>(width) * static_cast<size_t>(height)) {
    return InternalError("TIFF page buffer has the wrong size");
  }
  TIFF* tif = TIFFOpen(out.c_str(), "w");
  if (!tif) return IoError("cannot create {}", out.string());
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<uint32_t>(width));
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<uint32_t>(height));
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 1);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
  TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
  TIFFSetField(tif, TIFFTAG_FILLORDER, FILLORDER_MSB2LSB);
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, static_cast<uint32_t>(height));
  TIFFSetField(tif, TIFFTAG_XRESOLUTION, static_cast<float>(dpi));
  TIFFSetField(tif, TIFFTAG_YRESOLUTION, static_cast<float>(dpi));
  TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
  std::vector<uint8_t> row(static_cast<size_t>((width + 7) / 8));
  for (int y = 0; y < height; ++y) {
    std::fill(row.begin(), row.end(), 0);
    const uint8_t* src = gray.data() + static_cast<size_t>(y) * static_cast<size_t>(width);
    for (int x = 0; x < width; ++x) {
      // MINISWHITE: a set bit is black.
      if (src[x] < 128) row[static_cast<size_t>(x / 8)] |= static_cast<uint8_t>(0x80 >> (x % 8));
    }
    if (TIFFWriteScanline(tif, row.data(), static_cast<uint32_t>(y), 0) < 0) {
      TIFFClose(tif);
      return IoError("writing {}", out.string());
    }
  }
  TIFFClose(tif);
  return Status::Ok();
}

}  // namespace bates::produce::imaging
