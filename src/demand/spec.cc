// Loading and validating a demand spec from YAML (yaml-cpp). yaml-cpp reports problems by
// throwing; every throw is caught here and turned into a Status naming file, line and field.
#include "demand/spec.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace bates::demand {
namespace {

// Carries the source name so each check can build "file:line: field: message".
class Checker {
 public:
  explicit Checker(std::string_view source) : source_(source) {}

  Status Error(const YAML::Node& node, std::string_view field, std::string_view message) const {
    int line = node.IsDefined() ? node.Mark().line + 1 : 0;
    if (line > 0) return InvalidArgumentError("{}:{}: {}: {}", source_, line, field, message);
    return InvalidArgumentError("{}: {}: {}", source_, field, message);
  }

  // A required, non-empty scalar string.
  Status RequiredString(const YAML::Node& parent, const char* key, std::string_view field,
                        std::string* out) const {
    YAML::Node node = parent[key];
    if (!node.IsDefined() || node.IsNull()) return Error(parent, field, "is required");
    if (!node.IsScalar()) return Error(node, field, "must be text");
    *out = node.as<std::string>();
    if (out->empty()) return Error(node, field, "must not be empty");
    return Status::Ok();
  }

  // An optional scalar string; absent leaves `out` empty.
  Status OptionalString(const YAML::Node& parent, const char* key, std::string_view field,
                        std::string* out) const {
    YAML::Node node = parent[key];
    if (!node.IsDefined() || node.IsNull()) return Status::Ok();
    if (!node.IsScalar()) return Error(node, field, "must be text");
    *out = node.as<std::string>();
    return Status::Ok();
  }

  Status Date(const YAML::Node& parent, const char* key, std::string_view field,
              CivilDate* out) const {
    std::string text;
    BATES_RETURN_IF_ERROR(RequiredString(parent, key, field, &text));
    Result<CivilDate> date = ParseCivilDate(text);
    if (!date.ok()) return Error(parent[key], field, date.status().message());
    *out = *date;
    return Status::Ok();
  }

  Status Int(const YAML::Node& parent, const char* key, std::string_view field, int* out) const {
    std::string text;
    BATES_RETURN_IF_ERROR(RequiredString(parent, key, field, &text));
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    if (ec != std::errc() || end != text.data() + text.size()) {
      return Error(parent[key], field, fmt::format("'{}' is not a whole number", text));
    }
    return Status::Ok();
  }

 private:
  std::string source_;
};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

Status ParseRequests(const Checker& c, const YAML::Node& root, DemandSpec* spec) {
  YAML::Node list = root["requests"];
  if (!list.IsDefined() || !list.IsSequence() || list.size() == 0) {
    return c.Error(list.IsDefined() ? list : root, "requests", "must be a non-empty list");
  }
  std::set<int> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node& item = list[i];
    std::string field = fmt::format("requests[{}]", i);
    if (!item.IsMap()) return c.Error(item, field, "must be a mapping with number and text");
    DemandRequest request;
    BATES_RETURN_IF_ERROR(c.Int(item, "number", field + ".number", &request.number));
    if (request.number < 1) return c.Error(item["number"], field + ".number", "must be 1 or more");
    if (!seen.insert(request.number).second) {
      return c.Error(item["number"], field + ".number",
                     fmt::format("request {} is numbered twice", request.number));
    }
    BATES_RETURN_IF_ERROR(c.RequiredString(item, "text", field + ".text", &request.text));
    if (YAML::Node terms = item["suggested_terms"]; terms.IsDefined() && !terms.IsNull()) {
      if (!terms.IsSequence()) return c.Error(terms, field + ".suggested_terms", "must be a list");
      for (const auto& t : terms) request.suggested_terms.push_back(t.as<std::string>());
    }
    spec->requests.push_back(std::move(request));
  }
  return Status::Ok();
}

Status ParseDeadline(const Checker& c, const YAML::Node& root, DeadlineRule* rule) {
  YAML::Node node = root["deadline"];
  if (!node.IsDefined() || !node.IsMap()) {
    return c.Error(node.IsDefined() ? node : root, "deadline",
                   "is required: {date: YYYY-MM-DD} or {days: N, counting: calendar|business}");
  }
  if (node["date"].IsDefined()) {
    rule->kind = DeadlineRule::Kind::kFixedDate;
    CivilDate date;
    BATES_RETURN_IF_ERROR(c.Date(node, "date", "deadline.date", &date));
    rule->date = date;
    return Status::Ok();
  }
  BATES_RETURN_IF_ERROR(c.Int(node, "days", "deadline.days", &rule->days));
  if (rule->days < 1) return c.Error(node["days"], "deadline.days", "must be 1 or more");
  std::string counting = "calendar";
  BATES_RETURN_IF_ERROR(c.OptionalString(node, "counting", "deadline.counting", &counting));
  if (counting.empty() || counting == "calendar") {
    rule->kind = DeadlineRule::Kind::kCalendarDays;
  } else if (counting == "business") {
    rule->kind = DeadlineRule::Kind::kBusinessDays;
  } else {
    return c.Error(node["counting"], "deadline.counting",
                   fmt::format("'{}' is not calendar or business", counting));
  }
  return Status::Ok();
}

