// A search-term report as the two files negotiations trade: CSV (one row per term and side, for
// spreadsheets) and a readable HTML page with the requester's and the responder's terms side by
// side. Both are rendered from TermsReport alone, so the CLI and the server give the same files.
//
// Thread safety: pure functions.
#pragma once

#include <string>

#include "engine/reports.h"

namespace bates::engine {

// Header: side,term,documents,documents_dedup,unique,unique_dedup,families,families_dedup,error.
// Each list ends with its total row (term "(any term)"). RFC 4180 quoting; CRLF line ends.
std::string TermsCsv(const TermsReport& report);
// A self-contained HTML page (inline style, no script). `title` heads it (the matter's name).
std::string TermsHtml(const TermsReport& report, const std::string& title);

}  // namespace bates::engine
