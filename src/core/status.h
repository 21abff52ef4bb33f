// Status and Result<T>: how every bates function reports failure.
//
// A Status is a code from a small, stable set plus a message for people. Functions that can fail
// return Status (or Result<T> when they also produce a value); exceptions never cross a module
// boundary. A per-document failure is not an error of the run: readers turn it into an exception
// item, so most callers see Status only for failures that end an operation.
//
// Thread safety: values; copy freely.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>

namespace bates {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kCorrupt,
  kUnsupportedFormat,
  kEncrypted,
  kIoError,
  kTimeout,
  kCancelled,
  kResourceExhausted,
  kConflict,
  kInternal,
};

// The stable lower-case name of a code ("corrupt", "encrypted"), as stored and printed.
std::string_view StatusCodeName(StatusCode code);
// The inverse of StatusCodeName; kInternal for an unknown name.
StatusCode StatusCodeFromName(std::string_view name);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "corrupt: truncated header" (or "ok").
  std::string ToString() const;

  // Returns this status with `context` prepended to the message ("reading x.pdf: ...").
  Status WithContext(std::string_view context) const;

  // Marks a status as deliberately ignored.
  void IgnoreError() const {}

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

template <typename... Args>
Status MakeStatus(StatusCode code, fmt::format_string<Args...> format, Args&&... args) {
  return Status(code, fmt::format(format, std::forward<Args>(args)...));
}

#define BATES_STATUS_FACTORY(Name, Code)                                               \
  template <typename... Args>                                                          \
  Status Name(fmt::format_string<Args...> format, Args&&... args) {                    \
    return Status(StatusCode::Code, fmt::format(format, std::forward<Args>(args)...)); \
  }
BATES_STATUS_FACTORY(InvalidArgumentError, kInvalidArgument)
BATES_STATUS_FACTORY(NotFoundError, kNotFound)
BATES_STATUS_FACTORY(AlreadyExistsError, kAlreadyExists)
BATES_STATUS_FACTORY(CorruptError, kCorrupt)
BATES_STATUS_FACTORY(UnsupportedFormatError, kUnsupportedFormat)
BATES_STATUS_FACTORY(EncryptedError, kEncrypted)
BATES_STATUS_FACTORY(IoError, kIoError)
BATES_STATUS_FACTORY(TimeoutError, kTimeout)
BATES_STATUS_FACTORY(CancelledError, kCancelled)
BATES_STATUS_FACTORY(ResourceExhaustedError, kResourceExhausted)
BATES_STATUS_FACTORY(ConflictError, kConflict)
BATES_STATUS_FACTORY(InternalError, kInternal)
#undef BATES_STATUS_FACTORY

}  // namespace bates

// Returns from the enclosing function if `expr` (a Status) is not ok.
#define BATES_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::bates::Status bates_status_ = (expr);        \
    if (!bates_status_.ok()) return bates_status_; \
  } while (0)
