// The production certificate for the cover letter, as HTML and PDF: what was collected
// (custodians, sources, date range), the searches and their counts, the production (volume, Bates
// range, root hash of the manifest, QC), the totals of the accounting, and the exception report.
// The engine gathers the facts; this only lays them out.
//
// Thread safety: free functions.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace bates::produce {

struct CertificateData {
  std::string matter;
  std::string volume;
  std::string produced_at;  // local date and time
  std::string bates_range;  // "CITY000001 – CITY000123"
  int64_t documents = 0, pages = 0, files = 0;
  std::string root_hash;
  bool qc_passed = false;
  std::vector<std::string> custodians;
  std::vector<std::pair<std::string, std::string>> sources;     // path, custodian
  std::string date_range;                                       // earliest – latest item date
  std::vector<std::pair<std::string, int64_t>> searches;        // query, hits
  std::string selection;                                        // what selected the production
  std::vector<std::pair<std::string, int64_t>> totals;          // disposition, items
  std::vector<std::pair<std::string, std::string>> exceptions;  // item, reason
};

std::string CertificateHtml(const CertificateData& data);
Result<std::string> CertificatePdf(const CertificateData& data);

}  // namespace bates::produce
