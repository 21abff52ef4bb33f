// Intake of a production on the requester's side: read a volume (bates's own, or any Concordance
// DAT / Opticon OPT volume), and check it as a requester must before relying on it — every file's
// hash against the manifest, every load-file path present, every file accounted for by a load-file
// row, the Bates run unbroken and without duplicates, counts that agree between DAT and OPT, dates
// inside the relevant timeframe, the named custodians present, every withheld slip sheet logged on
// the privilege log, and the production on time.
//
// This module reads files only; indexing an accepted volume is the engine's job (engine/intake.h).
//
// Thread safety: free functions, no state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace bates::demand::intake {

// What the requester asked for. Filled from the demand spec (timeframe, custodians, the
// recipient's deadline) or given on the command line.
struct IntakeExpectations {
  std::string recipient;
  // bates::CivilDate spelled out: inside namespace demand, a bare CivilDate would name
  // demand::CivilDate (spec.h) in any file that includes both, giving two layouts of this struct.
  std::optional<bates::CivilDate> from, to;  // relevant timeframe, inclusive
  std::vector<std::string> custodians;       // named custodians who must appear
  std::optional<bates::CivilDate> due;       // the recipient's deadline
  std::optional<bates::CivilDate> received;  // when the production arrived (default: today, UTC)
};

// Defect kinds. The first four make a volume unverified; the rest are findings beside it.
inline constexpr char kHashMismatch[] = "hash_mismatch";
inline constexpr char kMissingFile[] = "missing_file";
inline constexpr char kMissingRow[] = "missing_row";
inline constexpr char kBatesGap[] = "bates_gap";
inline constexpr char kDuplicateBates[] = "duplicate_bates";
inline constexpr char kCountMismatch[] = "count_mismatch";
inline constexpr char kUnlistedFile[] = "unlisted_file";
inline constexpr char kNoManifest[] = "no_manifest";
inline constexpr char kUnloggedWithholding[] = "unlogged_withholding";
inline constexpr char kOutsideTimeframe[] = "outside_timeframe";
inline constexpr char kNoDate[] = "no_date";
inline constexpr char kTimeframeHole[] = "timeframe_hole";
inline constexpr char kMissingCustodian[] = "missing_custodian";
inline constexpr char kLate[] = "late";

struct Defect {
  std::string kind;
  std::string detail;
};

// True for the kinds that make a volume unverified.
bool BreaksVerification(const std::string& kind);

struct IntakeReport {
  std::string recipient;
  std::string volume;     // the volume's name (PRODVOL, else the folder's name)
  int64_t documents = 0;  // load-file rows
  int64_t pages = 0;      // OPT page records
  int64_t withheld = 0;   // slip-sheeted, withheld documents
  int64_t files_hashed = 0;
  std::string first_bates, last_bates;
  std::string earliest_date, latest_date;  // YYYY-MM-DD of the documents' dates
  std::vector<std::string> custodians;     // as found in the load file
  bool verified = false;
  std::vector<Defect> defects;
  // Text files of the produced documents (absolute), for the engine to index.
  std::vector<std::filesystem::path> text_files;
};

// Errors only when the folder holds no load file at all or cannot be read; everything wrong with
// a readable volume is a defect in the report.
Result<IntakeReport> VerifyProduction(const std::filesystem::path& volume,
                                      const IntakeExpectations& expect);

}  // namespace bates::demand::intake
