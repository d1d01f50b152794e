// glibc's allocator controls (malloc_trim), which the Glibc module does not import: the server
// gives freed pages back to the system after a training session or a burst of renders.
#ifndef CMALLOC_SHIM_H
#define CMALLOC_SHIM_H
#include <malloc.h>
#endif
