/*
 * grader/CLibXML2/shim.h -- the parts of libxml2 the report writers use.
 *
 * Debian's libxml2 headers pull in the system ICU when LIBXML_ICU_ENABLED is
 * set, and that ICU clashes with the one Swift's Foundation ships. So:
 * xmlversion.h first, then forget ICU, then the rest.
 */
#ifndef GRADER_CLIBXML2_SHIM_H
#define GRADER_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

/* xmlFree is a mutable global function pointer in libxml2 2.9, which Swift 6
 * refuses to touch; this wrapper is a plain function. */
static inline void grader_xml_free(void *p) { xmlFree(p); }

#endif
