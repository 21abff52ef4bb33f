#include "engine/tar_chart.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace bates::engine {
namespace {

constexpr double kWidth = 640, kHeight = 400, kLeft = 60, kBottom = 40, kTop = 30, kRight = 20;

std::string Effort(const std::optional<double>& n) {
  return n ? fmt::format("{:.0f}", *n) : std::string("not reached");
}

}  // namespace

std::string TarChartSvg(const TarSimulateReport& r) {
  // The x axis spans the simulated review (not the whole collection), so the curve is readable.
  const double max_x = std::max<double>(r.curve.empty() ? 1 : r.curve.back().first, 1);
  const double max_y = std::max<double>(r.relevant, 1);
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const auto x = [&](double v) { return kLeft + v / max_x * plot_w; };
  const auto y = [&](double v) { return kTop + plot_h - v / max_y * plot_h; };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"11\">\n"
      "<rect width=\"{0}\" height=\"{1}\" fill=\"white\"/>\n"
      "<text x=\"{2}\" y=\"18\" font-size=\"13\">Gain curve: {3} ({4} responsive of {5})</text>\n",
      kWidth, kHeight, kLeft, HtmlEscaped(r.topic), r.relevant, r.documents);
  svg += fmt::format(
      "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"black\"/>\n"
      "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{3}\" stroke=\"black\"/>\n"
      "<text x=\"{4}\" y=\"{5}\" text-anchor=\"middle\">documents reviewed (0 to {6:.0f})</text>\n"
      "<text x=\"14\" y=\"{7}\" transform=\"rotate(-90 14 {7})\" text-anchor=\"middle\">"
      "responsive found (0 to {8:.0f})</text>\n",
      kLeft, y(0), x(max_x), y(max_y), kLeft + plot_w / 2, kHeight - 8, max_x, kTop + plot_h / 2,
      max_y);
  for (double level : {0.75, 0.8, 0.9}) {
    svg += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#bbb\" "
        "stroke-dasharray=\"4 3\"/><text x=\"{3}\" y=\"{4}\" fill=\"#777\" "
        "text-anchor=\"end\">{5:.0f}%</text>\n",
        kLeft, y(level * max_y), x(max_x), x(max_x) - 2, y(level * max_y) - 2, level * 100);
  }
  // Random review finds R/N responsive per document reviewed.
  const double random_end = std::min(max_y, max_x * r.relevant / std::max<double>(r.documents, 1));
  svg += fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\"/>"
      "<text x=\"{}\" y=\"{}\" fill=\"#999\" text-anchor=\"end\">random</text>\n",
      x(0), y(0), x(max_x), y(random_end), x(max_x) - 2, y(random_end) - 4);
  std::string points;
  for (const auto& [reviewed, found] : r.curve) {
    points += fmt::format("{:.1f},{:.1f} ", x(static_cast<double>(reviewed)),
                          y(static_cast<double>(found)));
  }
  svg += fmt::format(
      "<polyline points=\"{}\" fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2\"/>\n", points);
  const auto marker = [&](const TarStopView& s, const char* name, const char* colour, int dy) {
    if (!s.fired) return std::string();
    const double px = x(static_cast<double>(s.reviewed)), py = y(s.recall * r.relevant);
    return fmt::format(
        "<circle cx=\"{0:.1f}\" cy=\"{1:.1f}\" r=\"5\" fill=\"{2}\"/>"
        "<text x=\"{3:.1f}\" y=\"{4:.1f}\" fill=\"{2}\">{5} stop: {6} reviewed, recall "
        "{7:.1f}%</text>\n",
        px, py, colour, std::min(px + 8, kWidth - 250), py + dy, name, s.reviewed, s.recall * 100);
  };
  svg += marker(r.knee, "knee", "#c0392b", 16);
  svg += marker(r.target, "target", "#27ae60", 30);
  svg += "</svg>\n";
  return svg;
}

std::string TarChartHtml(const TarSimulateReport& r) {
  std::string rows;
  for (const auto& [level, n] : r.effort_at) {
    rows += fmt::format("<tr><td>{}%</td><td>{}</td></tr>\n", std::stod(level) * 100, Effort(n));
  }
  const TarElusionView& e = r.elusion;
  return fmt::format(
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>TAR: {0}</title></head>"
      "<body style=\"font-family:sans-serif\">\n<h1>Technology-assisted review: {0}</h1>\n"
      "<p>Seed: {1}</p>\n{2}"
      "<table border=\"1\" cellpadding=\"4\"><tr><th>recall</th><th>reviews needed</th></tr>\n"
      "{3}</table>\n<p>Elusion test after {4} reviews: {5} sampled of {6} unreviewed, {7} "
      "responsive; recall {8:.1f}% ({9:.0f}% interval {10:.1f}% to {11:.1f}%); true recall "
      "{12:.1f}%.</p>\n</body></html>\n",
      HtmlEscaped(r.topic), HtmlEscaped(r.seed), TarChartSvg(r), rows, e.reviewed, e.sample,
      e.remainder, e.responsive_in_sample, e.recall_estimate * 100, e.confidence * 100,
      e.ci_low * 100, e.ci_high * 100, e.true_recall * 100);
}

}  // namespace bates::engine
