#include "demand/state_holidays.h"

#include <chrono>
#include <functional>
#include <vector>

#include "demand/calendar.h"

namespace bates::demand {
namespace {

namespace chr = std::chrono;

// Easter Sunday in the Gregorian calendar (the anonymous algorithm, as in Meeus, "Astronomical
// Algorithms"): no library bates uses computes it, and Good Friday is two days before.
CivilDate Easter(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  return {year, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1};
}

CivilDate DayAfterThanksgiving(int year) {
  return AddDays(NthWeekday(year, 11, chr::Thursday, 4), 1);
}

// Election Day: the Tuesday after the first Monday in November.
CivilDate ElectionDay(int year) { return AddDays(NthWeekday(year, 11, chr::Monday, 1), 1); }

// When a holiday falling on a weekend is observed on a weekday as well.
enum class Observance {
  kNone,
  kSaturdayFridaySundayMonday,  // Saturday: the Friday before; Sunday: the Monday after
  kSundayMonday,                // Sunday: the Monday after
  kSaturdayFriday,              // Saturday: the Friday before
  kWeekendMonday,               // Saturday or Sunday: the Monday after
};

struct Rule {
  const char* name;
  int first_year, last_year;
  std::function<std::optional<CivilDate>(int year)> date;  // nullopt: not held that year
  Observance observance = Observance::kNone;
};

std::function<std::optional<CivilDate>(int)> Fixed(int month, int day) {
  return [month, day](int year) { return CivilDate{year, month, day}; };
}

constexpr int kAlways = 9999;

const std::vector<Rule>* RulesOf(std::string_view state) {
  static const Rule kLincoln{"Lincoln's Birthday", 1971, kAlways, Fixed(2, 12),
                             Observance::kSaturdayFridaySundayMonday};
  static const std::vector<Rule> kCA = {
      {"César Chávez Day", 1995, kAlways, Fixed(3, 31), Observance::kSundayMonday},
      {"Lincoln's Birthday", 1971, 2009, Fixed(2, 12), Observance::kSaturdayFridaySundayMonday},
  };
  static const std::vector<Rule> kFL = {
      {"Friday after Thanksgiving", 1975, kAlways, DayAfterThanksgiving},
  };
  static const std::vector<Rule> kIL = {
      kLincoln,
      {"Casimir Pulaski Day", 1978, kAlways,
       [](int y) -> std::optional<CivilDate> { return NthWeekday(y, 3, chr::Monday, 1); }},
      {"Election Day", 2008, kAlways,
       [](int y) -> std::optional<CivilDate> {
         if (y % 2 != 0) return std::nullopt;  // general elections only
         return ElectionDay(y);
       }},
  };
  static const std::vector<Rule> kKY = {
      {"Good Friday", 0, kAlways,
       [](int y) -> std::optional<CivilDate> { return AddDays(Easter(y), -2); }},
      {"New Year's Eve", 2013, kAlways, Fixed(12, 31), Observance::kSaturdayFriday},
  };
  static const std::vector<Rule> kMA = {
      {"Evacuation Day", 1901, kAlways, Fixed(3, 17), Observance::kWeekendMonday},
      {"Patriots' Day", 1969, kAlways,
       [](int y) -> std::optional<CivilDate> { return NthWeekday(y, 4, chr::Monday, 3); }},
      {"Patriots' Day", 1894, 1968, Fixed(4, 19)},
  };
  static const std::vector<Rule> kMS = {
      {"Confederate Memorial Day", 1866, kAlways,
       [](int y) -> std::optional<CivilDate> { return NthWeekday(y, 4, chr::Monday, 4); }},
  };
  static const std::vector<Rule> kNM = {
      {"Presidents' Day (the day after Thanksgiving)", 0, kAlways, DayAfterThanksgiving},
  };
  static const std::vector<Rule> kNY = {
      kLincoln,
      {"Election Day", 2008, kAlways,
       [](int y) -> std::optional<CivilDate> {
         if (y < 2015 && y % 2 != 0) return std::nullopt;  // every year since 2015
         return ElectionDay(y);
       }},
  };
  static const std::vector<Rule> kVT = {
      {"Town Meeting Day", 1800, kAlways,
       [](int y) -> std::optional<CivilDate> { return NthWeekday(y, 3, chr::Tuesday, 1); }},
      {"Bennington Battle Day", 1778, kAlways, Fixed(8, 16),
       Observance::kSaturdayFridaySundayMonday},
  };
  static const std::vector<Rule> kNone;  // states whose legal holidays are the federal ones
  struct Entry {
    std::string_view state;
    const std::vector<Rule>* rules;
  };
  static const Entry kStates[] = {{"CA", &kCA}, {"CO", &kNone}, {"FL", &kFL}, {"IL", &kIL},
                                  {"KY", &kKY}, {"MA", &kMA},   {"MS", &kMS}, {"NM", &kNM},
                                  {"NY", &kNY}, {"OR", &kNone}, {"VT", &kVT}, {"WA", &kNone}};
  for (const Entry& e : kStates) {
    if (e.state == state) return e.rules;
  }
  return nullptr;
}

std::optional<CivilDate> ObservedOn(const CivilDate& actual, Observance observance) {
  const chr::weekday w = WeekdayOf(actual);
  const bool saturday = w == chr::Saturday, sunday = w == chr::Sunday;
  switch (observance) {
    case Observance::kNone:
      return std::nullopt;
    case Observance::kSaturdayFridaySundayMonday:
      if (saturday) return AddDays(actual, -1);
      if (sunday) return AddDays(actual, 1);
      return std::nullopt;
    case Observance::kSundayMonday:
      if (sunday) return AddDays(actual, 1);
      return std::nullopt;
    case Observance::kSaturdayFriday:
      if (saturday) return AddDays(actual, -1);
      return std::nullopt;
    case Observance::kWeekendMonday:
      if (saturday) return AddDays(actual, 2);
      if (sunday) return AddDays(actual, 1);
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

bool KnowsStateHolidays(std::string_view state) { return RulesOf(state) != nullptr; }

std::optional<std::string> StateHolidayOn(std::string_view state, const CivilDate& date) {
  const std::vector<Rule>* rules = RulesOf(state);
  if (rules == nullptr) return std::nullopt;
  // A holiday observed on another day may belong to the year before or after (31 December).
  for (int year : {date.year, date.year - 1, date.year + 1}) {
    for (const Rule& rule : *rules) {
      if (year < rule.first_year || year > rule.last_year) continue;
      std::optional<CivilDate> actual = rule.date(year);
      if (!actual) continue;
      if (*actual == date) return std::string(rule.name);
      if (std::optional<CivilDate> observed = ObservedOn(*actual, rule.observance);
          observed && *observed == date) {
        return std::string(rule.name) + " (observed)";
      }
    }
  }
  return std::nullopt;
}

}  // namespace bates::demand
