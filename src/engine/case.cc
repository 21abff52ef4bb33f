#include "engine/case.h"

#include <nlohmann/json.hpp>

#include "engine/case_parts.h"
#include "engine/matter_demand.h"
#include "index/index_writer.h"

namespace bates::engine {

namespace fs = std::filesystem;

Result<const store::Source*> CaseParts::SourceById(int64_t id) {
  auto it = sources_.find(id);
  if (it == sources_.end()) {
    BATES_ASSIGN_OR_RETURN(std::vector<store::Source> all, store->ListSources());
    for (store::Source& s : all) sources_[s.id] = std::move(s);
    it = sources_.find(id);
    if (it == sources_.end()) return NotFoundError("no source {}", id);
  }
  return &it->second;
}

Result<std::string> CaseParts::DisplayPath(const store::Item& item) {
  BATES_ASSIGN_OR_RETURN(const store::Source* source, SourceById(item.source_id));
  std::string path =
      source->is_folder ? (fs::path(source->path) / item.relative_path).string() : source->path;
  if (!item.inner_path.empty()) path += "#" + item.inner_path;
  return path;
}

std::string CaseParts::LocalDate(const Timestamp& t) const {
  return time_zone.FormatLocal(t.utc_seconds);
}

Result<index::IndexReader*> CaseParts::Reader() {
  if (reader_ == nullptr) {
    BATES_ASSIGN_OR_RETURN(reader_, index::IndexReader::Open(index_dir()));
  }
  return reader_.get();
}

Status CaseParts::Audit(const std::string& action, const std::string& detail_json) {
  return store->AppendAudit(options.env->NowUnixSeconds(), options.actor, action, detail_json);
}

std::string DisplayTitle(const store::Item& item) {
  if (!item.meta.subject.empty()) return item.meta.subject;
  if (!item.meta.title.empty()) return item.meta.title;
  if (!item.meta.file_name.empty()) return item.meta.file_name;
  return item.name;
}

Case::Case(std::unique_ptr<CaseParts> parts) : dir_(parts->dir), parts_(std::move(parts)) {}
Case::~Case() = default;

Result<std::unique_ptr<Case>> Case::Create(const fs::path& dir_in, const InitRequest& request,
                                           const CaseOptions& options) {
  std::error_code ec;
  fs::path dir = fs::absolute(dir_in, ec).lexically_normal();
  if (ec) return IoError("{}: {}", dir_in.string(), ec.message());
  if (fs::exists(dir / "bates.db"))
    return AlreadyExistsError("{} already holds a case", dir.string());
  BATES_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Load(request.time_zone));
  if (request.index_shards < 1 || request.index_shards > index::kMaxShards) {
    return InvalidArgumentError("the index takes 1 to {} shards, not {}", index::kMaxShards,
                                request.index_shards);
  }

  auto parts = std::make_unique<CaseParts>();
  parts->dir = dir;
  parts->options = options;
  for (const fs::path& sub : {dir, parts->blobs_dir(), parts->index_dir(), parts->temp_dir()}) {
    fs::create_directories(sub, ec);
    if (ec) return IoError("cannot create {}: {}", sub.string(), ec.message());
  }
  BATES_ASSIGN_OR_RETURN(parts->store, store::CaseStore::OpenSqlite(parts->db_path(), true));
  parts->matter.name = request.name.empty() ? dir.filename().string() : request.name;
  parts->matter.time_zone = zone.name();
  parts->matter.created_at = options.env->NowUnixSeconds();
  parts->time_zone = std::move(zone);
  BATES_RETURN_IF_ERROR(parts->store->Begin());
  BATES_RETURN_IF_ERROR(parts->store->CreateMatter(parts->matter));
  nlohmann::json detail = {{"name", parts->matter.name}, {"time_zone", parts->matter.time_zone}};
  if (request.demand) {
    BATES_RETURN_IF_ERROR(parts->store->SetSetting(std::string(kDemandSettingKey),
                                                   MatterDemandToJson(*request.demand)));
    detail["demand"] = {{"title", request.demand->title},
                        {"source", request.demand->source},
                        {"requests", request.demand->requests.size()}};
  }
  BATES_RETURN_IF_ERROR(parts->Audit("init", detail.dump()));
  BATES_RETURN_IF_ERROR(parts->store->Commit());
  {
    // Create the index now, so that a search of an empty case finds an empty index.
    index::IndexWriterOptions index_options;
    index_options.shards = request.index_shards;
    BATES_ASSIGN_OR_RETURN(auto writer,
                           index::IndexWriter::Create(parts->index_dir(), index_options));
    BATES_RETURN_IF_ERROR(writer->Commit());
  }
  BATES_ASSIGN_OR_RETURN(parts->blobs, store::BlobStore::Open(parts->blobs_dir()));
  return std::unique_ptr<Case>(new Case(std::move(parts)));
}

Result<std::unique_ptr<Case>> Case::Open(const fs::path& dir_in, const CaseOptions& options) {
  std::error_code ec;
  fs::path dir = fs::absolute(dir_in, ec).lexically_normal();
  if (ec) return IoError("{}: {}", dir_in.string(), ec.message());
  if (!fs::exists(dir / "bates.db")) {
    return NotFoundError("{} is not a case folder (create one with: bates init {})",
                         dir_in.string(), dir_in.string());
  }
  auto parts = std::make_unique<CaseParts>();
  parts->dir = dir;
  parts->options = options;
  BATES_ASSIGN_OR_RETURN(parts->store, store::CaseStore::OpenSqlite(parts->db_path(), false));
  BATES_ASSIGN_OR_RETURN(parts->matter, parts->store->GetMatter());
  BATES_ASSIGN_OR_RETURN(parts->time_zone, TimeZone::Load(parts->matter.time_zone));
  BATES_ASSIGN_OR_RETURN(parts->blobs, store::BlobStore::Open(parts->blobs_dir()));
  return std::unique_ptr<Case>(new Case(std::move(parts)));
}

Result<MatterView> Case::Info() {
  MatterView view;
  view.name = parts_->matter.name;
  view.time_zone = parts_->matter.time_zone;
  view.created_at = parts_->LocalDate(Timestamp{parts_->matter.created_at, 0, false});
  view.path = dir_.string();
  BATES_ASSIGN_OR_RETURN(view.items, parts_->store->CountItems());
  BATES_ASSIGN_OR_RETURN(auto sources, parts_->store->ListSources());
  view.sources = static_cast<int64_t>(sources.size());
  BATES_ASSIGN_OR_RETURN(auto custodians, parts_->store->ListCustodians());
  view.custodians = static_cast<int64_t>(custodians.size());
  BATES_ASSIGN_OR_RETURN(view.demand, LoadMatterDemand(*parts_));
  return view;
}

}  // namespace bates::engine
