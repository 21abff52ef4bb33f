// Time: instants in UTC with the offset they were written in, civil dates, and time zones.
//
// Every date bates stores is a Timestamp: seconds since the Unix epoch in UTC plus the UTC offset
// the source wrote it with (an email's "Date: ... -0500"), so the original wall time can always be
// shown again. A source that gives a wall time with no zone (a ZIP entry, some PDF dates) yields a
// *floating* Timestamp; the engine pins it to the matter's time zone when it stores the item.
//
// Time zones are IANA names ("America/Chicago") resolved through ICU.
//
// Thread safety: values and const methods; safe from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace bates {

struct Timestamp {
  int64_t utc_seconds = 0;     // for a floating timestamp: the wall time read as if it were UTC
  int32_t offset_minutes = 0;  // east of UTC, as written in the source
  bool floating = false;       // the source gave no zone

  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

struct CivilDateTime {
  CivilDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
int64_t DaysFromCivil(const CivilDate& date);
CivilDate CivilFromDays(int64_t days);
// Seconds since the epoch of a wall time read as UTC.
int64_t UnixSecondsFromCivil(const CivilDateTime& t);
CivilDateTime CivilFromUnixSeconds(int64_t seconds);
// 0 = Sunday ... 6 = Saturday.
int DayOfWeek(const CivilDate& date);

// "YYYY-MM-DD"; InvalidArgument with the reason otherwise.
Result<CivilDate> ParseCivilDate(std::string_view text);
std::string FormatCivilDate(const CivilDate& date);

// ISO 8601 with the original offset: "2018-01-24T10:15:00-05:00"; "...T10:15:00" if floating.
std::string FormatIso8601(const Timestamp& t);
// The same instant in UTC: "2018-01-24T15:15:00Z".
std::string FormatIso8601Utc(int64_t utc_seconds);
// Accepts "YYYY-MM-DD", "YYYY-MM-DDThh:mm[:ss]" with "Z", "+hh:mm", "+hhmm" or no zone (floating).
Result<Timestamp> ParseIso8601(std::string_view text);

// An IANA time zone.
class TimeZone {
 public:
  // InvalidArgument for a name ICU does not know.
  static Result<TimeZone> Load(std::string_view iana_name);
  static TimeZone Utc();

  TimeZone(const TimeZone& other);
  TimeZone& operator=(const TimeZone& other);
  TimeZone(TimeZone&&) noexcept;
  TimeZone& operator=(TimeZone&&) noexcept;
  ~TimeZone();

  const std::string& name() const { return name_; }
  // Offset east of UTC, in minutes, at the given instant (daylight saving included).
  int32_t OffsetMinutesAt(int64_t utc_seconds) const;
  // The UTC instant of a wall time in this zone (the earlier one when a fall-back hour repeats).
  int64_t UtcFromLocal(const CivilDateTime& local) const;
  CivilDateTime LocalFromUtc(int64_t utc_seconds) const;
  // Pins a floating timestamp to this zone; returns a zoned one unchanged.
  Timestamp Pin(const Timestamp& t) const;
  // The instant rendered as a wall time in this zone with its offset.
  std::string FormatLocal(int64_t utc_seconds) const;

 private:
  struct Impl;
  TimeZone(std::string name, std::unique_ptr<Impl> impl);
  std::string name_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bates
