#include "index/xapian_internal.h"

namespace bates::index::internal {

Status StatusFromXapian(const Xapian::Error& error, std::string_view context) {
  // Xapian::Error is not polymorphic; get_type() names the most derived class.
  std::string_view type = error.get_type();
  std::string what = error.get_description();
  if (type == "DatabaseLockError") {
    return ConflictError(
        "{}: the index is locked: another bates process holds this case; wait for it to finish "
        "or stop it ({})",
        context, what);
  }
  if (type == "DatabaseNotFoundError")
    return NotFoundError("{}: no index there ({})", context, what);
  if (type == "DatabaseVersionError") {
    return UnsupportedFormatError("{}: index format not supported ({})", context, what);
  }
  if (type == "DatabaseCorruptError") return CorruptError("{}: {}", context, what);
  if (type.substr(0, 8) == "Database") return IoError("{}: {}", context, what);
  if (type == "InvalidArgumentError" || type == "WildcardError") {
    return InvalidArgumentError("{}: {}", context, what);
  }
  return InternalError("{}: {}", context, what);
}

}  // namespace bates::index::internal
