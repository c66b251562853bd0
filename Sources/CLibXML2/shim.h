#ifndef CIPIN_CLIBXML2_SHIM_H
#define CIPIN_CLIBXML2_SHIM_H

// xmlversion.h first, then drop ICU: Debian's libxml2 is built with ICU, and its
// unicode headers clash with Foundation's own ICU module on a clean build.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#include <libxml/relaxng.h>
#include <libxml/xmlsave.h>

// xmlFree is a global function pointer, which Swift 6 refuses as shared mutable state.
static inline void cipin_xmlFree(void *pointer) { xmlFree(pointer); }

#endif
