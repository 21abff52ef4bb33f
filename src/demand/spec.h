// The demand spec: what a requester asks for, of whom, and by when.
//
// A spec is a YAML file (schema_version 1, see docs/DEMAND.md). LoadDemandSpec parses and
// validates it; every error names the file, the line and the field, so a person can fix the
// spec without reading code. The loaded spec is a plain value: the letters, the deadlines and
// the tracking store (and intake, which checks productions against the requests) all read it.
//
// Thread safety: values; copy freely.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace bates::demand {

// The schema version this build reads. A spec with another version is refused, not guessed at.
inline constexpr int kDemandSchemaVersion = 1;

// One numbered request ("1. All communications concerning ...").
struct DemandRequest {
  int number = 0;
  std::string text;
  // Optional terms the requester suggests for finding responsive documents.
  std::vector<std::string> suggested_terms;
};

// A calendar date, ISO "YYYY-MM-DD".
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  std::string ToString() const;
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};
// Parses "YYYY-MM-DD"; an invalid date (2018-02-30) is an error.
Result<CivilDate> ParseCivilDate(std::string_view text);

// The period the requested documents fall in.
struct Timeframe {
  CivilDate start;
  CivilDate end;
};

// When responses are due: a fixed date, or N calendar/business days from service.
struct DeadlineRule {
  enum class Kind { kFixedDate, kCalendarDays, kBusinessDays };
  Kind kind = Kind::kFixedDate;
  std::optional<CivilDate> date;  // kFixedDate
  int days = 0;                   // kCalendarDays, kBusinessDays
};

// A dated contact with the recipient before this demand (earlier letters, calls).
struct PriorContact {
  CivilDate date;
  std::string summary;
};

struct Contact {
  std::string name;
  std::string email;
  std::string phone;
  std::string address;
};

struct Recipient {
  std::string id;  // stable key used on the command line ("chicago")
  std::string name;
  std::string title;
  std::string agency;
  std::string state;      // two-letter postal code; picks the state holidays
  std::string time_zone;  // IANA name; the deadline ends 23:59 there
  std::vector<Contact> contacts;
  std::string grant_number;   // grant or sub-grant the demand rests on
  std::string prime_grantee;  // set when grant_number is a sub-grant
  std::vector<PriorContact> history;
};

struct DemandSpec {
  int schema_version = kDemandSchemaVersion;
  std::string source_path;  // the file it was loaded from
  std::string title;
  std::string issuer;       // who makes the demand
  std::string legal_basis;  // the authority relied on
  std::vector<DemandRequest> requests;
  std::vector<std::pair<std::string, std::string>> definitions;  // term, meaning
  std::vector<std::string> instructions;
  Timeframe timeframe;
  DeadlineRule deadline;
  std::vector<Recipient> recipients;
  // Named subsets of recipient ids ("sanctuary-2018": [chicago, cook-county, ...]).
  std::vector<std::pair<std::string, std::vector<std::string>>> recipient_lists;

  const Recipient* FindRecipient(std::string_view id) const;
  const DemandRequest* FindRequest(int number) const;
};

// Reads and validates the spec at `path`. Errors are InvalidArgument with
// "FILE:LINE: FIELD: what is wrong" (NotFound / IoError when the file cannot be read).
Result<DemandSpec> LoadDemandSpec(const std::string& path);
// The same from YAML text; `source_name` is used in error messages.
Result<DemandSpec> ParseDemandSpec(std::string_view yaml, std::string_view source_name);

}  // namespace bates::demand
