// The memory of one graph that GraphRender reads: cgraph's objects, records and strings come from one
// region of its own, handed out in the order they are asked for, and unmapped when the graph is closed.
//
// Why: cgraph orders a graph's subgraphs by their IDs, and a named object's ID is the address of its
// interned name (AgIdDisc). From malloc, which fills the holes a process left earlier, those addresses
// came in an order that changed from run to run, and so did the order in which dot writes the
// clusters (mlp 2,16,16,1: the same picture, its clusters in another order, in ~1 run in 8). From
// this region the order is the one in which the names first appear, as in `dot`'s fresh process.
//
// The region is sized by the caller; past it (or when it cannot be mapped) memory comes from
// calloc, freed and resized as cgraph asks, so the odd graph that outgrows it still reads.
#ifndef CGRAPHVIZ_GRAPH_MEMORY_H
#define CGRAPHVIZ_GRAPH_MEMORY_H

#include <graphviz/cgraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef struct {
    char *base;   // the region (NULL when it could not be mapped)
    size_t size;  // its bytes
    size_t used;  // bytes handed out, from the start
    char *last;   // the last block handed out, which can grow in place
} gv_graph_memory;

/// The region the next graph's memory maps, and whether to back it with 2 MiB pages (see LayoutHeap);
/// set by `gv_read`. (Statics inside functions: Swift's importer emits no header-level ones.)
typedef struct {
    size_t size;
    int huge;
} gv_graph_memory_plan;

static inline gv_graph_memory_plan *gv_graph_memory_next(void) {
    static gv_graph_memory_plan next;
    return &next;
}

static inline int gv_graph_memory_owns(gv_graph_memory *memory, void *pointer) {
    return memory && memory->base && (char *)pointer >= memory->base && (char *)pointer < memory->base + memory->size;
}

static void *gv_graph_memory_open(Agdisc_t *disc) {
    (void)disc;
    gv_graph_memory *memory = calloc(1, sizeof *memory);
    if (!memory) return NULL;
    gv_graph_memory_plan plan = *gv_graph_memory_next();
    void *region = plan.size ? mmap(NULL, plan.size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
                             : MAP_FAILED;
    if (region != MAP_FAILED) {
        memory->base = region;
        memory->size = plan.size;
        if (plan.huge) madvise(region, memory->size, MADV_HUGEPAGE);
    }
    return memory;
}

/// Zeroed memory, as cgraph's own discipline gives: the region's pages are zero until first used.
static void *gv_graph_memory_alloc(void *state, size_t request) {
    gv_graph_memory *memory = state;
    size_t size = (request + 15) & ~(size_t)15;
    if (!memory || !memory->base || size > memory->size - memory->used) return calloc(1, request ? request : 1);
    memory->last = memory->base + memory->used;
    memory->used += size;
    return memory->last;
}

static void *gv_graph_memory_resize(void *state, void *pointer, size_t old, size_t request) {
    gv_graph_memory *memory = state;
    if (!pointer) return gv_graph_memory_alloc(state, request);
    if (!gv_graph_memory_owns(memory, pointer)) {
        char *grown = realloc(pointer, request);
        if (grown && request > old) memset(grown + old, 0, request - old);
        return grown;
    }
    size_t size = (request + 15) & ~(size_t)15, start = (size_t)((char *)pointer - memory->base);
    if (request <= old) {  // a smaller block keeps its place, its tail zero again (as if it grows back later)
        memset((char *)pointer + request, 0, old - request);
        return pointer;
    }
    if ((char *)pointer == memory->last && size <= memory->size - start) {
        memory->used = start + size;  // the last block grows in place, into memory not handed out yet (zero)
        return pointer;
    }
    char *moved = gv_graph_memory_alloc(state, request);
    if (moved) memcpy(moved, pointer, old < request ? old : request);
    return moved;
}

/// The region's blocks are freed with the region; those from calloc, now.
static void gv_graph_memory_free(void *state, void *pointer) {
    if (pointer && !gv_graph_memory_owns(state, pointer)) free(pointer);
}

static void gv_graph_memory_close(void *state) {
    gv_graph_memory *memory = state;
    if (!memory) return;
    if (memory->base) munmap(memory->base, memory->size);
    free(memory);
}

/// The memory discipline above (it lives as long as the process: cgraph keeps a pointer to it).
static inline Agmemdisc_t *gv_graph_memory_discipline(void) {
    static Agmemdisc_t discipline = {
        gv_graph_memory_open, gv_graph_memory_alloc, gv_graph_memory_resize, gv_graph_memory_free, gv_graph_memory_close,
    };
    return &discipline;
}

/// DOT text read as agmemread reads it: a line at a time (the lexer's limits, such as a quoted
/// string's, depend on it), up to the text's end.
typedef struct {
    const char *text;
    size_t length, at;
} gv_dot_text;

static int gv_dot_text_read(void *channel, char *buffer, int size) {
    gv_dot_text *dot = channel;
    int count = 0;
    while (count < size && dot->at < dot->length) {
        char c = dot->text[dot->at++];
        buffer[count++] = c;
        if (c == '\n') break;
    }
    return count;
}

/// Reads one graph from the DOT text `text` (up to its first NUL, as agmemread does), its memory a
/// region of `size` bytes (on huge pages if `huge`); NULL when there is none.
static inline Agraph_t *gv_read(const char *text, size_t size, int huge) {
    static Agiodisc_t io;
    io.afread = gv_dot_text_read;
    io.putstr = AgIoDisc.putstr;
    io.flush = AgIoDisc.flush;
    gv_dot_text dot = { text, strlen(text), 0 };
    gv_graph_memory_next()->size = size;
    gv_graph_memory_next()->huge = huge;
    Agdisc_t discipline = { gv_graph_memory_discipline(), &AgIdDisc, &io };  // cgraph copies it
    Agraph_t *graph = agread(&dot, &discipline);
    agsetfile(NULL);  // as agmemread does after its read: the next one counts its lines from 1
    return graph;
}

#endif
