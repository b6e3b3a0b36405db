/* The hardened libxml2 front end (see xml.h): the only file that includes libxml2's XML parser
 * (extract_text.c uses its HTML parser). One reading, in the caller's thread, through
 * libxml2's SAX2 push parser. */
#define _GNU_SOURCE /* memrchr */
#include "xml.h"

#include "error.h"
#include "xml_text.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <libxml/xmlversion.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK         ((size_t)256 * 1024)
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)
#define MAX_ATTRS     64
/* libxml2's pull parser refuses documents nested deeper than 256 levels without
 * XML_PARSE_HUGE; its push parser does not, so the limit is ours. */
#define XML_MAX_DEPTH 256
/* All attribute values of one start tag together (each is also capped by libxml2). */
#define MAX_TAG_BYTES ((size_t)16 << 20)

typedef struct position {
    uint32_t line, column;
} position;

/* An open element, for the messages about unclosed ones. */
typedef struct open_element {
    const char *name; /* a string of the parser's dictionary */
    position at;
} open_element;

struct xml_parser {
    xmlParserCtxtPtr ctxt;
    const xml_handler *h;
    const char *name;
    int status;     /* TKG_OK until a problem */
    bool stopped;   /* a callback or the hardening stopped the parse */
    bool nomem;     /* out of memory: the parse stopped */
    bool seen_root; /* an element was started */
    bool cdata;     /* the text being handed over is a CDATA section */
    unsigned depth; /* open elements */
    open_element open[XML_MAX_DEPTH + 1];
    /* The start tag being delivered: where it is in libxml2's buffer, and its attributes,
     * whose values are copied (NUL-terminated, "&#38;" decoded) into `values`. */
    const char *tag, *tag_end;
    xml_attr attrs[MAX_ATTRS];
    char *values;
    size_t values_cap;
};

/* ------------------------------------------------------------ set-up */

static pthread_once_t init_control = PTHREAD_ONCE_INIT;

static void init_libxml2(void)
{
    xmlInitParser();
}

xml_input xml_input_file(const tkg_store_options *o, const char *path)
{
    xml_input in = {.name = path, .path = path, .max_bytes = o->max_input_bytes};
    if (o->progress) {
        in.progress = o->on_progress;
        in.progress_ctx = o->progress_ctx;
    }
    return in;
}

xml_input xml_input_buffer(const tkg_store_options *o, const char *data, size_t len,
                           const char *name)
{
    return (xml_input){.name = name ? name : "<memory>",
                       .data = data,
                       .len = len,
                       .max_bytes = o->max_input_bytes};
}

void xml_versions(FILE *out)
{
    fprintf(out, "libxml2 %s (built with %s)\n", xmlParserVersion, LIBXML_DOTTED_VERSION);
}

