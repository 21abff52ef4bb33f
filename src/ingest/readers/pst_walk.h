// The walk over a mail store's folder tree, apart from the library that reads the store, so that
// its guards can be tested on a tree no real store could be made to hold. A store names each
// folder by a node id; a damaged or hostile store can make a folder its own descendant, which a
// naive walk would follow for ever. This walk visits each node id at most once, stops at a depth
// limit and at a folder-count limit, and fails — it does not loop — when a folder comes round
// again.
//
// `Ops` is any type with:
//   Result<uint32_t> Id(const Folder&);
//   Result<int> SubFolderCount(const Folder&);
//   Result<Folder> SubFolder(const Folder&, int index);
//   std::string Name(const Folder&);
//   Status Visit(const Folder&, const std::string& path);   // the folder's own items
// where Folder is a movable handle that frees itself.
//
// Thread safety: a walk runs on one thread.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <utility>

#include "core/result.h"

namespace bates::ingest {

struct FolderWalkLimits {
  int max_depth = 128;  // Outlook itself stops far short of this
  uint64_t max_folders = 1'000'000;
};

template <typename Ops, typename Folder>
class FolderWalk {
 public:
  FolderWalk(Ops& ops, FolderWalkLimits limits) : ops_(ops), limits_(limits) {}

  // Walks `root` and everything below it; `path` is the root's own path ("" for the store's
  // root, whose name is not part of any path).
  Status Walk(const Folder& root, const std::string& path) { return Visit(root, path, 0); }

  uint64_t folders() const { return visited_.size(); }
  // Marks a node id as seen, for folders reached another way (orphans).
  bool Seen(uint32_t id) const { return visited_.count(id) > 0; }

 private:
  Status Visit(const Folder& folder, const std::string& path, int depth) {
    BATES_ASSIGN_OR_RETURN(uint32_t id, ops_.Id(folder));
    if (!visited_.insert(id).second) {
      return CorruptError("folder tree is cyclic: folder {} (\"{}\") is reached again below itself",
                          id, path);
    }
    if (visited_.size() > limits_.max_folders) {
      return ResourceExhaustedError("store has more than {} folders", limits_.max_folders);
    }
    if (depth > limits_.max_depth) {
      return CorruptError("folders nested deeper than {} levels at \"{}\"", limits_.max_depth,
                          path);
    }
    BATES_RETURN_IF_ERROR(ops_.Visit(folder, path));
    BATES_ASSIGN_OR_RETURN(int count, ops_.SubFolderCount(folder));
    for (int i = 0; i < count; ++i) {
      BATES_ASSIGN_OR_RETURN(Folder sub, ops_.SubFolder(folder, i));
      std::string name = ops_.Name(sub);
      if (name.empty()) name = "folder " + std::to_string(i + 1);
      BATES_RETURN_IF_ERROR(Visit(sub, path.empty() ? name : path + "/" + name, depth + 1));
    }
    return Status::Ok();
  }

  Ops& ops_;
  FolderWalkLimits limits_;
  std::unordered_set<uint32_t> visited_;
};

}  // namespace bates::ingest
