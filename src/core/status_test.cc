#include "core/status.h"

#include <gtest/gtest.h>

#include "core/result.h"

namespace bates {
namespace {

TEST(StatusTest, CodeNamesRoundTrip) {
  for (int c = 0; c <= static_cast<int>(StatusCode::kInternal); ++c) {
    auto code = static_cast<StatusCode>(c);
    EXPECT_EQ(StatusCodeFromName(StatusCodeName(code)), code);
  }
  EXPECT_EQ(StatusCodeFromName("no such code"), StatusCode::kInternal);
}

TEST(StatusTest, ContextIsPrepended) {
  Status s = CorruptError("bad header at byte {}", 12).WithContext("x.eml");
  EXPECT_EQ(s.code(), StatusCode::kCorrupt);
  EXPECT_EQ(s.ToString(), "corrupt: x.eml: bad header at byte 12");
  EXPECT_TRUE(Status::Ok().WithContext("x").ok());
}

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgumentError("{} is odd", n);
  return n / 2;
}

Status Quarter(int n, int& out) {
  BATES_ASSIGN_OR_RETURN(int half, Half(n));
  BATES_ASSIGN_OR_RETURN(out, Half(half));
  return Status::Ok();
}

TEST(ResultTest, AssignOrReturnPropagatesTheFirstError) {
  int out = 0;
  EXPECT_TRUE(Quarter(8, out).ok());
  EXPECT_EQ(out, 2);
  Status s = Quarter(6, out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "3 is odd");
}

}  // namespace
}  // namespace bates
