/* The hardened libxml2 front end (see xml.h): the only file that includes libxml2. */
#include "xml.h"

#include "error.h"

#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlversion.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK         ((size_t)256 * 1024)
#define MAX_ATTRS     64
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA)

struct xml_schema {
    xmlSchemaPtr schema;
};

struct xml_parser {
    xmlParserCtxtPtr ctxt;
    const xml_handler *h;
    const char *name;
    int status;   /* TKG_OK until a problem */
    bool stopped; /* a callback or the hardening stopped the parse */
    xml_attr attrs[MAX_ATTRS];
    /* The start tag being reported, for positions: [tag, tag_end) in the input buffer. */
    const char *tag, *tag_end;
    uint32_t tag_line;
};

/* ------------------------------------------------------------ set-up */

/* Refuses every external load: DTDs, entities, schema includes, XInclude. */
static xmlParserInputPtr refuse_load(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void init_once(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_load);
    xmlCatalogSetDefaults(XML_CATA_ALLOW_NONE);
    /* Messages reach us through structured handlers; nothing may print on its own. */
    xmlSetGenericErrorFunc(NULL, silent);
}

void xml_versions(FILE *out)
{
    fprintf(out, "libxml2 %s (built with %s)\n", xmlParserVersion, LIBXML_DOTTED_VERSION);
}

/* ------------------------------------------------------------ messages */

/* Turns a libxml2 message into ours: one line, lower-case start, no namespace braces,
 * no trailing period. */
static void tidy_message(char *out, size_t size, const char *msg)
{
    size_t o = 0;
    for (const char *p = msg ? msg : "malformed xml"; *p && o + 1 < size; p++) {
        if (*p == '{') { /* "{urn:tkg:1}relation" → "relation" */
            const char *close = strchr(p, '}');
            if (close) {
                p = close;
                continue;
            }
        }
        out[o++] = (*p == '\n' || *p == '\r') ? ' ' : *p;
    }
    while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '.'))
        o--;
    out[o] = '\0';
    if (o > 1 && isupper((unsigned char)out[0]) && !isupper((unsigned char)out[1]))
        out[0] = (char)tolower((unsigned char)out[0]);
}

static void report(xml_parser *p, uint32_t line, uint32_t column, const char *msg)
{
    tkg_error e;
    tkg_error_format(&e, TKG_EINPUT, p->name, (int)line, (int)column, "%s", msg);
    p->status = TKG_EINPUT;
    if (p->h->error && p->h->error(p->h->ctx, &e) != 0)
        p->stopped = true;
}

static void stop(xml_parser *p)
{
    p->stopped = true;
    if (p->ctxt)
        xmlStopParser(p->ctxt);
}

static void on_structured_error(void *ctx, xmlErrorPtr e)
{
    xml_parser *p = ctx;
    if (!e || e->level == XML_ERR_WARNING || p->stopped)
        return;
    char msg[256];
    tidy_message(msg, sizeof msg, e->message);
    report(p, e->line > 0 ? (uint32_t)e->line : 0, e->int2 > 0 ? (uint32_t)e->int2 : 0, msg);
    if (p->stopped)
        stop(p);
}

/* ------------------------------------------------------------ positions */

/* Counts UTF-8 characters in [a, b). */
static uint32_t columns(const char *a, const char *b)
{
    uint32_t n = 0;
    for (; a < b; a++)
        n += ((unsigned char)*a & 0xC0) != 0x80;
    return n;
}

/* Finds the start tag just parsed: libxml2 has consumed it, so it ends at input->cur and
 * begins at the last '<' before (attribute values cannot hold a raw '<'). */
static void locate_tag(xml_parser *p)
{
    xmlParserInputPtr in = p->ctxt->input;
    p->tag = p->tag_end = NULL;
    p->tag_line = in ? (uint32_t)in->line : 0;
    if (!in || !in->base || !in->cur || in->cur <= in->base)
        return;
    const char *base = (const char *)in->base, *cur = (const char *)in->cur;
    const char *q = cur;
    uint32_t newlines = 0;
    while (q > base && q[-1] != '<')
        newlines += *--q == '\n';
    if (q == base)
        return;
    p->tag = q - 1;
    p->tag_end = cur;
    p->tag_line = (uint32_t)in->line - newlines;
}

