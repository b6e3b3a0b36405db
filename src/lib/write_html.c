/* The timeline page: the template bundled with the library (viewer/dist/timeline.html,
 * embedded by cmake/embed.cmake) written around the view's data JSON, which replaces the
 * template's one marker. */
#include "write_html.h"
#include "resources.h"

#define DATA_OPEN  "<script type=\"application/json\" id=\"tkg-data\">"
#define DATA_CLOSE "</script>"

/* The offset of the first `needle` in [hay + from, hay + len), or len when none. */
static size_t find(const char *hay, size_t len, size_t from, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = from; i + n <= len; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0)
            return i;
    return len;
}

int html_template_split(size_t *at, const char *tpl, size_t len, const char *name, tkg_error *err)
{
    size_t first = find(tpl, len, 0, HTML_DATA_MARKER);
    if (first == len)
        return tkg_fail(err, TKG_EIO, NULL, 0, 0,
                        "the page template %s has no data marker " HTML_DATA_MARKER, name);
    if (find(tpl, len, first + 1, HTML_DATA_MARKER) != len)
        return tkg_fail(err, TKG_EIO, NULL, 0, 0,
                        "the page template %s has more than one data marker " HTML_DATA_MARKER,
                        name);
    size_t open = strlen(DATA_OPEN), end = first + strlen(HTML_DATA_MARKER);
    if (first < open || memcmp(tpl + first - open, DATA_OPEN, open) != 0 ||
        len - end < strlen(DATA_CLOSE) || memcmp(tpl + end, DATA_CLOSE, strlen(DATA_CLOSE)) != 0)
        return tkg_fail(
            err, TKG_EIO, NULL, 0, 0,
            "the page template %s holds its data marker outside " DATA_OPEN "..." DATA_CLOSE, name);
    *at = first;
    return TKG_OK;
}

int html_write_with_template(tkg_sink *out, const char *tpl, size_t len, const char *name,
                             const tkg_store *s, const tkg_view *v, const tkg_export_options *opt,
                             tkg_error *err)
{
    size_t at;
    int rc = html_template_split(&at, tpl, len, name, err);
    if (rc != TKG_OK)
        return rc;
    wctx c;
    if ((rc = wctx_init(&c, out, s, v, opt, ESC_JSON_SCRIPT, true, err)) != TKG_OK)
        return rc;
    sink_put(out, tpl, at);
    rc = timeline_json_write(&c, err);
    size_t rest = at + strlen(HTML_DATA_MARKER);
    sink_put(out, tpl + rest, len - rest);
    rc = wctx_status(&c, rc, err);
    wctx_free(&c);
    return rc;
}

int tkg_write_html(tkg_sink *out, const tkg_store *s, const tkg_view *v,
                   const tkg_export_options *opt, tkg_error *err)
{
    return html_write_with_template(out, tkg_res_timeline_html, tkg_res_timeline_html_len,
                                    "viewer/dist/timeline.html", s, v, opt, err);
}
