/* Versions of tkg and the libraries it uses, for `tkg --version` and bug reports. */
#include "tkg.h"

#include "analytics.h"
#include "xml.h"

void tkg_versions(FILE *out)
{
    fprintf(out, "tkg %s\n", TKG_VERSION);
    xml_versions(out);
    analytics_versions(out);
}
