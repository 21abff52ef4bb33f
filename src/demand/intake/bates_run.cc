#include "demand/intake/bates_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace bates::demand::intake {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<BatesNumber> ParseBatesNumber(std::string_view text) {
  text = Trim(text);
  size_t digits = 0;
  while (digits < text.size() && text[text.size() - 1 - digits] >= '0' &&
         text[text.size() - 1 - digits] <= '9') {
    ++digits;
  }
  // 18 digits always fit in int64_t.
  if (digits == 0 || digits > 18) return std::nullopt;
  BatesNumber b;
  b.prefix = std::string(text.substr(0, text.size() - digits));
  b.width = static_cast<int>(digits);
  for (char c : text.substr(text.size() - digits)) b.number = b.number * 10 + (c - '0');
  return b;
}

std::string FormatBatesNumber(const std::string& prefix, int64_t number, int width) {
  return fmt::format("{}{:0{}d}", prefix, number, width);
}

std::optional<BatesRange> ParseBatesRange(std::string_view text) {
  std::string s(Trim(text));
  // An en dash or em dash between the ends reads as '-'.
  for (std::string_view dash : {"\u2013", "\u2014"}) {
    for (size_t at = s.find(dash); at != std::string::npos; at = s.find(dash)) {
      s.replace(at, dash.size(), "-");
    }
  }
  // The separator is the last '-' followed by the same prefix; a prefix may itself hold '-'.
  for (size_t at = s.rfind('-'); at != std::string::npos && at > 0; at = s.rfind('-', at - 1)) {
    auto beg = ParseBatesNumber(std::string_view(s).substr(0, at));
    auto end = ParseBatesNumber(std::string_view(s).substr(at + 1));
    if (beg && end && beg->prefix == Trim(end->prefix) && end->number >= beg->number) {
      return BatesRange{*beg, end->number};
    }
    if (at == 0) break;
  }
  auto one = ParseBatesNumber(s);
  if (!one) return std::nullopt;
  return BatesRange{*one, one->number};
}

std::vector<RunFinding> CheckBatesRun(std::vector<BatesRange> ranges) {
  std::map<std::string, std::vector<BatesRange>> by_prefix;
  for (BatesRange& r : ranges) by_prefix[r.beg.prefix].push_back(std::move(r));
  std::vector<RunFinding> out;
  for (auto& entry : by_prefix) {
    // Plain references: clang before 16 cannot capture structured bindings in a lambda.
    const std::string& prefix = entry.first;
    std::vector<BatesRange>& list = entry.second;
    std::sort(list.begin(), list.end(), [](const BatesRange& a, const BatesRange& b) {
      return a.beg.number < b.beg.number || (a.beg.number == b.beg.number && a.end < b.end);
    });
    int width = list.front().beg.width;
    auto name = [&](int64_t n) { return FormatBatesNumber(prefix, n, width); };
    int64_t last = list.front().end;
    for (size_t i = 1; i < list.size(); ++i) {
      const BatesRange& r = list[i];
      if (r.beg.number > last + 1) {
        std::string missing = r.beg.number - 1 == last + 1
                                  ? name(last + 1)
                                  : name(last + 1) + "-" + name(r.beg.number - 1);
        out.push_back({true, fmt::format("{} missing between {} and {}", missing, name(last),
                                         name(r.beg.number))});
      } else if (r.beg.number <= last) {
        std::string twice = name(r.beg.number) + (std::min(r.end, last) > r.beg.number
                                                      ? "-" + name(std::min(r.end, last))
                                                      : std::string());
        out.push_back({false, fmt::format("{} produced more than once", twice)});
      }
      last = std::max(last, r.end);
    }
  }
  return out;
}

}  // namespace bates::demand::intake
