// FacetTable: each item's custodian, MIME type and month, held in memory so the search screen's
// facets cost a lookup per hit instead of a store read per hit (issue 10's load target). Built on
// first use from the store and extended as items are added (collected items never change these
// three values). One table per case folder, shared by every open handle in the process. Internal
// to the engine.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/case_parts.h"
#include "engine/web_reports.h"

namespace bates::engine {

class FacetTable {
 public:
  // The table of the case `parts` opened, brought up to date with its items.
  static Result<std::shared_ptr<FacetTable>> For(CaseParts& parts);

  // Counts the facets of these items (ids the table does not hold are skipped).
  void Count(const std::vector<model::ItemId>& ids, SearchFacetsView& view) const;

 private:
  struct Row {
    uint32_t custodian = 0, type = 0, month = 0;
    bool present = false;
  };
  // A value's index in `names`, adding it when new.
  static uint32_t Intern(std::vector<std::string>& names, std::map<std::string, uint32_t>& index,
                         const std::string& value);
  Status CatchUp(CaseParts& parts);

  mutable std::mutex mutex_;
  model::ItemId through_ = 0;  // rows hold every item up to this id
  std::vector<Row> rows_;      // by item id
  std::vector<std::string> custodians_, types_, months_;
  std::map<std::string, uint32_t> custodian_index_, type_index_, month_index_;
};

}  // namespace bates::engine
