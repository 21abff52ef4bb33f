#include "engine/terms_format.h"

#include <fmt/format.h>

#include "core/text.h"

namespace bates::engine {
namespace {

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvRow(const std::string& side, const TermRowView& r) {
  return fmt::format("{},{},{},{},{},{},{},{},{}\r\n", side, CsvField(r.term), r.documents,
                     r.documents_dedup, r.unique, r.unique_dedup, r.families, r.families_dedup,
                     CsvField(r.error));
}

std::string HtmlRow(const TermRowView& r, bool total) {
  if (!r.error.empty()) {
    return fmt::format(
        "<tr class=\"error\"><td><code>{}</code></td><td colspan=\"6\">{}</td></tr>\n",
        HtmlEscaped(r.term), HtmlEscaped(r.error));
  }
  std::string unique = total ? "<td></td><td></td>"
                             : fmt::format("<td>{}</td><td>{}</td>", r.unique, r.unique_dedup);
  return fmt::format("<tr{}><td>{}</td><td>{}</td><td>{}</td>{}<td>{}</td><td>{}</td></tr>\n",
                     total ? " class=\"total\"" : "",
                     total ? "Any term" : "<code>" + HtmlEscaped(r.term) + "</code>", r.documents,
                     r.documents_dedup, unique, r.families, r.families_dedup);
}

std::string HtmlList(const TermListView& list) {
  std::string out = fmt::format(
      "<section><h2>{} terms</h2>\n<table>\n<tr><th rowspan=\"2\">Term</th>"
      "<th colspan=\"2\">Documents</th><th colspan=\"2\">Unique hits</th>"
      "<th colspan=\"2\">Families</th></tr>\n<tr><th>all</th><th>dedup</th><th>all</th>"
      "<th>dedup</th><th>all</th><th>dedup</th></tr>\n",
      list.side == "requester" ? "Requester's" : "Responder's");
  for (const TermRowView& r : list.terms) out += HtmlRow(r, false);
  out += HtmlRow(list.total, true);
  return out + "</table></section>\n";
}

}  // namespace

std::string TermsCsv(const TermsReport& report) {
  std::string out =
      "side,term,documents,documents_dedup,unique,unique_dedup,families,families_dedup,error\r\n";
  for (const TermListView& list : report.lists) {
    for (const TermRowView& r : list.terms) out += CsvRow(list.side, r);
    out += CsvRow(list.side, list.total);
  }
  return out;
}

std::string TermsHtml(const TermsReport& report, const std::string& title) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<title>Search-term report: {0}</title>\n<style>\n"
      "body{{font-family:sans-serif;margin:2em}} .lists{{display:flex;gap:2em;flex-wrap:wrap}}\n"
      "table{{border-collapse:collapse}} td,th{{border:1px solid #999;padding:.2em .5em}}\n"
      "td{{text-align:right}} td:first-child{{text-align:left}} .total{{font-weight:bold}}\n"
      ".error td{{color:#a00;text-align:left}}\n</style></head><body>\n"
      "<h1>Search-term report</h1>\n<p>{0}. {1} documents in the case. Spaces between words "
      "read as {2}. <em>Dedup</em> counts items with the same SHA-256 once; <em>unique</em> hits "
      "are hit by no other term of the same list; families are counted by their head.</p>\n"
      "<div class=\"lists\">\n",
      HtmlEscaped(title), report.documents_in_case, report.spaces == "phrase" ? "phrases" : "AND");
  if (!report.demand_timeframe.empty()) {
    out +=
        fmt::format("<p>The demand's timeframe: {}.</p>\n", HtmlEscaped(report.demand_timeframe));
  }
  // The requester's terms first, on the left, as a negotiation reads them.
  for (auto it = report.lists.rbegin(); it != report.lists.rend(); ++it) out += HtmlList(*it);
  return out + "</div>\n</body></html>\n";
}

}  // namespace bates::engine