static void position_of(const xml_parser *p, const char *at, uint32_t *line, uint32_t *column)
{
    xmlParserInputPtr in = p->ctxt->input;
    const char *base = (const char *)in->base;
    uint32_t l = p->tag_line;
    for (const char *q = p->tag; q < at; q++)
        l += *q == '\n';
    const char *bol = at;
    while (bol > base && bol[-1] != '\n')
        bol--;
    *line = l;
    *column = columns(bol, at) + 1;
}

void xml_attr_position(xml_parser *p, const xml_element *el, const char *name, uint32_t *line,
                       uint32_t *column)
{
    *line = el->line;
    *column = el->column;
    if (!p->tag)
        return;
    size_t n = strlen(name);
    for (const char *q = p->tag + 1; q + n < p->tag_end; q++) {
        if (isspace((unsigned char)q[-1]) && strncmp(q, name, n) == 0 &&
            (q[n] == '=' || isspace((unsigned char)q[n]))) {
            position_of(p, q, line, column);
            return;
        }
    }
}

/* ------------------------------------------------------------ SAX callbacks */

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    (void)prefix;
    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_defaulted;
    xml_parser *p = ctx;
    if (p->stopped)
        return;
    locate_tag(p);
    xml_element el = {.name = (const char *)local, .ns = (const char *)uri, .parser = p};
    if (p->tag)
        position_of(p, p->tag, &el.line, &el.column);
    else
        el.line = p->tag_line;
    if (nb_attributes > MAX_ATTRS) {
        report(p, el.line, el.column, "too many attributes on one element");
        stop(p);
        return;
    }
    /* libxml2 gives 5 pointers per attribute: local name, prefix, URI, value, value end. */
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar **a = attributes + 5 * i;
        p->attrs[i] = (xml_attr){(const char *)a[0], (const char *)a[3], (size_t)(a[4] - a[3])};
    }
    el.attrs = p->attrs;
    el.attr_count = (size_t)nb_attributes;
    if (p->h->start && p->h->start(p->h->ctx, &el) != 0)
        stop(p);
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix;
    (void)uri;
    xml_parser *p = ctx;
    if (!p->stopped && p->h->end && p->h->end(p->h->ctx, (const char *)local) != 0)
        stop(p);
}

static void on_text(void *ctx, const xmlChar *text, int len)
{
    xml_parser *p = ctx;
    if (!p->stopped && p->h->text && p->h->text(p->h->ctx, (const char *)text, (size_t)len) != 0)
        stop(p);
}

static void current_position(const xml_parser *p, uint32_t *line, uint32_t *column)
{
    xmlParserInputPtr in = p->ctxt ? p->ctxt->input : NULL;
    *line = in ? (uint32_t)in->line : 1;
    *column = in ? (uint32_t)in->col : 1;
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                       const xmlChar *system_id)
{
    (void)name;
    (void)external_id;
    (void)system_id;
    xml_parser *p = ctx;
    uint32_t line, column;
    current_position(p, &line, &column);
    report(p, line, 1, "DOCTYPE and entity declarations are not allowed");
    stop(p);
}

static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name)
{
    xml_parser *p = ctx;
    uint32_t line, column;
    current_position(p, &line, &column);
    char msg[200];
    snprintf(msg, sizeof msg, "entity reference '&%.100s;' is not allowed", (const char *)name);
    report(p, line, column, msg);
    stop(p);
    return NULL;
}

static void on_reference(void *ctx, const xmlChar *name)
{
    on_get_entity(ctx, name);
}

/* ------------------------------------------------------------ encoding */

