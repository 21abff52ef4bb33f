// Calendars: iCalendar (RFC 5545, .ics) and vCalendar 1.0 (.vcs) files — meeting invitations,
// exported calendars. One item per calendar file. Its text lists every event, to-do and journal
// entry: summary, start and end, location, organizer, attendees, status, recurrence, description.
// A file with one entry (an invitation) also gets that entry's metadata: subject and title from
// the summary, the organizer as `from`, attendees as `to`, created and modified dates, and
// start, end, location and the like as extra fields.
//
// Why one item and not a child per event: in this framework a child of a calendar would be an
// embedded object dated by its family head, and a container reader would make every event a
// container too (is_container() is per reader, not per document), so children would add items
// without giving each event its own date or family. docs/FORMATS.md records the choice.
//
// Times: UTC ("Z") as such; a TZID is resolved to an IANA zone through core's TimeZone — directly,
// from a path ending in one ("/mozilla.org/.../America/New_York"), or from a Windows zone name as
// Outlook writes them ("Eastern Standard Time", "(UTC-05:00) Eastern Time (US & Canada)"); failing
// that, a VTIMEZONE with a single offset gives a fixed offset; else, like a time with no zone and
// an all-day date, the time is floating.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "core/time.h"
#include "ingest/charset.h"
#include "ingest/reader.h"
#include "ingest/readers/vobject.h"
#include "model/item.h"

