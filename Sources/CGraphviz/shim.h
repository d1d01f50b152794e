// The slice of libgvc (Graphviz 2.42) that GraphRender uses. Linker flags come from pkg-config (libgvc).
#ifndef CGRAPHVIZ_SHIM_H
#define CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

/// Discards what the DOT lexer has not consumed yet. Exported by libcgraph but missing from its headers;
/// call it after every agmemread, or leftover input (a second graph, a trailing `;` or `//` comment)
/// is read by the next agmemread.
extern void aglexbad(void);

/// The bounding box of a laid-out graph, in points.
static inline boxf gv_bb(Agraph_t *g) { return GD_bb(g); }

/// The drawing settings of a laid-out graph (dpi, size, ...).
static inline const layout_t *gv_drawing(Agraph_t *g) { return GD_drawing(g); }

/// Sets a graph attribute, declaring it if needed (agsafeset takes non-const strings).
static inline void gv_set(Agraph_t *g, const char *name, const char *value) {
    agsafeset(g, (char *)name, (char *)value, "");
}

#endif
