#include "loadfile_target.h"

#include <string_view>

#include "demand/intake/bates_run.h"
#include "demand/intake/privilege_log.h"
#include "produce/loadfile/dat.h"
#include "produce/loadfile/encoding.h"
#include "produce/loadfile/opt.h"

namespace bates::fuzz {

void RunLoadFileParsers(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)produce::loadfile::DecodeLoadFile(bytes);
  (void)produce::loadfile::ReadDat(bytes);
  (void)produce::loadfile::ReadOpt(bytes);
  // Intake also reads the producer's privilege log (CSV) and its Bates numbers and ranges.
  (void)demand::intake::ReadPrivilegeLog(bytes);
  (void)demand::intake::ParseBatesRange(bytes.substr(0, 256));
}

}  // namespace bates::fuzz
