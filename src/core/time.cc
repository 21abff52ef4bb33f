#include "core/time.h"

#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <charconv>
#include <cstdlib>
#include <mutex>

namespace bates {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
int64_t DaysFromCivil(const CivilDate& date) {
  int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (date.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

int64_t UnixSecondsFromCivil(const CivilDateTime& t) {
  return DaysFromCivil(t.date) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

CivilDateTime CivilFromUnixSeconds(int64_t seconds) {
  int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  int64_t rest = seconds - days * 86400;
  CivilDateTime out;
  out.date = CivilFromDays(days);
  out.hour = static_cast<int>(rest / 3600);
  out.minute = static_cast<int>(rest % 3600 / 60);
  out.second = static_cast<int>(rest % 60);
  return out;
}

int DayOfWeek(const CivilDate& date) {
  // 1970-01-01 was a Thursday (4).
  return static_cast<int>((DaysFromCivil(date) % 7 + 11) % 7);
}

namespace {

bool ParseInt(std::string_view text, int& out) {
  if (text.empty()) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string FormatOffset(int32_t offset_minutes) {
  char sign = offset_minutes < 0 ? '-' : '+';
  int32_t magnitude = std::abs(offset_minutes);
  return fmt::format("{}{:02}:{:02}", sign, magnitude / 60, magnitude % 60);
}

std::string FormatWallTime(int64_t wall_seconds) {
  CivilDateTime c = CivilFromUnixSeconds(wall_seconds);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", c.date.year, c.date.month, c.date.day,
                     c.hour, c.minute, c.second);
}

}  // namespace

Result<CivilDate> ParseCivilDate(std::string_view text) {
  CivilDate d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !ParseInt(text.substr(0, 4), d.year) || !ParseInt(text.substr(5, 2), d.month) ||
      !ParseInt(text.substr(8, 2), d.day)) {
    return InvalidArgumentError("'{}' is not a date of the form YYYY-MM-DD", text);
  }
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > DaysInMonth(d.year, d.month)) {
    return InvalidArgumentError("'{}' is not a calendar date", text);
  }
  return d;
}

std::string FormatCivilDate(const CivilDate& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::string FormatIso8601(const Timestamp& t) {
  if (t.floating) return FormatWallTime(t.utc_seconds);
  return FormatWallTime(t.utc_seconds + int64_t{t.offset_minutes} * 60) +
         FormatOffset(t.offset_minutes);
}

std::string FormatIso8601Utc(int64_t utc_seconds) { return FormatWallTime(utc_seconds) + "Z"; }

Result<Timestamp> ParseIso8601(std::string_view text) {
  BATES_ASSIGN_OR_RETURN(CivilDate date,
                         ParseCivilDate(text.substr(0, std::min<size_t>(10, text.size()))));
  CivilDateTime wall{date, 0, 0, 0};
  std::string_view rest = text.substr(10);
  Timestamp out;
  out.floating = true;
  auto bad = [&] { return InvalidArgumentError("'{}' is not an ISO 8601 date-time", text); };
  if (!rest.empty()) {
    if (rest[0] != 'T' && rest[0] != ' ') return bad();
    rest.remove_prefix(1);
    if (rest.size() < 5 || rest[2] != ':' || !ParseInt(rest.substr(0, 2), wall.hour) ||
        !ParseInt(rest.substr(3, 2), wall.minute)) {
      return bad();
    }
    rest.remove_prefix(5);
    if (!rest.empty() && rest[0] == ':') {
      if (rest.size() < 3 || !ParseInt(rest.substr(1, 2), wall.second)) return bad();
      rest.remove_prefix(3);
      // Fractions of a second are dropped: dates are kept to the second.
      if (!rest.empty() && rest[0] == '.') {
        rest.remove_prefix(1);
        while (!rest.empty() && rest[0] >= '0' && rest[0] <= '9') rest.remove_prefix(1);
      }
    }
    if (wall.hour > 23 || wall.minute > 59 || wall.second > 60) return bad();
    if (rest == "Z" || rest == "z") {
      out.floating = false;
    } else if (!rest.empty()) {
      if (rest[0] != '+' && rest[0] != '-') return bad();
      int sign = rest[0] == '-' ? -1 : 1;
      rest.remove_prefix(1);
      int hh = 0, mm = 0;
      if (rest.size() == 5 && rest[2] == ':') {
        if (!ParseInt(rest.substr(0, 2), hh) || !ParseInt(rest.substr(3, 2), mm)) return bad();
      } else if (rest.size() == 4) {
        if (!ParseInt(rest.substr(0, 2), hh) || !ParseInt(rest.substr(2, 2), mm)) return bad();
      } else if (rest.size() == 2) {
        if (!ParseInt(rest, hh)) return bad();
      } else {
        return bad();
      }
      out.floating = false;
      out.offset_minutes = sign * (hh * 60 + mm);
    }
  }
  int64_t wall_seconds = UnixSecondsFromCivil(wall);
  out.utc_seconds = wall_seconds - int64_t{out.offset_minutes} * 60;
  return out;
}

struct TimeZone::Impl {
  std::unique_ptr<icu::TimeZone> zone;
  // icu::Calendar is not thread-safe; one per zone object, guarded.
  mutable std::mutex mu;
  std::unique_ptr<icu::GregorianCalendar> calendar;

  explicit Impl(std::unique_ptr<icu::TimeZone> z) : zone(std::move(z)) {
    UErrorCode status = U_ZERO_ERROR;
    calendar = std::make_unique<icu::GregorianCalendar>(*zone, status);
    // Pure Gregorian rules all the way back, as DaysFromCivil uses.
    calendar->setGregorianChange(-8.64e15, status);
  }
};

TimeZone::TimeZone(std::string name, std::unique_ptr<Impl> impl)
    : name_(std::move(name)), impl_(std::move(impl)) {}
TimeZone::TimeZone(const TimeZone& other)
    : name_(other.name_),
      impl_(std::make_unique<Impl>(std::unique_ptr<icu::TimeZone>(other.impl_->zone->clone()))) {}
TimeZone& TimeZone::operator=(const TimeZone& other) {
  if (this != &other) *this = TimeZone(other);
  return *this;
}
TimeZone::TimeZone(TimeZone&&) noexcept = default;
TimeZone& TimeZone::operator=(TimeZone&&) noexcept = default;
TimeZone::~TimeZone() = default;

Result<TimeZone> TimeZone::Load(std::string_view iana_name) {
  icu::UnicodeString id = icu::UnicodeString::fromUTF8(
      icu::StringPiece(iana_name.data(), static_cast<int32_t>(iana_name.size())));
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(id));
  icu::UnicodeString resolved;
  zone->getID(resolved);
  if (resolved == icu::UnicodeString(u"Etc/Unknown") || iana_name.empty()) {
    return InvalidArgumentError("'{}' is not an IANA time zone name (for example America/Chicago)",
                                iana_name);
  }
  return TimeZone(std::string(iana_name), std::make_unique<Impl>(std::move(zone)));
}

TimeZone TimeZone::Utc() { return std::move(Load("UTC")).value(); }

int32_t TimeZone::OffsetMinutesAt(int64_t utc_seconds) const {
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  impl_->zone->getOffset(static_cast<UDate>(utc_seconds) * 1000.0, false, raw, dst, status);
  return (raw + dst) / 60000;
}

int64_t TimeZone::UtcFromLocal(const CivilDateTime& local) const {
  std::lock_guard lock(impl_->mu);
  UErrorCode status = U_ZERO_ERROR;
  icu::GregorianCalendar& cal = *impl_->calendar;
  cal.clear();
  cal.set(local.date.year, local.date.month - 1, local.date.day, local.hour, local.minute,
          local.second);
  UDate ms = cal.getTime(status);
  if (U_FAILURE(status)) return UnixSecondsFromCivil(local);
  return static_cast<int64_t>(ms / 1000.0);
}

CivilDateTime TimeZone::LocalFromUtc(int64_t utc_seconds) const {
  return CivilFromUnixSeconds(utc_seconds + int64_t{OffsetMinutesAt(utc_seconds)} * 60);
}

Timestamp TimeZone::Pin(const Timestamp& t) const {
  if (!t.floating) return t;
  Timestamp out;
  out.utc_seconds = UtcFromLocal(CivilFromUnixSeconds(t.utc_seconds));
  out.offset_minutes = OffsetMinutesAt(out.utc_seconds);
  return out;
}

std::string TimeZone::FormatLocal(int64_t utc_seconds) const {
  Timestamp t{utc_seconds, OffsetMinutesAt(utc_seconds), false};
  return FormatIso8601(t);
}

}  // namespace bates