/* Only encodings that libxml2 handles without a conversion library are accepted. */
static int check_encoding(xml_parser *p, const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE))) {
        report(p, 1, 1, "unsupported encoding: only UTF-8 input is accepted");
        return TKG_EINPUT;
    }
    if (len < 5 || memcmp(data, "<?xml", 5) != 0)
        return TKG_OK;
    const char *end = memchr(data, '>', len < 512 ? len : 512);
    if (!end)
        return TKG_OK; /* libxml2 reports the malformed declaration */
    const char *enc = NULL;
    for (const char *q = data; q + 8 < end; q++)
        if (memcmp(q, "encoding", 8) == 0) {
            enc = q;
            break;
        }
    if (!enc)
        return TKG_OK;
    const char *v = enc + 8;
    while (v < end && (*v == ' ' || *v == '=' || *v == '\t'))
        v++;
    if (v >= end || (*v != '"' && *v != '\''))
        return TKG_OK;
    char quote = *v++;
    const char *close = memchr(v, quote, (size_t)(end - v));
    if (!close)
        return TKG_OK;
    size_t n = (size_t)(close - v);
    static const char *const allowed[] = {"UTF-8",      "UTF8",   "US-ASCII",   "ASCII",
                                          "ISO-8859-1", "LATIN1", "ISO_8859-1", "ISO-LATIN-1"};
    for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
        if (strlen(allowed[i]) == n && strncasecmp(v, allowed[i], n) == 0)
            return TKG_OK;
    char msg[160];
    snprintf(msg, sizeof msg, "unsupported encoding '%.*s': use UTF-8 (or US-ASCII, ISO-8859-1)",
             (int)(n > 40 ? 40 : n), v);
    report(p, 1, columns(data, v) + 1, msg);
    return TKG_EINPUT;
}

/* ------------------------------------------------------------ schemas */

int xml_schema_compile(xml_schema **out, const char *data, size_t len, const char *name,
                       tkg_error *err)
{
    init_once();
    int rc = TKG_OK;
    xml_schema *x = calloc(1, sizeof *x);
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(data, (int)len);
    if (!x || !pc) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    xmlSchemaSetParserStructuredErrors(pc, NULL, NULL);
    xmlSchemaSetParserErrors(pc, silent, silent, NULL);
    x->schema = xmlSchemaParse(pc);
    if (!x->schema)
        rc = tkg_fail(err, TKG_EIO, name, 0, 0, "the bundled schema does not compile");
done:
    xmlSchemaFreeParserCtxt(pc);
    if (rc != TKG_OK) {
        xml_schema_free(x);
        x = NULL;
    }
    *out = x;
    return rc;
}

void xml_schema_free(xml_schema *x)
{
    if (!x)
        return;
    if (x->schema)
        xmlSchemaFree(x->schema);
    free(x);
}

/* ------------------------------------------------------------ parsing */

static int feed(xml_parser *p, const char *data, size_t len, bool last)
{
    xmlParseChunk(p->ctxt, data, (int)len, last);
    return p->stopped ? TKG_EINPUT : TKG_OK;
}

