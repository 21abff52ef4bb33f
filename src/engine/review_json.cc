// The JSON of the review commands (docs/JSON.md, "Review").
#include <nlohmann/json.hpp>

#include "engine/json.h"

namespace bates::engine {
namespace {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

json Conflicts(const std::vector<CodingConflictView>& conflicts) {
  json out = json::array();
  for (const CodingConflictView& c : conflicts) {
    json values = json::array();
    for (const auto& [id, value] : c.values) values.push_back({{"id", id}, {"value", value}});
    out.push_back({{"group", c.group}, {"field", c.field}, {"values", values}});
  }
  return out;
}

json Redaction(const RedactionView& r) {
  json j = {{"number", r.number},        {"id", r.id},         {"area", r.area},
            {"reason", r.reason},        {"origin", r.origin}, {"reviewer", r.reviewer},
            {"created_at", r.created_at}};
  if (r.area == "text") {
    j["start"] = r.start;
    j["end"] = r.end;
  } else {
    j["page"] = r.page;
    j["box"] = {{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}};
  }
  return j;
}

}  // namespace

std::string ToJson(const CodeReport& v) {
  json set = json::object();
  for (const auto& [field, value] : v.set) set[field] = value;
  return Dump({{"reviewer", v.reviewer},
               {"coded_at", v.coded_at},
               {"set", set},
               {"items", v.items},
               {"changed", v.changed},
               {"conflicts", Conflicts(v.conflicts)}});
}

std::string ToJson(const CodingReport& v) {
  json items = json::array();
  for (const ItemCodingView& i : v.items) {
    json fields = json::object();
    for (const CodingValueView& c : i.values) {
      fields[c.field] = {{"value", c.value},
                         {"reviewer", c.reviewer},
                         {"coded_at", c.coded_at},
                         {"reason", c.reason}};
    }
    items.push_back({{"id", i.id}, {"fields", fields}});
  }
  return Dump({{"items", items}, {"conflicts", Conflicts(v.conflicts)}});
}

std::string ToJson(const PrivilegeListView& v) {
  json entries = json::array();
  for (const PrivilegeEntryView& e : v.entries) {
    entries.push_back({{"kind", e.kind}, {"value", e.value}, {"label", e.label}});
  }
  return Dump({{"entries", entries}});
}

std::string ToJson(const ScreenReport& v) {
  json privilege = json::array();
  for (const PrivilegeFlagView& f : v.privilege) {
    std::string why;
    for (const std::string& w : f.why) why += (why.empty() ? "" : "; ") + w;
    privilege.push_back({{"id", f.id}, {"why", why}, {"reasons", f.why}});
  }
  json pii = json::array();
  for (const PiiHitView& h : v.pii) {
    pii.push_back({{"id", h.id}, {"kind", h.kind}, {"start", h.start}, {"end", h.end}});
  }
  json by_kind = json::object();
  for (const auto& [kind, n] : v.pii_by_kind) by_kind[kind] = n;
  return Dump({{"privilege", privilege},
               {"pii", pii},
               {"pii_by_kind", by_kind},
               {"items", v.items},
               {"text_bytes", v.text_bytes},
               {"privilege_list", v.privilege_list},
               {"seconds", v.seconds},
               {"pii_seconds", v.pii_seconds}});
}

std::string ToJson(const RedactionsReport& v) {
  json list = json::array();
  for (const RedactionView& r : v.redactions) list.push_back(Redaction(r));
  return Dump({{"redactions", list}, {"skipped", v.skipped}});
}

std::string ToJson(const RedactedTextView& v) {
  return Dump({{"id", v.id}, {"redactions", v.redactions}, {"text", v.text}});
}

std::string ToJson(const PrivilegeLogReport& v) {
  json rows = json::array();
  for (const PrivilegeLogRowView& r : v.rows) {
    rows.push_back({{"document", r.document},
                    {"date", r.date},
                    {"author", r.author},
                    {"to", r.to},
                    {"cc", r.cc},
                    {"bcc", r.bcc},
                    {"description", r.description},
                    {"basis", r.basis},
                    {"treatment", r.treatment},
                    {"family", r.family}});
  }
  return Dump(
      {{"format", v.format}, {"withheld", v.withheld}, {"redacted", v.redacted}, {"rows", rows}});
}

}  // namespace bates::engine
