#include "core/subprocess.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <string>

namespace bates {
namespace {

std::string ReadAll(Subprocess& p) {
  std::string out;
  char buf[256];
  while (true) {
    auto n = p.Read(buf, sizeof buf);
    if (!n.ok() || *n == 0) break;
    out.append(buf, *n);
  }
  return out;
}

TEST(SubprocessTest, StreamsOutputAndExitStatus) {
  auto p = Subprocess::Start({"/bin/sh", "-c", "echo hello; echo oops >&2; exit 3"}, {});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(ReadAll(*p), "hello\n");
  ExitInfo info = p->Wait();
  EXPECT_TRUE(info.exited);
  EXPECT_EQ(info.code, 3);
  EXPECT_EQ(info.stderr_tail, "oops\n");
  EXPECT_FALSE(info.success());
}

TEST(SubprocessTest, CrashIsReportedAsSignal) {
  auto p = Subprocess::Start({"/bin/sh", "-c", "kill -SEGV $$"}, {});
  ASSERT_TRUE(p.ok());
  ReadAll(*p);
  ExitInfo info = p->Wait();
  EXPECT_FALSE(info.exited);
  EXPECT_EQ(info.signal, SIGSEGV);
  EXPECT_NE(info.Describe().find("signal 11"), std::string::npos);
}

TEST(SubprocessTest, HangIsKilledAtTheTimeLimit) {
  SubprocessOptions options;
  options.time_limit = std::chrono::milliseconds(200);
  auto p = Subprocess::Start({"/bin/sleep", "30"}, options);
  ASSERT_TRUE(p.ok());
  char buf[8];
  auto n = p->Read(buf, sizeof buf);
  EXPECT_EQ(n.status().code(), StatusCode::kTimeout);
  ExitInfo info = p->Wait();
  EXPECT_TRUE(info.timed_out);
}

TEST(SubprocessTest, MemoryLimitStopsRunawayAllocation) {
  SubprocessOptions options;
  options.memory_limit_bytes = uint64_t{64} << 20;
  // python3 allocating 1 GiB must fail under a 64 MiB address-space limit.
  auto p = Subprocess::Start({"/usr/bin/python3", "-c", "x = bytearray(1 << 30)"}, options);
  ASSERT_TRUE(p.ok());
  ReadAll(*p);
  EXPECT_FALSE(p->Wait().success());
}

}  // namespace
}  // namespace bates