static int feed_file(xml_parser *p, const xml_input *in, tkg_error *err)
{
    int rc = TKG_OK;
    char *buf = malloc(CHUNK);
    int fd = open(in->path, O_RDONLY | O_CLOEXEC);
    if (!buf) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if (fd < 0) {
        rc = tkg_fail(err, TKG_EIO, in->name, 0, 0, "cannot open: %s", strerror(errno));
        goto done;
    }
    struct stat st;
    uint64_t total = fstat(fd, &st) == 0 ? (uint64_t)st.st_size : 0;
    uint64_t done_bytes = 0;
    bool first = true;
    for (;;) {
        ssize_t n = read(fd, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = tkg_fail(err, TKG_EIO, in->name, 0, 0, "read error: %s", strerror(errno));
            goto done;
        }
        done_bytes += (uint64_t)n;
        if (done_bytes > in->max_bytes) {
            rc = tkg_fail(err, TKG_ELIMIT, in->name, 0, 0,
                          "input is larger than the limit of %llu bytes",
                          (unsigned long long)in->max_bytes);
            goto done;
        }
        if (first && n > 0) {
            first = false;
            if (check_encoding(p, buf, (size_t)n) != TKG_OK) {
                rc = TKG_EINPUT;
                goto done;
            }
        }
        if (n == 0 && done_bytes == 0) {
            report(p, 1, 1, "empty document");
            rc = TKG_EINPUT;
            goto done;
        }
        if (feed(p, buf, (size_t)n, n == 0) != TKG_OK || n == 0)
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

static int feed_memory(xml_parser *p, const xml_input *in, tkg_error *err)
{
    if (in->len > in->max_bytes)
        return tkg_fail(err, TKG_ELIMIT, in->name, 0, 0,
                        "input is larger than the limit of %llu bytes",
                        (unsigned long long)in->max_bytes);
    if (in->len == 0) {
        report(p, 1, 1, "empty document");
        return TKG_EINPUT;
    }
    if (check_encoding(p, in->data, in->len) != TKG_OK)
        return TKG_EINPUT;
    for (size_t off = 0; off < in->len; off += CHUNK) {
        size_t n = in->len - off < CHUNK ? in->len - off : CHUNK;
        if (feed(p, in->data + off, n, false) != TKG_OK)
            return TKG_EINPUT;
    }
    feed(p, NULL, 0, true);
    return TKG_OK;
}

int xml_parse(const xml_input *in, const xml_schema *schema, const xml_handler *h, tkg_error *err)
{
    init_once();
    int rc = TKG_OK;
    xml_parser p = {.h = h, .name = in->name, .status = TKG_OK};
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.cdataBlock = on_text;
    sax.internalSubset = on_doctype;
    sax.externalSubset = on_doctype;
    sax.getEntity = on_get_entity;
    sax.getParameterEntity = on_get_entity;
    sax.reference = on_reference;
    sax.serror = on_structured_error;
    xmlSAXHandlerPtr sax_ptr = &sax;
    void *user = &p;
    xmlSchemaValidCtxtPtr vctxt = NULL;
    xmlSchemaSAXPlugPtr plug = NULL;
    if (schema) {
        vctxt = xmlSchemaNewValidCtxt(schema->schema);
        if (!vctxt) {
            rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
            goto done;
        }
        xmlSchemaSetValidStructuredErrors(vctxt, on_structured_error, &p);
        plug = xmlSchemaSAXPlug(vctxt, &sax_ptr, &user);
        if (!plug) {
            rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "cannot set up schema validation");
            goto done;
        }
    }
    p.ctxt = xmlCreatePushParserCtxt(sax_ptr, user, NULL, 0, in->name);
    if (!p.ctxt) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    xmlCtxtUseOptions(p.ctxt, PARSE_OPTIONS);
    rc = in->path ? feed_file(&p, in, err) : feed_memory(&p, in, err);
    if (rc == TKG_OK && (p.status != TKG_OK || p.stopped || !p.ctxt->wellFormed ||
                         (vctxt && xmlSchemaIsValid(vctxt) != 1)))
        rc = TKG_EINPUT;
    if (rc == TKG_EINPUT && p.status == TKG_OK) {
        /* Stopped or invalid without a message (a callback stopped it quietly). */
        uint32_t line, column;
        current_position(&p, &line, &column);
        if (!p.stopped)
            report(&p, line, column, "malformed document");
    }
    if (rc == TKG_EINPUT)
        tkg_fail(err, TKG_EINPUT, in->name, 0, 0, "invalid document");
done:
    if (p.ctxt) {
        xmlFreeDoc(p.ctxt->myDoc);
        xmlFreeParserCtxt(p.ctxt);
    }
    if (plug)
        xmlSchemaSAXUnplug(plug);
    if (vctxt)
        xmlSchemaFreeValidCtxt(vctxt);
    return rc;
}
