// The responder's matter started from a demand spec (`bates init CASE --demand SPEC`): the
// demand is kept in the case's matter settings (key "demand", JSON), so no migration is needed
// and both sides read the same requests and timeframe. Coding `requests=N` is checked against
// it; its timeframe is the matter's default date range (production) and is stated on the
// search-term report.
//
// Thread safety: as CaseParts (one thread per Case).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "demand/spec.h"
#include "engine/reports.h"

namespace bates::engine {

struct CaseParts;

inline constexpr std::string_view kDemandSettingKey = "demand";

// With `served` (the date the responder was served), the deadline is the computed due date
// ("2018-02-23 (30 calendar days from service on 2018-01-24)"); else the rule.
MatterDemandView MatterDemandFromSpec(const demand::DemandSpec& spec,
                                      const std::optional<demand::CivilDate>& served = {});
std::string MatterDemandToJson(const MatterDemandView& demand);
Result<MatterDemandView> MatterDemandFromJson(std::string_view json);

// The matter's demand, if it was started from one.
Result<std::optional<MatterDemandView>> LoadMatterDemand(CaseParts& parts);

// Checks a normalised `requests` coding value ("1,3") against the demand's request numbers.
// InvalidArgument names the number and lists the demand's requests.
Status CheckRequestNumbers(const MatterDemandView& demand, std::string_view value);

}  // namespace bates::engine