namespace bates::ingest {
namespace {

using vobject::Component;
using vobject::Property;

// Windows zone names, as Outlook and Exchange write them in TZID, to IANA zones (the usual ones;
// CLDR's windowsZones.xml has the full table).
constexpr std::pair<std::string_view, std::string_view> kWindowsZones[] = {
    {"Dateline Standard Time", "Etc/GMT+12"},
    {"Hawaiian Standard Time", "Pacific/Honolulu"},
    {"Alaskan Standard Time", "America/Anchorage"},
    {"Pacific Standard Time", "America/Los_Angeles"},
    {"Pacific Time (US & Canada)", "America/Los_Angeles"},
    {"US Mountain Standard Time", "America/Phoenix"},
    {"Arizona", "America/Phoenix"},
    {"Mountain Standard Time", "America/Denver"},
    {"Mountain Time (US & Canada)", "America/Denver"},
    {"Central Standard Time", "America/Chicago"},
    {"Central Time (US & Canada)", "America/Chicago"},
    {"Eastern Standard Time", "America/New_York"},
    {"Eastern Time (US & Canada)", "America/New_York"},
    {"US Eastern Standard Time", "America/Indiana/Indianapolis"},
    {"Atlantic Standard Time", "America/Halifax"},
    {"Atlantic Time (Canada)", "America/Halifax"},
    {"Newfoundland Standard Time", "America/St_Johns"},
    {"E. South America Standard Time", "America/Sao_Paulo"},
    {"UTC", "UTC"},
    {"Coordinated Universal Time", "UTC"},
    {"GMT Standard Time", "Europe/London"},
    {"Dublin, Edinburgh, Lisbon, London", "Europe/London"},
    {"Greenwich Standard Time", "Atlantic/Reykjavik"},
    {"W. Europe Standard Time", "Europe/Berlin"},
    {"Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"},
    {"Romance Standard Time", "Europe/Paris"},
    {"Brussels, Copenhagen, Madrid, Paris", "Europe/Paris"},
    {"Central Europe Standard Time", "Europe/Budapest"},
    {"Central European Standard Time", "Europe/Warsaw"},
    {"E. Europe Standard Time", "Europe/Chisinau"},
    {"FLE Standard Time", "Europe/Kiev"},
    {"GTB Standard Time", "Europe/Bucharest"},
    {"Israel Standard Time", "Asia/Jerusalem"},
    {"Russian Standard Time", "Europe/Moscow"},
    {"Arabian Standard Time", "Asia/Dubai"},
    {"India Standard Time", "Asia/Kolkata"},
    {"China Standard Time", "Asia/Shanghai"},
    {"Singapore Standard Time", "Asia/Singapore"},
    {"Tokyo Standard Time", "Asia/Tokyo"},
    {"Korea Standard Time", "Asia/Seoul"},
    {"AUS Eastern Standard Time", "Australia/Sydney"},
    {"E. Australia Standard Time", "Australia/Brisbane"},
    {"New Zealand Standard Time", "Pacific/Auckland"},
};

bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// "+0530", "-05:00", "+05": minutes east of UTC.
std::optional<int32_t> ParseOffset(std::string_view s) {
  s = TrimAscii(s);
  if (s.size() < 3 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  int hours = 0;
  int minutes = 0;
  if (!Digits(s, 1, 2, hours) || hours > 18) return std::nullopt;
  size_t pos = 3;
  if (pos < s.size() && (s[pos] == ':' || s[pos] == '.')) ++pos;
  if (pos < s.size() && (!Digits(s, pos, 2, minutes) || minutes > 59)) return std::nullopt;
  return (hours * 60 + minutes) * (s[0] == '-' ? -1 : 1);
}

// How one calendar file's TZIDs resolve; each is worked out once.
class Zones {
 public:
  void AddDefinition(Component component) {
    std::string id = component.Text("TZID");
    if (!id.empty()) definitions_.emplace(std::move(id), std::move(component));
  }

  struct Resolved {
    std::optional<TimeZone> zone;
    std::optional<int32_t> fixed_offset;
  };

  const Resolved& Resolve(const std::string& tzid) {
    auto it = resolved_.find(tzid);
    if (it != resolved_.end()) return it->second;
    return resolved_.emplace(tzid, Lookup(tzid)).first->second;
  }

 private:
  Resolved Lookup(std::string_view tzid) const {
    Resolved r;
    std::string_view id = TrimAscii(tzid);
    // An IANA name, or a path ending in one.
    for (std::string_view candidate = id; !candidate.empty();) {
      if (Result<TimeZone> zone = TimeZone::Load(candidate); zone.ok()) {
        r.zone.emplace(std::move(*zone));
        return r;
      }
      size_t slash = candidate.find('/');
      if (slash == std::string_view::npos) break;
      candidate.remove_prefix(slash + 1);
    }
    // "(UTC-05:00) Eastern Time (US & Canada)" and "(GMT-06.00) Central Time (US & Canada)".
    std::optional<int32_t> prefix_offset;
    if (id.starts_with("(UTC") || id.starts_with("(GMT")) {
      size_t close = id.find(')');
      if (close != std::string_view::npos) {
        prefix_offset = ParseOffset(id.substr(4, close - 4));
        if (close == 4) prefix_offset = 0;
        id = TrimAscii(id.substr(close + 1));
      }
    }
    for (const auto& [windows, iana] : kWindowsZones) {
      if (id == windows) {
        if (Result<TimeZone> zone = TimeZone::Load(iana); zone.ok()) {
          r.zone.emplace(std::move(*zone));
          return r;
        }
      }
    }
    if (prefix_offset) {
      r.fixed_offset = prefix_offset;
      return r;
    }
    // The calendar's own definition, when it has a single offset (no daylight saving).
    auto def = definitions_.find(std::string(tzid));
    if (def != definitions_.end()) {
      std::optional<int32_t> offset;
      bool several = false;
      for (const Component& observance : def->second.children) {
        auto to = ParseOffset(observance.Text("TZOFFSETTO"));
        if (!to) continue;
        if (offset && *offset != *to) several = true;
        offset = to;
      }
      if (offset && !several) r.fixed_offset = offset;
    }
    return r;
  }

  std::map<std::string, Component, std::less<>> definitions_;
  std::map<std::string, Resolved, std::less<>> resolved_;
};

// A DATE-TIME or DATE value with its TZID. `all_day` is set for a DATE.
std::optional<Timestamp> ParseDateTime(const Property& property, Zones& zones, bool* all_day) {
  std::string_view v = TrimAscii(property.value);
  CivilDateTime t;
  if (!Digits(v, 0, 4, t.date.year) || !Digits(v, 4, 2, t.date.month) ||
      !Digits(v, 6, 2, t.date.day) || t.date.month < 1 || t.date.month > 12 || t.date.day < 1 ||
      t.date.day > 31) {
    return std::nullopt;
  }
  *all_day = v.size() == 8;
  if (!*all_day) {
    if (v.size() < 15 || v[8] != 'T' || !Digits(v, 9, 2, t.hour) || !Digits(v, 11, 2, t.minute) ||
        !Digits(v, 13, 2, t.second) || t.hour > 23 || t.minute > 59 || t.second > 60) {
      return std::nullopt;
    }
    if (t.second == 60) t.second = 59;
  }
  const int64_t local = UnixSecondsFromCivil(t);
  if (!*all_day && v.size() > 15 && (v[15] == 'Z' || v[15] == 'z')) {
    return Timestamp{local, 0, false};
  }
  std::string tzid = property.Param("TZID");
  if (*all_day || tzid.empty()) return Timestamp{local, 0, true};
  const Zones::Resolved& zone = zones.Resolve(tzid);
  if (zone.zone) {
    int64_t utc = zone.zone->UtcFromLocal(t);
    return Timestamp{utc, zone.zone->OffsetMinutesAt(utc), false};
  }
  if (zone.fixed_offset) {
    return Timestamp{local - int64_t{*zone.fixed_offset} * 60, *zone.fixed_offset, false};
  }
  return Timestamp{local, 0, true};
}

std::string FormatWhen(const Timestamp& t, bool all_day) {
  std::string iso = FormatIso8601(t);
  return all_day ? iso.substr(0, 10) : iso;
}

// "CN=Chief Ramos" and "mailto:chief@city.example" as an address.
model::Address PersonOf(const Property& property) {
  model::Address a;
  a.name = property.Param("CN");
  std::string_view value = TrimAscii(property.value);
  if (value.size() > 7 && AsciiLower(value.substr(0, 7)) == "mailto:") value.remove_prefix(7);
  a.address = AsciiLower(value);
  return a;
}

std::string RoleOf(const Property& attendee) {
  std::string role = AsciiLower(attendee.Param("ROLE"));
  std::string status = AsciiLower(attendee.Param("PARTSTAT"));
  std::string out;
  if (role == "opt-participant") out = "optional";
  if (role == "chair") out = "chair";
  if (!status.empty() && status != "needs-action") {
    out += out.empty() ? status : ", " + status;
  }
  return out;
}

const char* KindLabel(std::string_view name) {
  if (name == "VTODO") return "To-do";
  if (name == "VJOURNAL") return "Journal entry";
  if (name == "VFREEBUSY") return "Free/busy";
  return "Event";
}

struct Entry {
  std::string text;
  model::Metadata meta;
};

// One event, to-do or journal entry as text and metadata.
Entry Describe(const Component& c, Zones& zones) {
  Entry e;
  model::Metadata& meta = e.meta;
  std::string& text = e.text;
  auto line = [&](std::string_view label, std::string_view value) {
    if (TrimAscii(value).empty()) return;
    text += label;
    text += ": ";
    text += value;
    text += '\n';
  };
  auto extra = [&](std::string_view key, std::string value) {
    if (!value.empty()) meta.extra.emplace_back(std::string(key), std::move(value));
  };

  std::string summary = c.Text("SUMMARY");
  line(KindLabel(c.name), summary.empty() ? "(no summary)" : summary);
  meta.subject = summary;
  meta.title = summary;

  for (const auto& [name, label, key] :
       {std::tuple{"DTSTART", "Start", "start"}, std::tuple{"DTEND", "End", "end"},
        std::tuple{"DUE", "Due", "due"}, std::tuple{"COMPLETED", "Completed", "completed"}}) {
    const Property* p = c.Find(name);
    if (p == nullptr) continue;
    bool all_day = false;
    if (auto when = ParseDateTime(*p, zones, &all_day)) {
      std::string formatted = FormatWhen(*when, all_day);
      line(label, formatted);
      extra(key, formatted);
      if (!p->Param("TZID").empty()) extra(std::string(key) + "_tzid", p->Param("TZID"));
    } else {
      line(label, p->value);
    }
  }
  if (std::string duration = c.Text("DURATION"); !duration.empty()) {
    line("Duration", duration);
    extra("duration", duration);
  }
  std::string location = c.Text("LOCATION");
  line("Location", location);
  extra("location", location);

  if (const Property* organizer = c.Find("ORGANIZER")) {
    model::Address a = PersonOf(*organizer);
    line("Organizer", model::FormatAddress(a));
    if (!a.address.empty() || !a.name.empty()) meta.from = a;
  }
  std::vector<std::string> attendees;
  for (const Property& p : c.properties) {
    if (p.name != "ATTENDEE") continue;
    model::Address a = PersonOf(p);
    std::string shown = model::FormatAddress(a);
    std::string role = RoleOf(p);
    if (!role.empty()) shown += fmt::format(" ({})", role);
    attendees.push_back(std::move(shown));
    meta.to.push_back(std::move(a));
  }
  for (const std::string& a : attendees) line("Attendee", a);

  for (const auto& [name, label, key] :
       {std::tuple{"STATUS", "Status", "status"}, std::tuple{"RRULE", "Repeats", "recurrence"},
        std::tuple{"CATEGORIES", "Categories", "categories"}, std::tuple{"CLASS", "Class", "class"},
        std::tuple{"PRIORITY", "Priority", "priority"}, std::tuple{"URL", "URL", "url"},
        std::tuple{"UID", "UID", "uid"}}) {
    std::string value = c.Text(name);
    if (std::string_view(name) != "UID" && std::string_view(name) != "PRIORITY") {
      line(label, value);
    }
    extra(key, value);
  }
  for (const Property& p : c.properties) {
    if (p.name == "COMMENT") line("Comment", vobject::Unescape(p.value));
  }
  std::string description = c.Text("DESCRIPTION");
  if (!TrimAscii(description).empty()) {
    text += description;
    if (text.back() != '\n') text += '\n';
  }
  // Alarms carry their own description ("Reminder: bring the file").
  for (const Component& alarm : c.children) {
    if (alarm.name == "VALARM") line("Reminder", alarm.Text("DESCRIPTION"));
  }

  bool all_day = false;
  for (const auto& [name, field] : {std::pair{"CREATED", &model::Metadata::created},
                                    std::pair{"LAST-MODIFIED", &model::Metadata::modified}}) {
    if (const Property* p = c.Find(name)) meta.*field = ParseDateTime(*p, zones, &all_day);
  }
  // When it was sent or exported: the creation date of an invitation that has no other.
  if (!meta.created) {
    if (const Property* p = c.Find("DTSTAMP")) meta.created = ParseDateTime(*p, zones, &all_day);
  }
  return e;
}

bool IsEntry(std::string_view name) {
  return name == "VEVENT" || name == "VTODO" || name == "VJOURNAL" || name == "VFREEBUSY";
}

class IcsReader final : public Reader {
 public:
  std::string_view name() const override { return "ics"; }
  std::vector<std::string> mime_types() const override {
    return {"text/calendar", "text/x-vcalendar", "application/ics"};
  }

  Status Read(const Input& input, ReadContext& context) const override {
    BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
    // RFC 5545 says UTF-8; older exports are in the writer's code page.
    std::string storage;
    std::string_view text = vobject::ToUtf8(bytes, storage);

    const Limits& limits = context.limits();
    Extracted out;
    Zones zones;
    std::vector<Entry> entries;
    std::string calendar_name;
    std::string method;
    uint64_t count = 0;
    bool truncated = false;
    Status parsed = vobject::Parse(
        text, [&](Component& c, const std::vector<Component>& ancestors, bool* taken) -> Status {
          if (c.name == "VTIMEZONE") {
            *taken = true;
            zones.AddDefinition(std::move(c));
            return Status::Ok();
          }
          if (c.name == "VCALENDAR") {
            calendar_name = c.Text("X-WR-CALNAME");
            method = c.Text("METHOD");
            *taken = true;
            return Status::Ok();
          }
          // An entry nested in another (a malformed file) is still an entry.
          if (!IsEntry(c.name)) return Status::Ok();
          *taken = true;
          if (calendar_name.empty() && !ancestors.empty()) {
            calendar_name = ancestors.front().Text("X-WR-CALNAME");
            method = ancestors.front().Text("METHOD");
          }
          ++count;
          if (out.text.size() > limits.max_text_bytes) {
            truncated = true;
            return Status::Ok();
          }
          Entry entry = Describe(c, zones);
          if (!out.text.empty()) out.text += '\n';
          out.text += entry.text;
          // Only the first entry's metadata is kept; the rest would not be used.
          if (entries.empty()) entries.push_back(std::move(entry));
          return Status::Ok();
        });
    BATES_RETURN_IF_ERROR(parsed);

    if (count == 1) {
      out.meta = std::move(entries.front().meta);
    } else {
      out.meta.title = calendar_name;
      out.meta.extra.emplace_back("entry_count", std::to_string(count));
    }
    if (!calendar_name.empty()) {
      out.meta.extra.emplace_back("calendar_name", calendar_name);
      out.text = "Calendar: " + calendar_name + "\n\n" + out.text;
    }
    if (!method.empty()) out.meta.extra.emplace_back("method", method);
    if (truncated) out.flags |= model::kFlagTruncated;
    if (count == 0) {
      // Not a calendar at all, or an empty one: the text says which, never silently nothing.
      std::string_view head = TrimAscii(text.substr(0, 64));
      if (AsciiLower(head.substr(0, std::min<size_t>(head.size(), 15))) != "begin:vcalendar") {
        return CorruptError("no iCalendar data (no BEGIN:VCALENDAR)");
      }
      if (out.text.empty()) out.flags |= model::kFlagNoText;
    }
    return context.SetDocument(std::move(out));
  }
};

}  // namespace

BATES_REGISTER_READER(IcsReader)

}  // namespace bates::ingest
