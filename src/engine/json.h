// The JSON form of every engine report: the one schema each `bates ... --json` prints and the
// server's API returns (docs/JSON.md documents them). Keys are stable; new keys may be added,
// none removed or renamed.
#pragma once

#include <string>

#include "engine/reports.h"
#include "engine/review_reports.h"

namespace bates::engine {

std::string ToJson(const MatterView& v);
std::string ToJson(const AddReport& v);
std::string ToJson(const SearchReport& v);
std::string ToJson(const ItemView& v);
std::string ToJson(const AccountReport& v);
std::string ToJson(const ListReport& v);
std::string ToJson(const SearchesReport& v);
std::string ToJson(const TermsReport& v);
std::string ToJson(const HighlightView& v);
std::string ToJson(const AnalyzeReport& v);
std::string ToJson(const ProduceReport& v);
std::string ToJson(const TarSimulateReport& v);
std::string ToJson(const TarBatchReport& v);
std::string ToJson(const TarCodeReport& v);
std::string ToJson(const TarStatusReport& v);
// Review (review_json.cc).
std::string ToJson(const CodeReport& v);
std::string ToJson(const CodingReport& v);
std::string ToJson(const PrivilegeListView& v);
std::string ToJson(const ScreenReport& v);
std::string ToJson(const RedactionsReport& v);
std::string ToJson(const RedactedTextView& v);
std::string ToJson(const PrivilegeLogReport& v);

}  // namespace bates::engine