Status ParseRecipient(const Checker& c, const YAML::Node& item, const std::string& field,
                      Recipient* r) {
  if (!item.IsMap()) return c.Error(item, field, "must be a mapping");
  BATES_RETURN_IF_ERROR(c.RequiredString(item, "id", field + ".id", &r->id));
  BATES_RETURN_IF_ERROR(c.RequiredString(item, "name", field + ".name", &r->name));
  BATES_RETURN_IF_ERROR(c.OptionalString(item, "title", field + ".title", &r->title));
  BATES_RETURN_IF_ERROR(c.RequiredString(item, "agency", field + ".agency", &r->agency));
  BATES_RETURN_IF_ERROR(c.RequiredString(item, "state", field + ".state", &r->state));
  if (r->state.size() != 2 || !std::all_of(r->state.begin(), r->state.end(), ::isupper)) {
    return c.Error(item["state"], field + ".state", "must be a two-letter postal code (IL)");
  }
  BATES_RETURN_IF_ERROR(c.RequiredString(item, "time_zone", field + ".time_zone", &r->time_zone));
  if (r->time_zone.find('/') == std::string::npos) {
    return c.Error(item["time_zone"], field + ".time_zone",
                   "must be an IANA zone name (America/Chicago)");
  }
  BATES_RETURN_IF_ERROR(
      c.OptionalString(item, "grant_number", field + ".grant_number", &r->grant_number));
  BATES_RETURN_IF_ERROR(
      c.OptionalString(item, "prime_grantee", field + ".prime_grantee", &r->prime_grantee));
  if (YAML::Node contacts = item["contacts"]; contacts.IsDefined() && !contacts.IsNull()) {
    if (!contacts.IsSequence()) return c.Error(contacts, field + ".contacts", "must be a list");
    for (std::size_t j = 0; j < contacts.size(); ++j) {
      std::string cf = fmt::format("{}.contacts[{}]", field, j);
      Contact contact;
      BATES_RETURN_IF_ERROR(c.RequiredString(contacts[j], "name", cf + ".name", &contact.name));
      BATES_RETURN_IF_ERROR(c.OptionalString(contacts[j], "email", cf + ".email", &contact.email));
      BATES_RETURN_IF_ERROR(c.OptionalString(contacts[j], "phone", cf + ".phone", &contact.phone));
      BATES_RETURN_IF_ERROR(
          c.OptionalString(contacts[j], "address", cf + ".address", &contact.address));
      r->contacts.push_back(std::move(contact));
    }
  }
  if (YAML::Node history = item["history"]; history.IsDefined() && !history.IsNull()) {
    if (!history.IsSequence()) return c.Error(history, field + ".history", "must be a list");
    for (std::size_t j = 0; j < history.size(); ++j) {
      std::string hf = fmt::format("{}.history[{}]", field, j);
      PriorContact prior;
      BATES_RETURN_IF_ERROR(c.Date(history[j], "date", hf + ".date", &prior.date));
      BATES_RETURN_IF_ERROR(
          c.RequiredString(history[j], "summary", hf + ".summary", &prior.summary));
      r->history.push_back(std::move(prior));
    }
  }
  return Status::Ok();
}

Status ParseRecipients(const Checker& c, const YAML::Node& root, DemandSpec* spec) {
  YAML::Node list = root["recipients"];
  if (!list.IsDefined() || !list.IsSequence() || list.size() == 0) {
    return c.Error(list.IsDefined() ? list : root, "recipients", "must be a non-empty list");
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string field = fmt::format("recipients[{}]", i);
    Recipient r;
    BATES_RETURN_IF_ERROR(ParseRecipient(c, list[i], field, &r));
    if (!ids.insert(r.id).second) {
      return c.Error(list[i]["id"], field + ".id", fmt::format("id '{}' is used twice", r.id));
    }
    spec->recipients.push_back(std::move(r));
  }
  if (YAML::Node lists = root["recipient_lists"]; lists.IsDefined() && !lists.IsNull()) {
    if (!lists.IsMap()) return c.Error(lists, "recipient_lists", "must map a name to ids");
    for (const auto& entry : lists) {
      std::string name = entry.first.as<std::string>();
      std::string field = "recipient_lists." + name;
      if (!entry.second.IsSequence()) return c.Error(entry.second, field, "must be a list of ids");
      std::vector<std::string> members;
      for (const auto& id : entry.second) {
        std::string value = id.as<std::string>();
        if (!ids.count(value)) {
          return c.Error(id, field, fmt::format("'{}' is not a recipient id", value));
        }
        members.push_back(std::move(value));
      }
      spec->recipient_lists.emplace_back(name, std::move(members));
    }
  }
  return Status::Ok();
}

