#include "cli/progress_bar.h"

#include <fmt/format.h>
#include <unistd.h>

#include <string>

namespace bates::cli {
namespace {

std::string Bytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1000 && u < 4) {
    bytes /= 1000;
    ++u;
  }
  return fmt::format("{:.1f} {}", bytes, units[u]);
}

std::string Clock(double seconds) {
  auto s = static_cast<long>(seconds);
  return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
}

}  // namespace

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled && ::isatty(STDERR_FILENO) != 0) {}

void ProgressBar::OnProgress(const ProgressSnapshot& s) {
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  Draw(s, false);
}

void ProgressBar::OnDone(const ProgressSnapshot& s) { Draw(s, true); }

void ProgressBar::Draw(const ProgressSnapshot& s, bool final_line) {
  if (!enabled_) return;
  double fraction = s.total_bytes > 0 ? static_cast<double>(s.bytes) / static_cast<double>(s.total_bytes)
                                      : 0;
  constexpr int kWidth = 24;
  int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '-');
  double elapsed = s.elapsed_seconds > 0 ? s.elapsed_seconds : 1e-9;
  std::string eta = fraction > 0.01 && !final_line
                        ? " ETA " + Clock(elapsed / fraction - elapsed)
                        : "";
  std::string line = fmt::format(
      "\r{:8} [{}] {:3.0f}%  {} files {} items ({} exceptions)  {:.0f} items/s  {}/s  {}{}\x1b[K",
      s.stage, bar, fraction * 100, s.files, s.items, s.exceptions,
      static_cast<double>(s.items) / elapsed, Bytes(static_cast<double>(s.bytes) / elapsed),
      Clock(elapsed), eta);
  std::fputs(line.c_str(), stderr);
  if (final_line) std::fputc('\n', stderr);
  std::fflush(stderr);
}

}  // namespace bates::cli
