// Case: the engine's façade over one matter's case folder. Each user action is one method; the
// command line, the HTTP server and the tests call these and nothing below them, so all three
// exercise the same code. Results are plain structs (reports.h); engine/json.h renders them as
// the stable JSON every `--json` and API response uses.
//
// A Case owns its store, blob store and index handles. It never prints and never reads the
// environment: the caller passes options (CaseOptions) and a ProgressListener.
//
// Thread safety: a Case is used by one thread at a time. Several processes may open one case;
// writers are serialised by the store and the index locks.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/limits.h"
#include "core/progress.h"
#include "core/result.h"
#include "engine/reports.h"
#include "engine/review_reports.h"
#include "engine/web_reports.h"

namespace bates::store {
class DemandStore;
}  // namespace bates::store

namespace bates::engine {

struct CaseOptions {
  // The bates-extract helper program (isolated readers). Empty: they run in-process.
  std::filesystem::path helper_path;
  Env* env = &Env::Default();
  // Who acts, for the audit log.
  std::string actor = "bates";
};

struct InitRequest {
  std::string name;               // defaults to the folder's name
  std::string time_zone = "UTC";  // IANA name
  uint32_t index_shards = 2;      // Xapian shards, written in parallel; fixed for the case
  // The demand the responder's matter answers (`bates init --demand SPEC`), kept with the matter.
  std::optional<MatterDemandView> demand;
};

struct AddRequest {
  std::string custodian;
  std::vector<std::filesystem::path> paths;
  int jobs = 0;                  // 0: one per core
  uint64_t batch_items = 20000;  // items per commit (a killed run loses at most one batch)
  Limits limits;
  std::atomic<bool>* cancel = nullptr;
};

struct SearchRequest {
  std::string query;
  uint32_t limit = 20;
  uint32_t offset = 0;
  bool by_date = false;
  // Who runs it, for the saved search (default: CaseOptions::actor).
  std::string user;
  // Keep it among the case's saved searches.
  bool save = true;
  // Queue it to be kept by the next WriteQueuedSearches (or read of the saved searches) instead
  // of writing it now: a server writes a batch a second (engine/search_queue.h).
  bool save_later = false;
  // Leave out items coded privileged (or withheld), for a role that may not see them (issue 10).
  bool hide_privileged = false;
  // Count every hit by custodian, type and month (the search screen's facets), in the same pass.
  bool facets = false;
};

struct TermsRequest {
  std::vector<std::string> responder;  // the terms, one query each
  std::vector<std::string> requester;  // the other side's terms, if given
  std::string user;                    // default: CaseOptions::actor
};

struct AnalyzeRequest {
  // "global" or "custodian"; unset: the matter's setting (default global). A value given here
  // becomes the matter's setting.
  std::optional<std::string> dedup_scope;
  // Least similarity to the pivot for a near-duplicate, in (0, 1]; unset: the matter's setting
  // (default 0.9). A value given here becomes the matter's setting.
  std::optional<double> near_threshold;
  int threads = 2;  // for near-duplicate banding
  std::atomic<bool>* cancel = nullptr;
};

struct ProduceRequest {
  std::string select;  // the query whose hits (with their families) are produced; required
  // Items to withhold as privileged, by query: a stand-in until review's coding lands, which will
  // fill the same decisions. Empty: none.
  std::string withhold;
  std::string prefix;               // Bates prefix
  std::optional<int64_t> start;     // first Bates number; unset: the next after the prefix's last
  std::string volume;               // volume name, e.g. VOL001: case/productions/VOL001
  std::optional<std::string> spec;  // the production specification's text (produce/spec.h)
  std::string from, to;             // relevant timeframe, YYYY-MM-DD in the matter's zone
  std::string user;                 // default: CaseOptions::actor
};

struct TarSimulateRequest {
  // TSV with a header: `path` (a collected file's path relative to the folder added, or an item
  // id) and `label` (1 responsive, 0 not); items not in it count as not responsive.
  std::filesystem::path labels;
  std::string topic;  // a name for the report; default the labels file's stem
  // Seeds: a synthetic document (e.g. the request's description), a query whose best hits are
  // reviewed first, and known responsive items.
  std::string seed_text;
  std::string seed_query;
  std::vector<std::string> seed_docs;
  uint32_t seed_query_hits = 10;
  uint64_t random_seed = 1;
  double confidence = 0.95;  // of the elusion test
  double margin = 0.05;      // of the elusion rate, for its sample size
  uint32_t elusion_repeats = 0;
  bool references = false;
  // liblinear's C for CAL and the near-ideal bound; default CalOptions' (0.1).
  std::optional<double> cost;
};

struct TarStartRequest {
  std::string topic;
  std::string seed_text;               // a synthetic responsive document
  std::vector<std::string> seed_docs;  // known responsive items
};

class Case {
 public:
  // Creates a case folder (bates.db, blobs/, index/). AlreadyExists if it holds a case.
  static Result<std::unique_ptr<Case>> Create(const std::filesystem::path& dir,
                                              const InitRequest& request,
                                              const CaseOptions& options);
  // Opens an existing case. NotFound if `dir` holds none.
  static Result<std::unique_ptr<Case>> Open(const std::filesystem::path& dir,
                                            const CaseOptions& options);
  ~Case();