Status ParseRoot(const Checker& c, const YAML::Node& root, DemandSpec* spec) {
  if (!root.IsMap()) return c.Error(root, "(top)", "a demand spec must be a YAML mapping");
  BATES_RETURN_IF_ERROR(c.Int(root, "schema_version", "schema_version", &spec->schema_version));
  if (spec->schema_version != kDemandSchemaVersion) {
    return c.Error(root["schema_version"], "schema_version",
                   fmt::format("version {} is not supported; this bates reads version {}",
                               spec->schema_version, kDemandSchemaVersion));
  }
  BATES_RETURN_IF_ERROR(c.OptionalString(root, "title", "title", &spec->title));
  BATES_RETURN_IF_ERROR(c.RequiredString(root, "issuer", "issuer", &spec->issuer));
  BATES_RETURN_IF_ERROR(c.RequiredString(root, "legal_basis", "legal_basis", &spec->legal_basis));
  BATES_RETURN_IF_ERROR(ParseRequests(c, root, spec));
  if (YAML::Node defs = root["definitions"]; defs.IsDefined() && !defs.IsNull()) {
    if (!defs.IsMap()) return c.Error(defs, "definitions", "must map a term to its meaning");
    for (const auto& d : defs) {
      spec->definitions.emplace_back(d.first.as<std::string>(), d.second.as<std::string>());
    }
  }
  if (YAML::Node ins = root["instructions"]; ins.IsDefined() && !ins.IsNull()) {
    if (!ins.IsSequence()) return c.Error(ins, "instructions", "must be a list");
    for (const auto& i : ins) spec->instructions.push_back(i.as<std::string>());
  }
  YAML::Node tf = root["timeframe"];
  if (!tf.IsDefined() || !tf.IsMap()) {
    return c.Error(tf.IsDefined() ? tf : root, "timeframe", "is required: {start: D, end: D}");
  }
  BATES_RETURN_IF_ERROR(c.Date(tf, "start", "timeframe.start", &spec->timeframe.start));
  BATES_RETURN_IF_ERROR(c.Date(tf, "end", "timeframe.end", &spec->timeframe.end));
  if (spec->timeframe.end < spec->timeframe.start) {
    return c.Error(tf["end"], "timeframe.end", "is before timeframe.start");
  }
  BATES_RETURN_IF_ERROR(ParseDeadline(c, root, &spec->deadline));
  return ParseRecipients(c, root, spec);
}

}  // namespace

std::string CivilDate::ToString() const {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

Result<CivilDate> ParseCivilDate(std::string_view text) {
  CivilDate d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return InvalidArgumentError("'{}' is not a date (YYYY-MM-DD)", text);
  }
  auto number = [&](std::size_t pos, std::size_t len, int* out) {
    auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, *out);
    return ec == std::errc() && end == text.data() + pos + len;
  };
  if (!number(0, 4, &d.year) || !number(5, 2, &d.month) || !number(8, 2, &d.day) || d.month < 1 ||
      d.month > 12 || d.day < 1 || d.day > DaysInMonth(d.year, d.month)) {
    return InvalidArgumentError("'{}' is not a date (YYYY-MM-DD)", text);
  }
  return d;
}

const Recipient* DemandSpec::FindRecipient(std::string_view id) const {
  for (const auto& r : recipients) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const DemandRequest* DemandSpec::FindRequest(int number) const {
  for (const auto& r : requests) {
    if (r.number == number) return &r;
  }
  return nullptr;
}

Result<DemandSpec> ParseDemandSpec(std::string_view yaml, std::string_view source_name) {
  Checker checker(source_name);
  DemandSpec spec;
  spec.source_path = std::string(source_name);
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    BATES_RETURN_IF_ERROR(ParseRoot(checker, root, &spec));
  } catch (const YAML::Exception& e) {
    return InvalidArgumentError("{}:{}: {}", source_name, e.mark.line + 1, e.msg);
  }
  return spec;
}

Result<DemandSpec> LoadDemandSpec(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("demand spec {}: cannot open", path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError("demand spec {}: read failed", path);
  return ParseDemandSpec(text.str(), path);
}

}  // namespace bates::demand
