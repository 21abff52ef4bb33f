#include "engine/matter_demand.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "demand/calendar.h"
#include "engine/case_parts.h"

namespace bates::engine {

using json = nlohmann::json;

MatterDemandView MatterDemandFromSpec(const demand::DemandSpec& spec,
                                      const std::optional<demand::CivilDate>& served) {
  MatterDemandView v;
  v.title = spec.title;
  v.issuer = spec.issuer;
  v.legal_basis = spec.legal_basis;
  v.source = spec.source_path;
  v.timeframe_start = spec.timeframe.start.ToString();
  v.timeframe_end = spec.timeframe.end.ToString();
  const demand::DeadlineRule& rule = spec.deadline;
  if (rule.kind == demand::DeadlineRule::Kind::kFixedDate && rule.date) {
    v.deadline = rule.date->ToString();
  } else {
    v.deadline = fmt::format(
        "{} {} days from service", rule.days,
        rule.kind == demand::DeadlineRule::Kind::kBusinessDays ? "business" : "calendar");
    if (served) {
      v.deadline =
          fmt::format("{} ({} on {})", demand::ComputeDeadline(*served, rule).date.ToString(),
                      v.deadline, served->ToString());
    }
  }
  for (const demand::DemandRequest& r : spec.requests) {
    v.requests.push_back({r.number, r.text, r.suggested_terms});
  }
  return v;
}

std::string MatterDemandToJson(const MatterDemandView& v) {
  json requests = json::array();
  for (const MatterDemandRequestView& r : v.requests) {
    requests.push_back(
        {{"number", r.number}, {"text", r.text}, {"suggested_terms", r.suggested_terms}});
  }
  return json{{"title", v.title},
              {"issuer", v.issuer},
              {"legal_basis", v.legal_basis},
              {"source", v.source},
              {"timeframe", {{"start", v.timeframe_start}, {"end", v.timeframe_end}}},
              {"deadline", v.deadline},
              {"requests", requests}}
      .dump();
}

Result<MatterDemandView> MatterDemandFromJson(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return CorruptError("the matter's stored demand is not valid JSON");
  }
  MatterDemandView v;
  try {
    v.title = j.value("title", "");
    v.issuer = j.value("issuer", "");
    v.legal_basis = j.value("legal_basis", "");
    v.source = j.value("source", "");
    v.deadline = j.value("deadline", "");
    if (j.contains("timeframe")) {
      v.timeframe_start = j["timeframe"].value("start", "");
      v.timeframe_end = j["timeframe"].value("end", "");
    }
    for (const json& r : j.value("requests", json::array())) {
      v.requests.push_back({r.at("number").get<int>(), r.value("text", ""),
                            r.value("suggested_terms", std::vector<std::string>{})});
    }
  } catch (const json::exception& e) {
    return CorruptError("the matter's stored demand: {}", e.what());
  }
  return v;
}

Result<std::optional<MatterDemandView>> LoadMatterDemand(CaseParts& parts) {
  BATES_ASSIGN_OR_RETURN(std::optional<std::string> stored,
                         parts.store->GetSetting(std::string(kDemandSettingKey)));
  if (!stored) return std::optional<MatterDemandView>();
  BATES_ASSIGN_OR_RETURN(MatterDemandView v, MatterDemandFromJson(*stored));
  return std::optional<MatterDemandView>(std::move(v));
}

Status CheckRequestNumbers(const MatterDemandView& demand, std::string_view value) {
  size_t start = 0;
  while (start < value.size()) {
    size_t comma = value.find(',', start);
    std::string_view item = value.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    int n = 0;
    auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), n);
    bool known = ec == std::errc() && end == item.data() + item.size() &&
                 std::any_of(demand.requests.begin(), demand.requests.end(),
                             [n](const MatterDemandRequestView& r) { return r.number == n; });
    if (!known) {
      std::string numbers;
      for (const MatterDemandRequestView& r : demand.requests)
        numbers += (numbers.empty() ? "" : ", ") + std::to_string(r.number);
      return InvalidArgumentError(
          "requests={}: request {} is not in the matter's demand (its requests: {})", value, item,
          numbers);
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return Status::Ok();
}

}  // namespace bates::engine
