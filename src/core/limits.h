// Limits on what one collected file may cost: how deep containers may nest, how large one item
// may be, how far a compressed member may expand, how long and how much memory a reader gets.
// Past a limit the item becomes an exception with the limit named in its reason; the run goes on.
#pragma once

#include <chrono>
#include <cstdint>

namespace bates {

struct Limits {
  // Containers within containers (mbox → message → zip → zip → ...). The top-level file is depth 0.
  int max_depth = 16;
  // Largest single item, native bytes. Larger items are hashed and kept but not read.
  uint64_t max_item_bytes = uint64_t{2} << 30;
  // Largest item a container reader may hold in memory; larger members spill to a temporary file.
  uint64_t max_in_memory_bytes = uint64_t{64} << 20;
  // Largest expanded size of all members of one top-level file (zip bombs).
  uint64_t max_expanded_bytes = uint64_t{16} << 30;
  // Largest expansion ratio of a compressed member once it is past `ratio_floor_bytes`.
  uint64_t max_compression_ratio = 200;
  uint64_t ratio_floor_bytes = uint64_t{1} << 20;
  // Largest extracted text kept for one item; the rest is cut and the item flagged truncated.
  uint64_t max_text_bytes = uint64_t{256} << 20;
  // Most children one item may have (a container with a million empty entries).
  uint64_t max_children = 1'000'000;
  // Wall time and address space of an isolated reader's helper process, per document.
  std::chrono::seconds helper_time_limit{120};
  uint64_t helper_memory_bytes = uint64_t{2} << 30;
};

}  // namespace bates