  const std::filesystem::path& dir() const { return dir_; }

  // Collects each path (a folder or a file) for the custodian. Adding a source again collects
  // only what the earlier run did not finish.
  Result<AddReport> Add(const AddRequest& request, ProgressListener& progress);
  // Runs a query and, unless asked not to, keeps it among the saved searches with its count.
  Result<SearchReport> Search(const SearchRequest& request);
  // A search-term report: per term, documents, unique hits and families, with and without
  // duplicates. Each term is kept as a saved search. A malformed term is reported on its line.
  Result<TermsReport> Terms(const TermsRequest& request);
  // Every saved search, oldest first.
  Result<SearchesReport> Searches();
  // Writes the searches queued with SearchRequest::save_later by any handle on this case in this
  // process, in one transaction; on failure they stay queued.
  Status WriteQueuedSearches();
  // Adds a web workspace account (issue 10): role admin, reviewer or requester; the password is
  // kept only as an Argon2id hash. Audited as "user.add" (never with the password).
  Status AddUser(const std::string& name, const std::string& role, const std::string& password);
  // Where `query`'s words stand in the item's text, with snippets.
  Result<HighlightView> Highlight(const std::string& id, const std::string& query);
  // How the matter reads spaces between words: as AND (false, the default) or, as dtSearch
  // does, as a phrase (true).
  Status SetSpacesMeanPhrase(bool phrase);
  Result<bool> SpacesMeanPhrase();
  // `id` as typed: "DOC-000123" or "123".
  Result<ItemView> Show(const std::string& id, bool with_text);
  Result<AccountReport> Account();
  // Items in id order: `limit` of them from the `offset`-th (0: all).
  Result<ListReport> List(int64_t offset, int64_t limit);
  Result<MatterView> Info();
  // Exact duplicates, near-duplicates and email threads over the whole case; replaces the
  // results of the last run (store and index filter terms).
  Result<AnalyzeReport> Analyze(const AnalyzeRequest& request);
  // A production volume of the selection: family completion, duplicates and withheld items
  // excluded, Bates-numbered stamped images, natives, text, load files, manifest, QC and a
  // certificate; recorded in the store with what became of every item of the matter.
  Result<ProduceReport> Produce(const ProduceRequest& request);
  // Plays the reviewer of a continuous-active-learning review from a labels file: gain curve,
  // effort to 75/80/90% recall, where each stopping rule fires, an elusion test. Reads the case;
  // changes nothing.
  Result<TarSimulateReport> TarSimulate(const TarSimulateRequest& request);
  // A real continuous-active-learning review: start it once from a seed; each `next` retrains on
  // every coding so far and proposes the best-scored uncoded documents (the batch grows by a
  // tenth each round unless `batch` > 0); `code` records reviewers' decisions, passing them on
  // to exact duplicates and, when responsive, to the rest of the family.
  Status TarStart(const TarStartRequest& request);
  Result<TarBatchReport> TarNext(uint32_t batch);
  Result<TarCodeReport> TarCode(const std::vector<std::string>& ids, bool responsive);
  Result<TarStatusReport> TarStatus();

