#include "engine/web_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace bates::engine {
namespace {

using nlohmann::ordered_json;

std::string Dump(const ordered_json& j) {
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

// [{"value", "count"}], largest first, then by value: the order a facet list is shown in.
ordered_json Counts(const std::map<std::string, int64_t>& counts, bool by_value) {
  std::vector<std::pair<std::string, int64_t>> rows(counts.begin(), counts.end());
  if (!by_value) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
  }
  ordered_json out = ordered_json::array();
  for (const auto& [value, count] : rows) out.push_back({{"value", value}, {"count", count}});
  return out;
}

}  // namespace

std::string ToJson(const SessionView& v) {
  ordered_json j = {{"user", v.user},
                    {"role", v.role},
                    {"csrf_token", v.csrf_token},
                    {"expires_at", v.expires_at}};
  return Dump(j);
}

std::string ToJson(const SearchFacetsView& v) {
  ordered_json j = {{"counted", v.counted},
                    {"custodian", Counts(v.custodian, false)},
                    {"type", Counts(v.type, false)},
                    // A histogram: months in date order.
                    {"month", Counts(v.month, true)}};
  return Dump(j);
}

std::string ToJson(const RelatedView& v) {
  ordered_json j = {{"id", v.id}, {"thread", v.thread}, {"near_duplicates", v.near_duplicates}};
  return Dump(j);
}

std::string ToJson(const IntakeRecordsView& v) {
  ordered_json records = ordered_json::array();
  for (const IntakeRecordView& r : v.records) {
    ordered_json detail = ordered_json::parse(r.detail_json, nullptr, false);
    if (detail.is_discarded()) detail = r.detail_json;
    records.push_back({{"at", r.at}, {"actor", r.actor}, {"intake", detail}});
  }
  return Dump(ordered_json{{"records", records}});
}

std::string ToJson(const ItemScreenView& v) {
  ordered_json pii = ordered_json::array();
  for (const auto& h : v.pii) pii.push_back({{"kind", h.kind}, {"start", h.start}, {"end", h.end}});
  ordered_json redactions = ordered_json::array();
  for (const auto& r : v.redactions) {
    redactions.push_back(
        {{"number", r.number}, {"start", r.start}, {"end", r.end}, {"reason", r.reason}});
  }
  ordered_json j = {
      {"id", v.id}, {"privilege_why", v.privilege_why}, {"pii", pii}, {"redactions", redactions}};
  return Dump(j);
}

}  // namespace bates::engine