int xml_any_uri(const char *v, size_t n)
{
    /* What libxml2's schema types do for xs:anyURI: collapse white space, turn the characters
     * a URI cannot hold unescaped into '_', and parse as a URI reference. The parse allocates
     * the parts it finds, but its verdict does not depend on those allocations. */
    while (n && (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r'))
        v++, n--;
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\n' || v[n - 1] == '\r'))
        n--;
    if (n == 0)
        return 1;
    char small[1024];
    char *copy = n < sizeof small ? small : malloc(n + 1);
    if (!copy)
        return TKG_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        copy[i] = c < 32 || c >= 127 || strchr(" <>\"{}|\\^`'", c) ? '_' : (char)c;
    }
    copy[n] = '\0';
    xmlURI uri;
    memset(&uri, 0, sizeof uri);
    int rc = xmlParseURIReference(&uri, copy);
    char *parts[] = {uri.scheme, uri.opaque, uri.authority, uri.server,   uri.user,
                     uri.path,   uri.query,  uri.fragment,  uri.query_raw};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        xmlFree(parts[i]);
    if (copy != small)
        free(copy);
    return rc == 0;
}

/* ------------------------------------------------------------ positions */

static position current_position(const xml_parser *x)
{
    xmlParserInputPtr in = x->ctxt ? x->ctxt->input : NULL;
    return (position){in ? (uint32_t)in->line : 1, in && in->col > 0 ? (uint32_t)in->col : 1};
}

/* The position of `at`, a pointer into the input buffer at or before `ref`, the point that
 * the parser's line and column describe; worked out backwards from there (the buffer may no
 * longer hold the start of the line). */
static position position_from(const xml_parser *x, const char *at, const char *ref)
{
    xmlParserInputPtr in = x->ctxt->input;
    const char *base = (const char *)in->base;
    position pos = current_position(x);
    uint32_t newlines = xml_line_feeds(at, ref);
    pos.line = pos.line > newlines ? pos.line - newlines : 1;
    if (newlines == 0) {
        uint32_t back = xml_columns(at, ref);
        pos.column = pos.column > back ? pos.column - back : 1;
        return pos;
    }
    const char *bol = at;
    while (bol > base && bol[-1] != '\n')
        bol--;
    pos.column = xml_columns(bol, at) + 1;
    return pos;
}

static position position_of(const xml_parser *x, const char *at)
{
    return position_from(x, at, (const char *)x->ctxt->input->cur);
}

static bool in_buffer(const xml_parser *x, const char *at)
{
    xmlParserInputPtr in = x->ctxt ? x->ctxt->input : NULL;
    return in && in->base && in->cur && at >= (const char *)in->base && at <= (const char *)in->cur;
}

/* The position of the last `token` before the parser's cursor (within the buffer), or
 * `fallback`. */
static position before_cursor(const xml_parser *x, const char *token, position fallback)
{
    xmlParserInputPtr in = x->ctxt ? x->ctxt->input : NULL;
    if (!in || !in->base || !in->cur)
        return fallback;
    size_t n = strlen(token);
    const char *base = (const char *)in->base;
    size_t avail = (size_t)((const char *)in->cur - base);
    for (size_t i = avail >= n ? avail - n + 1 : 0; i-- > 0;)
        if (memcmp(base + i, token, n) == 0)
            return position_of(x, base + i);
    return fallback;
}

void xml_attr_position(xml_parser *p, const xml_element *el, const char *name, uint32_t *line,
                       uint32_t *column)
{
    *line = el->line;
    *column = el->column;
    /* The start tag just parsed ends at the cursor and begins at the last '<' before it
     * (attribute values cannot hold a raw '<'). Names are looked for outside the quoted
     * values; a prefixed name (xsi:schemaLocation) is found by its local part. */
    const char *tag = p->tag, *end = p->tag_end;
    size_t n = strlen(name);
    for (const char *q = tag ? tag + 1 : NULL; q && q + n < end; q++) {
        if (*q == '"' || *q == '\'') {
            const char *close = memchr(q + 1, *q, (size_t)(end - q - 1));
            if (!close)
                return;
            q = close;
        } else if ((isspace((unsigned char)q[-1]) || q[-1] == ':') && strncmp(q, name, n) == 0 &&
                   (q[n] == '=' || isspace((unsigned char)q[n]))) {
            const char *start = q;
            while (start > tag && !isspace((unsigned char)start[-1]))
                start--;
            xml_advance(line, column, tag, start);
            return;
        }
    }
}

void xml_text_position(xml_parser *p, const char *text, size_t len, size_t offset, uint32_t *line,
                       uint32_t *column)
{
    position at = current_position(p);
    const char *cur = p->ctxt ? (const char *)p->ctxt->input->cur : NULL;
    if (p->cdata && text == cur) {
        /* libxml2 hands a CDATA section over before counting it: the line and column
         * describe the start of the text. */
        uint32_t newlines = xml_line_feeds(text, text + offset);
        const char *bol = text + offset;
        while (bol > text && bol[-1] != '\n')
            bol--;
        at.line += newlines;
        at.column = xml_columns(bol, text + offset) + (newlines ? 1 : at.column);
    } else if (in_buffer(p, text)) {
        /* Other text is handed over after its lines are counted: then the line and column
         * describe the end of the text. */
        at = text == cur ? position_from(p, text + offset, text + len)
                         : position_of(p, text + offset);
    }
    *line = at.line;
    *column = at.column;
}

/* ------------------------------------------------------------ reporting */

static void stop(xml_parser *x)
{
    x->stopped = true;
    if (x->ctxt)
        xmlStopParser(x->ctxt);
}

static void report(xml_parser *x, position at, const char *msg)
{
    x->status = TKG_EINPUT;
    tkg_error e;
    tkg_error_format(&e, TKG_EINPUT, x->name, (int)at.line, (int)at.column, "%s", msg);
    if (x->h->error && x->h->error(x->h->ctx, &e) != 0)
        stop(x);
}

/* True when the parser stopped on a character that is neither blank nor markup. */
static bool text_at_cursor(const xml_parser *x)
{
    xmlParserInputPtr in = x->ctxt ? x->ctxt->input : NULL;
    if (!in || !in->cur || !in->end || in->cur >= in->end)
        return false;
    unsigned char c = *in->cur;
    return c != '<' && c != ' ' && c != '\t' && c != '\r' && c != '\n';
}

/* One line, lower-case start, namespaces ("{urn:x}a") dropped, no trailing period. */
static void tidy_message(char *out, size_t size, const char *msg)
{
    size_t o = 0;
    const char *p = msg;
    /* "startTag: invalid element name": the libxml2 function name says nothing to a user. */
    const char *colon = strstr(p, ": ");
    if (colon && colon - p < 40 && !memchr(p, ' ', (size_t)(colon - p)) && colon > p)
        p = colon + 2;
    for (; *p && o + 1 < size; p++)
        out[o++] = (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p;
    while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '.' || out[o - 1] == '!'))
        o--;
    out[o] = '\0';
    if (o > 1 && isupper((unsigned char)out[0]) && !isupper((unsigned char)out[1]))
        out[0] = (char)tolower((unsigned char)out[0]);
}

