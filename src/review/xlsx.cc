#include "review/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>

#include "core/file.h"

namespace bates::review {
namespace {

// libxlsxwriter 1.1.4 (Debian 12) writes only to a named file, so the workbook goes through a
// private temporary file that is removed whatever happens.
class TempFile {
 public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "bates-xlsx-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~TempFile() {
    if (!path_.empty()) std::filesystem::remove(path_, ignored_);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::error_code ignored_;
};

constexpr size_t kMaxCellChars = 32767;  // Excel's limit; libxlsxwriter refuses longer strings

}  // namespace

Result<std::string> XlsxWorkbook(const std::string& sheet_name,
                                 const std::vector<std::vector<std::string>>& rows) {
  for (const auto& row : rows) {
    for (const std::string& cell : row) {
      if (cell.size() > kMaxCellChars) {
        return InvalidArgumentError("a cell of {} bytes is longer than an XLSX cell may be ({})",
                                    cell.size(), kMaxCellChars);
      }
    }
  }
  TempFile file;
  if (file.path().empty()) return InternalError("cannot make a temporary file for the workbook");
  lxw_workbook* workbook = workbook_new(file.path().c_str());
  if (workbook == nullptr) return InternalError("libxlsxwriter cannot start a workbook");
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
  lxw_error error = sheet == nullptr ? LXW_ERROR_MEMORY_MALLOC_FAILED : LXW_NO_ERROR;
  for (size_t r = 0; r < rows.size() && error == LXW_NO_ERROR; ++r) {
    for (size_t c = 0; c < rows[r].size() && error == LXW_NO_ERROR; ++c) {
      if (rows[r][c].empty()) continue;
      error = worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                     rows[r][c].c_str(), nullptr);
    }
  }
  lxw_error closed = workbook_close(workbook);  // frees the workbook, written or not
  if (error == LXW_NO_ERROR) error = closed;
  if (error != LXW_NO_ERROR) {
    return InternalError("libxlsxwriter could not write the workbook: {}", lxw_strerror(error));
  }
  return ReadFile(file.path());
}

}  // namespace bates::review
