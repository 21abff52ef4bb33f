#include "produce/write_file.h"

#include <fstream>

namespace bates::produce {

Status WriteVolumeFile(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (out) out.close();
  if (!out) return IoError("cannot write {}", path.string());
  return Status::Ok();
}

}  // namespace bates::produce
