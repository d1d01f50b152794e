// glibc's controls that the Glibc module does not import: the allocator's (malloc_trim, mallopt), with
// which the server gives freed pages back to the system after a training session or a burst of
// renders, and a render process keeps room for a large layout on huge pages (GraphRender's
// LayoutHeap); and posix_spawn's close-from action (a GNU extension), with which the server starts its
// render worker holding none of the server's sockets.
#ifndef CMALLOC_SHIM_H
#define CMALLOC_SHIM_H
#include <malloc.h>
#include <spawn.h>

int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);
#endif
