// bates privlog: the privilege log of every item withheld (coded withhold=yes, with the
// reviewer's description and basis) or produced with redactions, as CSV or XLSX.
#include "review/privilege_log.h"

#include <nlohmann/json.hpp>
#include <set>

#include "engine/case.h"
#include "engine/review_parts.h"
#include "review/coding.h"

namespace bates::engine {
namespace {

namespace cf = review::coding_field;

std::string Bases(const std::string& privileged) {
  if (!review::IsPrivileged(privileged)) return "";
  std::string out;
  for (char c : privileged) out += c == ',' ? std::string("; ") : std::string(1, c);
  return out;
}

}  // namespace

Result<std::vector<review::PrivilegeLogRow>> GatherPrivilegeLogRows(
    CaseParts& parts, const std::map<model::ItemId, std::string>* bates,
    const std::set<model::ItemId>& slip_sheeted) {
  std::map<model::ItemId, std::map<std::string, std::string>> coding;
  BATES_RETURN_IF_ERROR(parts.store->review().ForEachCoding([&](const store::Coding& c) {
    coding[c.item_id][c.field] = c.value;
    return Status::Ok();
  }));
  std::map<model::ItemId, std::vector<std::string>> redaction_reasons;
  BATES_ASSIGN_OR_RETURN(auto redactions, parts.store->review().ListRedactions(std::nullopt));
  for (const store::RedactionRow& r : redactions) {
    auto& reasons = redaction_reasons[r.item_id];
    if (std::find(reasons.begin(), reasons.end(), r.reason) == reasons.end()) {
      reasons.push_back(r.reason);
    }
  }
  std::set<model::ItemId> logged;
  for (const auto& [id, fields] : coding) {
    auto w = fields.find(std::string(cf::kWithhold));
    if (w != fields.end() && w->second == "yes") logged.insert(id);
  }
  for (const auto& [id, reasons] : redaction_reasons) logged.insert(id);
  logged.insert(slip_sheeted.begin(), slip_sheeted.end());
  if (bates != nullptr) {
    std::erase_if(logged, [&](model::ItemId id) { return !bates->contains(id); });
  }

  std::vector<review::PrivilegeLogRow> rows;
  BATES_ASSIGN_OR_RETURN(
      std::vector<store::Item> items,
      parts.store->GetItems(std::vector<model::ItemId>(logged.begin(), logged.end())));
  for (const store::Item& item : items) {
    auto& fields = coding[item.id];
    const bool withheld =
        fields[std::string(cf::kWithhold)] == "yes" || slip_sheeted.contains(item.id);
    review::PrivilegeLogRow row;
    row.document = bates != nullptr ? bates->at(item.id) : model::FormatItemId(item.id);
    if (item.sort_date) row.date = parts.LocalDate(*item.sort_date).substr(0, 10);
    row.author = item.meta.from ? model::FormatAddress(*item.meta.from) : item.meta.author;
    row.to = model::FormatAddressList(item.meta.to);
    row.cc = model::FormatAddressList(item.meta.cc);
    row.bcc = model::FormatAddressList(item.meta.bcc);
    row.description = fields[std::string(cf::kDescription)];
    row.basis = Bases(fields[std::string(cf::kPrivileged)]);
    if (!withheld) {
      // Produced in part: the log says what was taken out and why.
      std::string reasons;
      for (const std::string& r : redaction_reasons[item.id]) {
        reasons += (reasons.empty() ? "" : "; ") + r;
      }
      row.basis = row.basis.empty() ? reasons : row.basis + "; " + reasons;
    }
    row.treatment = withheld ? "withheld" : "redacted";
    if (item.parent_id) {
      row.family =
          "attachment to " +
          model::FormatItemId(item.family_id == item.id ? *item.parent_id : item.family_id);
    } else {
      BATES_ASSIGN_OR_RETURN(std::vector<model::ItemId> family,
                             parts.store->FamilyIds(item.family_id));
      std::string members;
      for (model::ItemId m : family) {
        if (m != item.id) members += (members.empty() ? "" : ", ") + model::FormatItemId(m);
      }
      if (!members.empty()) row.family = "parent of " + members;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<PrivilegeLogReport> Case::PrivilegeLog(const PrivilegeLogRequest& request) {
  CaseParts& parts = *parts_;
  if (request.format != "csv" && request.format != "xlsx") {
    return InvalidArgumentError("the privilege log is written as csv or xlsx, not '{}'",
                                request.format);
  }
  PrivilegeLogReport report;
  report.format = request.format;
  BATES_ASSIGN_OR_RETURN(std::vector<review::PrivilegeLogRow> rows,
                         GatherPrivilegeLogRows(parts, nullptr));
  for (const review::PrivilegeLogRow& row : rows) {
    (row.treatment == "withheld" ? report.withheld : report.redacted) += 1;
    report.rows.push_back(PrivilegeLogRowView{row.document, row.date, row.author, row.to, row.cc,
                                              row.bcc, row.description, row.basis, row.treatment,
                                              row.family});
  }
  if (request.format == "xlsx") {
    BATES_ASSIGN_OR_RETURN(report.content, review::PrivilegeLogXlsx(rows));
  } else {
    report.content = review::PrivilegeLogCsv(rows);
  }
  nlohmann::json detail = {
      {"format", request.format}, {"withheld", report.withheld}, {"redacted", report.redacted}};
  Status written = InTransaction(parts, [&] { return parts.Audit("privlog", detail.dump()); });
  if (!written.ok()) return written;
  return report;
}

}  // namespace bates::engine
