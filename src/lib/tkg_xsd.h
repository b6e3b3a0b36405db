/* schema/tkg.xsd as a fast check for the XML layer (tkg_xsd.c). */
#ifndef TKG_TKG_XSD_H
#define TKG_TKG_XSD_H

#include "xml.h"

#define TKG_XSD_NS "urn:tkg:1"

/** The check, given with tkg.xsd to xml_schema_compile. */
extern const xml_fast_check tkg_xsd_check;

#endif
