/* The timeline page (write_html.c): a page template with one data marker, and the data JSON
 * that replaces it (write_timeline_json.c; docs/timeline-data.md). */
#ifndef TKG_WRITE_HTML_H
#define TKG_WRITE_HTML_H

#include "write.h"

/** The marker that the data replaces, inside the template's
 *  `<script type="application/json" id="tkg-data">` element. */
#define HTML_DATA_MARKER "@TKG_DATA@"

/** Finds the one data marker of `tpl` (`len` bytes): `*at` receives its offset. Fails with
 *  TKG_EIO (naming `name`) when the template holds it no time or more than once, or not as
 *  the whole content of the data element. */
int html_template_split(size_t *at, const char *tpl, size_t len, const char *name, tkg_error *err);

/** tkg_write_html with the template `tpl` (`len` bytes; `name` in messages). */
int html_write_with_template(tkg_sink *out, const char *tpl, size_t len, const char *name,
                             const tkg_store *s, const tkg_view *v, const tkg_export_options *opt,
                             tkg_error *err);

/** Writes the data JSON of the context's view (escaped for a <script> element). */
int timeline_json_write(const wctx *c, tkg_error *err);

#endif