/* Well-formedness and namespace errors, in tkg's words. */
static void on_parse_error(void *ctx, xmlErrorPtr e)
{
    xml_parser *x = ctx;
    if (!e || e->level == XML_ERR_WARNING || x->stopped)
        return;
    char msg[256];
    unsigned value;
    char name[64];
    position at = {e->line > 0 ? (uint32_t)e->line : 0, e->int2 > 0 ? (uint32_t)e->int2 : 1};
    if (at.line == 0)
        at = current_position(x);
    const char *text = e->message ? e->message : "";
    const char *s1 = e->str1 ? e->str1 : "", *s2 = e->str2 ? e->str2 : "";
    bool inside = x->depth > 0 && x->depth <= XML_MAX_DEPTH;
    const open_element *last = inside ? &x->open[x->depth - 1] : NULL;
    if (e->code == XML_ERR_DOCUMENT_EMPTY || (e->code == XML_ERR_DOCUMENT_END && !x->seen_root))
        snprintf(msg, sizeof msg, "%s",
                 text_at_cursor(x) ? "text before the root element: the document must begin with "
                                     "its root element"
                                   : "no root element: the document holds no element");
    else if ((e->code == XML_ERR_DOCUMENT_END || e->code == XML_ERR_TAG_NOT_FINISHED) && last) {
        /* The push parser says "extra content" when the input ends inside an element. */
        snprintf(msg, sizeof msg, "<%s> is not closed: the document ends before its </%s>",
                 last->name, last->name);
        at = last->at;
    } else if (e->code == XML_ERR_DOCUMENT_END)
        snprintf(msg, sizeof msg, "content after the end of the root element (one root only)");
    else if (e->code == XML_ERR_TAG_NAME_MISMATCH) {
        snprintf(msg, sizeof msg, "end tag </%s> does not match <%s> opened on line %d", s2, s1,
                 e->int1);
        at = before_cursor(x, "</", at);
    } else if (e->code == XML_ERR_TAG_NOT_FINISHED)
        snprintf(msg, sizeof msg, "<%s> is not closed: the document ends before its </%s>", s1, s1);
    else if (e->code == XML_ERR_ATTRIBUTE_NOT_STARTED)
        snprintf(msg, sizeof msg, "attribute value without quotes: write name=\"value\"");
    else if (e->code == XML_ERR_INVALID_CHAR && strncmp(text, "Char 0x", 7) == 0)
        snprintf(msg, sizeof msg, "character U+%04X is not allowed in XML", (unsigned)e->int1);
    else if (strstr(text, "not proper UTF-8") || strstr(text, "Invalid bytes in character"))
        snprintf(msg, sizeof msg, "invalid UTF-8 byte sequence: the input must be UTF-8");
    else if (strncmp(text, "Excessive depth in document", 27) == 0)
        snprintf(msg, sizeof msg, "elements nested more than %d levels deep", XML_MAX_DEPTH);
    else if (strstr(text, "AttValue length too long") || strstr(text, "Huge input lookup"))
        snprintf(msg, sizeof msg, "a tag or attribute value longer than %d bytes",
                 XML_MAX_TEXT_LENGTH);
    else if (sscanf(text, "xmlParseCharRef: invalid xmlChar value %u", &value) == 1) {
        snprintf(msg, sizeof msg, "character reference to U+%04X: not a character allowed in XML",
                 value);
        at = before_cursor(x, "&#", at);
    } else if (sscanf(text, "Specification mandates value for attribute %63s", name) == 1) {
        snprintf(msg, sizeof msg, "attribute '%s' has no value: write %s=\"...\"", name, name);
        at = before_cursor(x, name, at);
    } else if (strncmp(text, "attributes construct error", 26) == 0)
        snprintf(msg, sizeof msg, "malformed start tag: expected an attribute, '>' or '/>'");
    else if (strncmp(text, "error parsing attribute name", 28) == 0)
        snprintf(msg, sizeof msg, "invalid attribute name (a name starts with a letter or '_')");
    else if (strstr(text, "nescaped '<' not allowed in attributes values"))
        snprintf(msg, sizeof msg, "'<' inside an attribute value: write &lt;");
    else {
        tidy_message(msg, sizeof msg, text);
        /* libxml2's advice to lift its limits is not passed on: they are deliberate. */
        char *huge = strstr(msg, "use XML_PARSE_HUGE");
        if (huge) {
            while (huge > msg && strchr(" ,:", huge[-1]))
                huge--;
            *huge = '\0';
        }
        if (!msg[0])
            snprintf(msg, sizeof msg, "malformed XML");
    }
    report(x, at, msg);
    /* After a fatal error the rest of the document means nothing: one message is enough. */
    if (e->level == XML_ERR_FATAL || x->stopped)
        stop(x);
}

