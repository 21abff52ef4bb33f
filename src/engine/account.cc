// bates account: every source and what it yielded, every exception and why. Nothing collected may
// be lost silently, so the report says whether the books balance.
#include "engine/case.h"
#include "engine/case_parts.h"

namespace bates::engine {

Result<AccountReport> Case::Account() {
  CaseParts& parts = *parts_;
  AccountReport report;
  report.balanced = true;
  BATES_ASSIGN_OR_RETURN(std::vector<store::SourceAccount> sources, parts.store->AccountBySource());
  for (const store::SourceAccount& s : sources) {
    SourceAccountView v;
    v.path = s.source.path;
    v.custodian = s.source.custodian;
    v.items = s.items;
    v.processed = s.processed;
    v.exceptions = s.exceptions;
    v.complete = s.source.complete;
    if (v.items != v.processed + v.exceptions) report.balanced = false;
    report.items += v.items;
    report.processed += v.processed;
    report.exceptions += v.exceptions;
    report.sources.push_back(std::move(v));
  }
  BATES_ASSIGN_OR_RETURN(int64_t total, parts.store->CountItems());
  if (total != report.items) report.balanced = false;

  BATES_ASSIGN_OR_RETURN(std::vector<store::ExceptionRow> rows, parts.store->ListExceptions());
  for (const store::ExceptionRow& r : rows) {
    ExceptionItemView v;
    v.id = model::FormatItemId(r.id);
    BATES_ASSIGN_OR_RETURN(store::Item item, parts.store->GetItem(r.id));
    BATES_ASSIGN_OR_RETURN(v.path, parts.DisplayPath(item));
    v.code = r.code;
    v.tool = r.tool;
    v.reason = r.tool.empty() ? fmt::format("{}: {}", r.code, r.message)
                              : fmt::format("{}: {} ({})", r.code, r.message, r.tool);
    report.exception_items.push_back(std::move(v));
  }
  if (static_cast<int64_t>(report.exception_items.size()) != report.exceptions) {
    report.balanced = false;
  }
  return report;
}

}  // namespace bates::engine
