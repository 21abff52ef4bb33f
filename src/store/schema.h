// The schema migrations compiled in from schema/NNNN_name.sql. A case records the highest version
// it has applied; opening it applies the rest in order, each in its own transaction.
#pragma once

#include <string_view>
#include <vector>

namespace bates::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& Migrations();

}  // namespace bates::store
