#ifndef REPORTGEN_CCAIRO_SHIM_H
#define REPORTGEN_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-subset.h>
#include <zlib.h>
#include <malloc.h>  /* mallopt: ProcessMemory */
#endif
