// The gain curve of a simulated review as a chart: reviews across, responsive found up, with
// random review's diagonal, the 75/80/90% recall levels and where each stopping rule fires. SVG
// alone, or an HTML page holding it with the figures beside it. Pure functions of the report.
#pragma once

#include <string>

#include "engine/reports.h"

namespace bates::engine {

std::string TarChartSvg(const TarSimulateReport& report);
std::string TarChartHtml(const TarSimulateReport& report);

}  // namespace bates::engine
