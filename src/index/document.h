// IndexDocument: what the index knows of one item — its id, its text and the fields search can
// name. The engine builds it from a stored item; the index knows nothing of the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/item.h"

namespace bates::index {

struct IndexDocument {
  model::ItemId id = 0;
  model::ItemId family_id = 0;
  std::string text;     // extracted text (body)
  std::string subject;  // email subject, or the document's title
  std::vector<model::Address> from, to, cc, bcc;
  std::string custodian;
  std::string file_name;
  std::string mime_type;
  model::ItemKind kind = model::ItemKind::kFile;
  // UTC seconds.
  std::optional<int64_t> sort_date, sent, created, modified;
  uint64_t size = 0;
};

}  // namespace bates::index
