// The parts of an open case that the engine's action files share. Internal to the engine.
#pragma once

#include <filesystem>
#include <map>
#include <memory>

#include "core/time.h"
#include "engine/case.h"
#include "index/index_reader.h"
#include "store/blob_store.h"
#include "store/case_store.h"

namespace bates::engine {

struct CaseParts {
  std::filesystem::path dir;
  CaseOptions options;
  std::unique_ptr<store::CaseStore> store;
  std::unique_ptr<store::BlobStore> blobs;
  store::Matter matter;
  TimeZone time_zone = TimeZone::Utc();

  std::filesystem::path db_path() const { return dir / "bates.db"; }
  std::filesystem::path index_dir() const { return dir / "index"; }
  std::filesystem::path blobs_dir() const { return dir / "blobs"; }
  std::filesystem::path temp_dir() const { return dir / "tmp"; }

  // Sources by id, loaded on first use.
  Result<const store::Source*> SourceById(int64_t id);
  // Where an item lies: the collected file's full path, then "#" and the path inside it.
  Result<std::string> DisplayPath(const store::Item& item);
  // A date as the matter shows it.
  std::string LocalDate(const Timestamp& t) const;
  Status Audit(const std::string& action, const std::string& detail_json);
  // The case's index, opened on first use and kept: the reader sees each later commit (it reopens
  // before every call), and opening one per search was 4% of the web workspace's time.
  Result<index::IndexReader*> Reader();

 private:
  std::map<int64_t, store::Source> sources_;
  std::unique_ptr<index::IndexReader> reader_;
};

// What a person would call an item: its subject, else its title, else its file name.
std::string DisplayTitle(const store::Item& item);

}  // namespace bates::engine
