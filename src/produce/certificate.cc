#include "produce/certificate.h"

#include <fmt/format.h>

#include "core/text.h"
#include "produce/imaging/text_pdf.h"

namespace bates::produce {
namespace {

std::vector<std::pair<std::string, std::string>> Summary(const CertificateData& d) {
  return {{"Matter", d.matter},
          {"Volume", d.volume},
          {"Produced", d.produced_at},
          {"Bates range", d.bates_range},
          {"Documents", std::to_string(d.documents)},
          {"Pages", std::to_string(d.pages)},
          {"Files in volume", std::to_string(d.files)},
          {"Manifest root hash (SHA-256)", d.root_hash},
          {"Quality control", d.qc_passed ? "passed" : "FAILED"},
          {"Selection", d.selection},
          {"Date range of the collection", d.date_range}};
}

}  // namespace

std::string CertificateHtml(const CertificateData& d) {
  std::string h =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Production certificate " +
      HtmlEscaped(d.volume) +
      "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
      "td,th{border:1px solid #999;padding:.2em .5em;text-align:left}"
      "table{border-collapse:collapse;margin-bottom:1.5em}</style></head><body>\n";
  h += "<h1>Production certificate: " + HtmlEscaped(d.volume) + "</h1>\n<table>\n";
  for (const auto& [k, v] : Summary(d)) {
    h += "<tr><th>" + HtmlEscaped(k) + "</th><td>" + HtmlEscaped(v) + "</td></tr>\n";
  }
  h += "</table>\n<h2>Collected</h2>\n<table><tr><th>source</th><th>custodian</th></tr>\n";
  for (const auto& [path, custodian] : d.sources) {
    h += "<tr><td>" + HtmlEscaped(path) + "</td><td>" + HtmlEscaped(custodian) + "</td></tr>\n";
  }
  h += "</table>\n<h2>Searches</h2>\n<table><tr><th>query</th><th>hits</th></tr>\n";
  for (const auto& [q, n] : d.searches) {
    h += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", HtmlEscaped(q), n);
  }
  h += "</table>\n<h2>Accounting</h2>\n<table><tr><th>disposition</th><th>items</th></tr>\n";
  for (const auto& [k, n] : d.totals) {
    h += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", HtmlEscaped(k), n);
  }
  h += "</table>\n<h2>Exceptions</h2>\n<table><tr><th>item</th><th>reason</th></tr>\n";
  for (const auto& [id, reason] : d.exceptions) {
    h += "<tr><td>" + HtmlEscaped(id) + "</td><td>" + HtmlEscaped(reason) + "</td></tr>\n";
  }
  h += "</table>\n</body></html>\n";
  return h;
}

Result<std::string> CertificatePdf(const CertificateData& d) {
  imaging::TextDocument doc;
  doc.header = Summary(d);
  std::string body = "COLLECTED\n";
  for (const auto& [path, custodian] : d.sources) body += "  " + path + " (" + custodian + ")\n";
  body += "\nSEARCHES\n";
  for (const auto& [q, n] : d.searches) body += fmt::format("  {:>7}  {}\n", n, q);
  body += "\nACCOUNTING\n";
  for (const auto& [k, n] : d.totals) body += fmt::format("  {:>7}  {}\n", n, k);
  body += "\nEXCEPTIONS\n";
  if (d.exceptions.empty()) body += "  none\n";
  for (const auto& [id, reason] : d.exceptions) body += "  " + id + "  " + reason + "\n";
  doc.body = body;
  return imaging::RenderTextPdf(doc);
}

}  // namespace bates::produce
