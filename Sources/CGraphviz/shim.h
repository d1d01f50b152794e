// The slice of libgvc (Graphviz 2.42) that GraphRender uses, and the process controls of its render child.
// Linker flags come from pkg-config (libgvc).
#ifndef CGRAPHVIZ_SHIM_H
#define CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include "graph_memory.h"
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>

/// Discards what the DOT lexer has not consumed yet. Exported by libcgraph but missing from its headers;
/// call it after every read (gv_read), or leftover input (a second graph, a trailing `;` or `//` comment)
/// is read by the next one.
extern void aglexbad(void);

/// The bounding box of a laid-out graph, in points.
static inline boxf gv_bb(Agraph_t *g) { return GD_bb(g); }

/// The drawing settings of a laid-out graph (dpi, size, ...).
static inline const layout_t *gv_drawing(Agraph_t *g) { return GD_drawing(g); }

/// Sets a graph attribute, declaring it if needed (agsafeset takes non-const strings).
static inline void gv_set(Agraph_t *g, const char *name, const char *value) {
    agsafeset(g, (char *)name, (char *)value, "");
}

/// In the child process that lays out and renders: dies with SIGKILL when its parent dies (prctl is
/// variadic, so Swift cannot call it), so that no orphaned layout runs on.
static inline void gv_die_with_parent(void) { prctl(PR_SET_PDEATHSIG, SIGKILL); }

/// Sets a resource limit (soft and hard); 0 on success. glibc's setrlimit takes an enum Swift imports awkwardly.
static inline int gv_set_limit(int resource, unsigned long soft, unsigned long hard) {
    struct rlimit limit = { soft, hard };
    return setrlimit(resource, &limit);
}

/// The resources the render child limits.
static const int gv_limit_address_space = RLIMIT_AS;
static const int gv_limit_cpu = RLIMIT_CPU;
static const int gv_limit_core = RLIMIT_CORE;

#endif
