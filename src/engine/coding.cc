// bates code and bates coding: reviewers' decisions on items, each change audited with reviewer,
// time and reason; conflicts between exact duplicates reported.
#include "review/coding.h"

#include <nlohmann/json.hpp>
#include <set>

#include "engine/case.h"
#include "engine/matter_demand.h"
#include "engine/review_parts.h"

namespace bates::engine {
namespace {

namespace cf = review::coding_field;

// Conflicts over the whole case: exact duplicates (same group) with different non-empty values
// of a field that must agree. An uncoded copy is not a conflict, only two decisions that differ.
Result<std::vector<CodingConflictView>> FindConflicts(CaseParts& parts) {
  BATES_ASSIGN_OR_RETURN(auto groups, DuplicateGroups(parts));
  // group -> field -> id -> value
  std::map<model::ItemId, std::map<std::string, std::map<model::ItemId, std::string>>> seen;
  BATES_RETURN_IF_ERROR(parts.store->review().ForEachCoding([&](const store::Coding& c) {
    auto g = groups.find(c.item_id);
    if (g != groups.end() && review::MustAgreeAcrossDuplicates(c.field)) {
      seen[g->second][c.field][c.item_id] = c.value;
    }
    return Status::Ok();
  }));
  std::vector<CodingConflictView> out;
  for (const auto& [group, fields] : seen) {
    for (const auto& [field, values] : fields) {
      std::set<std::string> distinct;
      for (const auto& [id, value] : values) distinct.insert(value);
      if (distinct.size() < 2) continue;
      CodingConflictView v;
      v.group = model::FormatItemId(group);
      v.field = field;
      for (const auto& [id, value] : values) v.values.emplace_back(model::FormatItemId(id), value);
      out.push_back(std::move(v));
    }
  }
  return out;
}

std::string ValueOf(const std::vector<store::Coding>& coding, std::string_view field) {
  for (const store::Coding& c : coding) {
    if (c.field == field) return c.value;
  }
  return "";
}

}  // namespace

Result<CodeReport> Case::Code(const CodeRequest& request) {
  CaseParts& parts = *parts_;
  if (request.assignments.empty()) {
    return InvalidArgumentError("nothing to code: give FIELD=VALUE (e.g. responsive=yes)");
  }
  std::vector<std::pair<std::string, std::string>> set;
  for (const std::string& a : request.assignments) {
    BATES_ASSIGN_OR_RETURN(auto parsed, review::ParseCodingAssignment(a));
    // The last assignment of a field wins, as on a command line.
    auto same = std::find_if(set.begin(), set.end(),
                             [&](const auto& s) { return s.first == parsed.first; });
    if (same != set.end()) {
      same->second = parsed.second;
    } else {
      set.push_back(std::move(parsed));
    }
  }
  // A matter started from a demand knows its request numbers: coding an unknown one is refused.
  BATES_ASSIGN_OR_RETURN(std::optional<MatterDemandView> demand, LoadMatterDemand(parts));
  for (const auto& [field, value] : set) {
    if (demand && field == cf::kRequests && !value.empty()) {
      BATES_RETURN_IF_ERROR(CheckRequestNumbers(*demand, value));
    }
  }
  BATES_ASSIGN_OR_RETURN(std::vector<model::ItemId> ids, ResolveSelection(parts, request.items));
  CodeReport report;
  report.reviewer = request.reviewer.empty() ? parts.options.actor : request.reviewer;
  const int64_t now = parts.options.env->NowUnixSeconds();
  report.coded_at = parts.LocalDate(Timestamp{now, 0, false});
  report.set = set;
  Status written = InTransaction(parts, [&]() -> Status {
    for (model::ItemId id : ids) {
      BATES_ASSIGN_OR_RETURN(std::vector<store::Coding> current,
                             parts.store->review().ItemCoding(id));
      // The item's coding as it will be, to check the rules that span fields.
      std::map<std::string, std::string> after;
      for (const store::Coding& c : current) after[c.field] = c.value;
      for (const auto& [field, value] : set) after[field] = value;
      if (after[std::string(cf::kWithhold)] == "yes") {
        if (!review::IsPrivileged(after[std::string(cf::kPrivileged)])) {
          return InvalidArgumentError(
              "{}: withhold=yes needs a privilege basis first (privileged=attorney-client, "
              "work-product, deliberative-process or law-enforcement)",
              model::FormatItemId(id));
        }
        if (after[std::string(cf::kDescription)].empty()) {
          return InvalidArgumentError(
              "{}: withhold=yes needs the privilege log's description first "
              "(description=\"...\", written by a reviewer)",
              model::FormatItemId(id));
        }
      }
      for (const auto& [field, value] : set) {
        const std::string old = ValueOf(current, field);
        if (old == value) continue;
        if (value.empty()) {
          BATES_RETURN_IF_ERROR(parts.store->review().ClearCoding(id, field));
        } else {
          BATES_RETURN_IF_ERROR(parts.store->review().SetCoding(
              store::Coding{id, field, value, report.reviewer, now, request.reason}));
        }
        nlohmann::json detail = {{"id", model::FormatItemId(id)},
                                 {"field", field},
                                 {"old", old},
                                 {"new", value},
                                 {"reviewer", report.reviewer},
                                 {"reason", request.reason}};
        BATES_RETURN_IF_ERROR(parts.store->AppendAudit(
            now, report.reviewer, "code",
            detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
        ++report.changed;
      }
      report.items.push_back(model::FormatItemId(id));
    }
    return Status::Ok();
  });
  if (!written.ok()) return written;
  BATES_ASSIGN_OR_RETURN(std::vector<CodingConflictView> conflicts, FindConflicts(parts));
  std::set<std::string> coded(report.items.begin(), report.items.end());
  for (CodingConflictView& c : conflicts) {
    bool involved = std::any_of(c.values.begin(), c.values.end(),
                                [&](const auto& v) { return coded.count(v.first) > 0; });
    if (involved) report.conflicts.push_back(std::move(c));
  }
  return report;
}

Result<CodingReport> Case::Coding(const std::string& id_text) {
  CaseParts& parts = *parts_;
  std::optional<model::ItemId> only;
  if (!id_text.empty()) {
    BATES_ASSIGN_OR_RETURN(std::vector<model::ItemId> ids,
                           ResolveSelection(parts, ItemSelection{{id_text}, "", "", ""}));
    only = ids.front();
  }
  CodingReport report;
  BATES_RETURN_IF_ERROR(parts.store->review().ForEachCoding([&](const store::Coding& c) {
    if (only && c.item_id != *only) return Status::Ok();
    const std::string id = model::FormatItemId(c.item_id);
    if (report.items.empty() || report.items.back().id != id) report.items.push_back({id, {}});
    report.items.back().values.push_back(CodingValueView{
        c.field, c.value, c.reviewer, parts.LocalDate(Timestamp{c.coded_at, 0, false}), c.reason});
    return Status::Ok();
  }));
  BATES_ASSIGN_OR_RETURN(report.conflicts, FindConflicts(parts));
  if (only) {
    const std::string id = model::FormatItemId(*only);
    std::erase_if(report.conflicts, [&](const CodingConflictView& c) {
      return std::none_of(c.values.begin(), c.values.end(),
                          [&](const auto& v) { return v.first == id; });
    });
  }
  return report;
}

}  // namespace bates::engine