/* ------------------------------------------------------------ SAX callbacks */

/* Copies the values of a start tag's attributes, NUL-terminated, and describes them in
 * x->attrs; false when they are too large together or memory runs out (then `nomem`). */
static bool take_attributes(xml_parser *x, int count, const xmlChar **attributes)
{
    /* libxml2 gives 5 pointers per attribute: local name, prefix, URI, value, value end. */
    size_t total = 0;
    for (int i = 0; i < count; i++)
        total += (size_t)(attributes[5 * i + 4] - attributes[5 * i + 3]) + 1;
    if (total > MAX_TAG_BYTES)
        return false;
    if (total > x->values_cap) {
        size_t cap = total > 4096 ? total : 4096;
        char *more = realloc(x->values, cap);
        if (!more) {
            x->nomem = true;
            return false;
        }
        x->values = more;
        x->values_cap = cap;
    }
    char *dst = x->values;
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attributes + 5 * i;
        /* Without XML_PARSE_NOENT, libxml2 hands an '&' of an attribute value (written
         * "&amp;" or "&#38;") over as "&#38;", which no raw value can hold: decode it. */
        const char *v = (const char *)a[3], *end = (const char *)a[4];
        size_t n = 0;
        while (v < end) {
            const char *amp = memchr(v, '&', (size_t)(end - v));
            size_t run = (size_t)((amp ? amp + 1 : end) - v);
            memcpy(dst + n, v, run);
            n += run;
            v += run;
            if (amp && end - amp >= 5 && memcmp(amp, "&#38;", 5) == 0)
                v += 4;
        }
        dst[n] = '\0';
        x->attrs[i] = (xml_attr){(const char *)a[0], (const char *)a[2], dst, n};
        dst += n + 1;
    }
    return true;
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    (void)prefix;
    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_defaulted;
    xml_parser *x = ctx;
    if (x->stopped)
        return;
    xmlParserInputPtr in = x->ctxt->input;
    const char *cur = (const char *)in->cur, *base = (const char *)in->base;
    x->tag = base && cur > base ? memrchr(base, '<', (size_t)(cur - base)) : NULL;
    x->tag_end = cur;
    position at = x->tag ? position_of(x, x->tag) : current_position(x);
    x->seen_root = true;
    x->depth++;
    if (x->depth <= XML_MAX_DEPTH)
        x->open[x->depth - 1] = (open_element){(const char *)local, at};
    char msg[80];
    const char *problem = NULL;
    if (x->depth > XML_MAX_DEPTH) {
        snprintf(msg, sizeof msg, "elements nested more than %d levels deep", XML_MAX_DEPTH);
        problem = msg;
    } else if (nb_attributes > MAX_ATTRS) {
        problem = "too many attributes on one element (at most 64)";
    } else if (!take_attributes(x, nb_attributes, attributes)) {
        problem = x->nomem ? NULL : "attribute values of one element exceed 16 MiB";
    }
    if (problem)
        report(x, at, problem);
    if (problem || x->nomem) {
        stop(x);
        return;
    }
    xml_element el = {.name = (const char *)local,
                      .ns = (const char *)uri,
                      .attrs = x->attrs,
                      .attr_count = (size_t)nb_attributes,
                      .line = at.line,
                      .column = at.column,
                      .parser = x};
    if (x->h->start && x->h->start(x->h->ctx, &el) != 0)
        stop(x);
    x->tag = x->tag_end = NULL;
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix;
    (void)uri;
    xml_parser *x = ctx;
    if (x->depth > 0)
        x->depth--;
    if (!x->stopped && x->h->end && x->h->end(x->h->ctx, (const char *)local) != 0)
        stop(x);
}

