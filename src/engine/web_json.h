// The JSON form of the web workspace's own reports (web_reports.h), as the API returns them
// (docs/API.md). Keys are stable, as in json.h.
#pragma once

#include <string>

#include "engine/reports.h"
#include "engine/web_reports.h"

namespace bates::engine {

// Never the session token: it travels only in the HttpOnly cookie.
std::string ToJson(const SessionView& v);
std::string ToJson(const SearchFacetsView& v);
std::string ToJson(const RelatedView& v);
std::string ToJson(const IntakeRecordsView& v);
std::string ToJson(const ItemScreenView& v);

}  // namespace bates::engine