  // Review (issue 7). Coding: sets fields on the selected items, each change in the audit log
  // with reviewer, time and reason; withhold=yes needs a privilege basis and a description.
  Result<CodeReport> Code(const CodeRequest& request);
  // The coding of one item, or ("") of every coded item, with the conflicts among duplicates.
  Result<CodingReport> Coding(const std::string& id);
  // The privilege screen's list of attorneys, law offices (kind name, email, domain) and terms.
  Result<PrivilegeListView> PrivilegeList();
  Status AddToPrivilegeList(const std::string& kind, const std::string& value,
                            const std::string& label);
  Status RemoveFromPrivilegeList(const std::string& kind, const std::string& value);
  // Runs the privilege and personal-data screens over every item's text; replaces the last
  // run's results. Flags only: nothing is coded.
  Result<ScreenReport> Screen();
  // The last screen's results, without running it again.
  Result<ScreenReport> ScreenResults();
  Result<RedactionsReport> Redact(const RedactRequest& request);
  Status RemoveRedaction(int64_t number);
  // Redactions of one item, or ("") of every item.
  Result<RedactionsReport> Redactions(const std::string& id);
  // The item's text as it will be produced: every text redaction replaced by its marker.
  Result<RedactedTextView> RedactedText(const std::string& id);
  // The privilege log: every item withheld (coded withhold=yes) or redacted.
  Result<PrivilegeLogReport> PrivilegeLog(const PrivilegeLogRequest& request);

  // Intake (engine/intake.h): records a received production's verification in the audit log.
  Status RecordIntake(const std::string& report_json);

  // Demand tracking (issue 9, engine/demand_track.h): the requester's tracking store, and the
  // audit entry every tracking change writes.
  store::DemandStore& demand_store();
  Status RecordDemandChange(const std::string& action, const std::string& detail_json);
  // Runs `fn` in one store transaction: a tracking change and its audit entry land together.
  Status InDemandTransaction(const std::function<Status()>& fn);
  // Web workspace (issue 10, engine/web_*.cc). The server maps HTTP onto these; the checks live
  // here. Who acts from now on, for the audit log (the signed-in user).
  void SetActor(const std::string& actor);
  // Checks the password and opens a session of `ttl_seconds`; audited as "user.login". A wrong
  // name or password is the same InvalidArgument (no hint which was wrong).
  Result<SessionView> Login(const std::string& name, const std::string& password,
                            int64_t ttl_seconds);
  // The session whose cookie carries `token` (token left empty), or NotFound when there is none
  // or it has expired.
  Result<SessionView> SessionFor(const std::string& token);
  // Ends the session; audited as "user.logout".
  Status Logout(const std::string& token);
  // Whether the item is coded privileged (any basis) or withhold=yes.
  Result<bool> IsPrivileged(const std::string& id);
  // The item's thread and near-duplicate group (from the last analyze).
  Result<RelatedView> Related(const std::string& id, bool hide_privileged);
  Result<NativeView> Native(const std::string& id);
  // The last screen's privilege reasons and personal-data spans of one item, and its redactions.
  Result<ItemScreenView> ItemScreen(const std::string& id);
  // The HTML certificate of a production volume; NotFound for a volume never produced.
  Result<std::string> ProductionCertificate(const std::string& volume);
  // Every intake recorded in this case, oldest first.
  Result<IntakeRecordsView> IntakeRecords();

 private:
  explicit Case(std::unique_ptr<struct CaseParts> parts);

  std::filesystem::path dir_;
  std::unique_ptr<struct CaseParts> parts_;
};

}  // namespace bates::engine