static void on_text(void *ctx, const xmlChar *text, int len)
{
    xml_parser *x = ctx;
    if (!x->stopped && x->h->text && x->h->text(x->h->ctx, (const char *)text, (size_t)len) != 0)
        stop(x);
}

static void on_cdata(void *ctx, const xmlChar *text, int len)
{
    xml_parser *x = ctx;
    x->cdata = true;
    on_text(ctx, text, len);
    x->cdata = false;
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                       const xmlChar *system_id)
{
    (void)name;
    (void)external_id;
    (void)system_id;
    xml_parser *x = ctx;
    if (x->stopped)
        return;
    report(x, before_cursor(x, "<!DOCTYPE", current_position(x)),
           "a DOCTYPE is not allowed (no DTD, no entity declarations): remove the <!DOCTYPE> "
           "declaration");
    stop(x);
}

static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name)
{
    xml_parser *x = ctx;
    if (x->stopped)
        return NULL;
    char msg[200];
    snprintf(msg, sizeof msg,
             "entity reference '&%.60s;' is not allowed (only &amp; &lt; &gt; &quot; &apos; "
             "and character references)",
             (const char *)name);
    /* The parser has read past the ';': point at the '&'. */
    position at = current_position(x);
    uint32_t back =
        xml_columns((const char *)name, (const char *)name + strlen((const char *)name)) + 2;
    at.column = at.column > back ? at.column - back : 1;
    report(x, at, msg);
    stop(x);
    return NULL;
}

static void on_reference(void *ctx, const xmlChar *name)
{
    on_get_entity(ctx, name);
}

/* Nothing is ever loaded: no external subset, no external entity. */
static xmlParserInputPtr on_resolve(void *ctx, const xmlChar *public_id, const xmlChar *system_id)
{
    (void)ctx;
    (void)public_id;
    (void)system_id;
    return NULL;
}

/* ------------------------------------------------------------ feeding */

/* Rejects what is not UTF-8 text (or US-ASCII, ISO-8859-1) before libxml2 sees it
 * (xml_sniff_encoding). */
static int check_encoding(xml_parser *x, const char *data, size_t len)
{
    char msg[200];
    position at;
    if (xml_sniff_encoding(data, len, msg, sizeof msg, &at.line, &at.column) == 0)
        return TKG_OK;
    report(x, at, msg);
    return TKG_EINPUT;
}

static int feed(xml_parser *x, const char *data, size_t len, bool last)
{
    xmlParseChunk(x->ctxt, data, (int)len, last);
    return x->stopped ? TKG_EINPUT : TKG_OK;
}

static int too_large(const xml_input *in, tkg_error *err)
{
    return tkg_fail(err, TKG_ELIMIT, in->name, 0, 0, "input is larger than the limit of %llu bytes",
                    (unsigned long long)in->max_bytes);
}

