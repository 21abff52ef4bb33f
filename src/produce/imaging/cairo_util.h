// Small helpers shared by the cairo users of imaging (stamp.cc, text_pdf.cc). Internal.
#pragma once

#include <cairo-pdf.h>
#include <cairo.h>

#include <string>

#include "core/result.h"

namespace bates::produce::imaging {

// A PDF surface writing into `out`. Its creation date is left out, so output is deterministic.
cairo_surface_t* NewPdfSurface(std::string& out, double width_pt, double height_pt);
// Finishes and destroys the surface; an error if cairo failed at any point.
Status FinishSurface(cairo_surface_t* surface);

}  // namespace bates::produce::imaging
