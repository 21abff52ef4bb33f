// Result<T>: a value or the Status that explains why there is none. GCC 12 has no
// std::expected, so this is ours; it follows the same shape (value(), status(), ok()).
//
// Thread safety: values; copy or move freely.
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "core/status.h"

namespace bates {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!status_.ok() && "a Result built from a Status must carry an error");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace bates

#define BATES_CONCAT_INNER(a, b) a##b
#define BATES_CONCAT(a, b) BATES_CONCAT_INNER(a, b)

// BATES_ASSIGN_OR_RETURN(auto x, MakeX()); returns the error status if MakeX() failed.
#define BATES_ASSIGN_OR_RETURN(lhs, expr) \
  BATES_ASSIGN_OR_RETURN_IMPL(BATES_CONCAT(bates_result_, __LINE__), lhs, expr)
#define BATES_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