static const char empty_message[] =
    "empty file: a TKG-XML document needs a root element, <tkg xmlns=\"urn:tkg:1\">";

static int feed_file(xml_parser *x, const xml_input *in, tkg_error *err)
{
    int rc = TKG_OK;
    char *buf = malloc(CHUNK);
    int fd = open(in->path, O_RDONLY | O_CLOEXEC);
    if (!buf) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if (fd < 0) {
        rc = tkg_fail_open(err, in->name, errno);
        goto done;
    }
    struct stat st = {0};
    uint64_t total = fstat(fd, &st) == 0 ? (uint64_t)st.st_size : 0;
    if (total > in->max_bytes) { /* refuse at once what is known to be too large */
        rc = too_large(in, err);
        goto done;
    }
    uint64_t done_bytes = 0;
    for (;;) {
        ssize_t n = read(fd, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = tkg_fail(err, TKG_EIO, in->name, 0, 0, "read error: %s", strerror(errno));
            goto done;
        }
        if (done_bytes + (uint64_t)n > in->max_bytes) {
            rc = too_large(in, err);
            goto done;
        }
        if (done_bytes == 0 && n == 0) {
            report(x, (position){1, 1}, empty_message);
            rc = TKG_EINPUT;
            goto done;
        }
        if (done_bytes == 0 && check_encoding(x, buf, (size_t)n) != TKG_OK) {
            rc = TKG_EINPUT;
            goto done;
        }
        done_bytes += (uint64_t)n;
        if (feed(x, buf, (size_t)n, n == 0) != TKG_OK || n == 0)
            break;
        if (in->progress)
            in->progress(in->progress_ctx, in->name, done_bytes, total);
    }
done:
    if (fd >= 0)
        close(fd);
    free(buf);
    return rc;
}

static int feed_memory(xml_parser *x, const xml_input *in, tkg_error *err)
{
    if (in->len > in->max_bytes)
        return too_large(in, err);
    if (in->len == 0) {
        report(x, (position){1, 1}, empty_message);
        return TKG_EINPUT;
    }
    if (check_encoding(x, in->data, in->len) != TKG_OK)
        return TKG_EINPUT;
    for (size_t off = 0; off < in->len; off += CHUNK) {
        size_t n = in->len - off < CHUNK ? in->len - off : CHUNK;
        if (feed(x, in->data + off, n, false) != TKG_OK)
            return TKG_EINPUT;
    }
    feed(x, NULL, 0, true);
    return TKG_OK;
}

int xml_parse(const xml_input *in, const xml_handler *h, tkg_error *err)
{
    pthread_once(&init_control, init_libxml2);
    int rc = TKG_OK;
    xml_parser *x = calloc(1, sizeof *x);
    if (!x)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    x->h = h;
    x->name = in->name;
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.cdataBlock = on_cdata;
    sax.internalSubset = on_doctype;
    sax.externalSubset = on_doctype;
    sax.getEntity = on_get_entity;
    sax.getParameterEntity = on_get_entity;
    sax.reference = on_reference;
    sax.resolveEntity = on_resolve;
    /* Errors go to this parser's handler only (never to libxml2's process-wide one). */
    sax.serror = on_parse_error;
    x->ctxt = xmlCreatePushParserCtxt(&sax, x, NULL, 0, in->name);
    if (!x->ctxt) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    xmlCtxtUseOptions(x->ctxt, PARSE_OPTIONS);
    rc = in->path ? feed_file(x, in, err) : feed_memory(x, in, err);
    if (x->nomem)
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    if (rc == TKG_OK && (x->status != TKG_OK || x->stopped || !x->ctxt->wellFormed))
        rc = TKG_EINPUT;
    if (rc == TKG_EINPUT && x->status == TKG_OK && !x->stopped)
        /* Malformed without a message: libxml2 raised an error it did not pass on. */
        report(x, current_position(x), "malformed XML document");
    if (rc == TKG_EINPUT) /* or the error recorded first: out of memory in the handler */
        rc = tkg_fail(err, TKG_EINPUT, in->name, 0, 0, "invalid document");
done:
    if (x->ctxt) {
        xmlFreeDoc(x->ctxt->myDoc);
        xmlFreeParserCtxt(x->ctxt);
    }
    free(x->values);
    free(x);
    return rc;
}
