// FreeType 2 as a system library: its include directory (/usr/include/freetype2 on Debian) comes
// from pkg-config `freetype2`. Only CRadiographFreeType uses this module; Swift code never imports it.
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H
#include FT_STROKER_H
