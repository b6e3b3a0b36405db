/* The hardened libxml2 front end (see xml.h): the only file that includes libxml2. */
#define _GNU_SOURCE /* memrchr */
#include "xml_internal.h"

#include "error.h"
#include "xml_message.h"
#include "xml_text.h"

#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlversion.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK         ((size_t)256 * 1024)
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA)

struct xml_schema {
    xmlSchemaPtr schema;
    const xml_fast_check *fast; /* or NULL */
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
    const char *base = (const char *)in->base, *cur = ref;
    position pos = current_position(x);
    uint32_t newlines = xml_line_feeds(at, cur);
    pos.line = pos.line > newlines ? pos.line - newlines : 1;
    if (newlines == 0) {
        uint32_t back = xml_columns(at, cur);
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

/* Records where the start tag just parsed lies: libxml2 has consumed it, so it ends at the
 * cursor and begins at the last '<' before (attribute values cannot hold a raw '<'). The
 * tag is copied, so that locate_attrs can place its attributes later, when a message needs
 * them: by then the parser may have dropped the tag from its buffer. */
static const char *tag_start(const xml_parser *x)
{
    xmlParserInputPtr in = x->ctxt->input;
    if (!in || !in->base || !in->cur || in->cur <= in->base)
        return NULL;
    return memrchr(in->base, '<', (size_t)(in->cur - in->base));
}

static void locate_tag(xml_parser *x, pending *pe)
{
    pe->el.at = current_position(x);
    pe->tag_len = 0;
    pe->attrs_located = false;
    const char *tag = tag_start(x);
    if (!tag)
        return;
    pe->el.at = position_of(x, tag);
    size_t len = (size_t)((const char *)x->ctxt->input->cur - tag);
    if (len > pe->tag_cap) {
        char *more = realloc(pe->tag, len);
        if (!more)
            return; /* attributes are then placed on their element */
        pe->tag = more;
        pe->tag_cap = len;
    }
    memcpy(pe->tag, tag, len);
    pe->tag_len = len;
}

/* Works out where each attribute of the pending start tag begins (its element's position
 * when it is not written in the tag: a defaulted attribute). */
static void locate_attrs(pending *pe)
{
    if (pe->attrs_located)
        return;
    pe->attrs_located = true;
    const char *tag = pe->tag, *end = pe->tag + pe->tag_len;
    for (size_t i = 0; i < pe->attr_count; i++) {
        pe->attr_at[i] = pe->el.at;
        const char *name = pe->attrs[i].name;
        size_t n = strlen(name);
        for (const char *q = tag + 1; pe->tag_len > 0 && q + n < end; q++) {
            if (*q == '"' || *q == '\'') { /* a value: names are outside */
                const char *close = memchr(q + 1, *q, (size_t)(end - q - 1));
                if (!close)
                    break;
                q = close;
            } else if ((isspace((unsigned char)q[-1]) || q[-1] == ':') &&
                       strncmp(q, name, n) == 0 && (q[n] == '=' || isspace((unsigned char)q[n]))) {
                /* a prefixed name (xsi:schemaLocation) is found by its local part */
                const char *start = q;
                while (start > tag && !isspace((unsigned char)start[-1]))
                    start--;
                {
                    uint32_t line = pe->el.at.line, column = pe->el.at.column;
                    xml_advance(&line, &column, tag, start);
                    pe->attr_at[i] = (position){line, column};
                }
                break;
            }
        }
    }
}

void xml_attr_position(xml_parser *p, const xml_element *el, const char *name, uint32_t *line,
                       uint32_t *column)
{
    *line = el->line;
    *column = el->column;
    pending *pe = p->pipe ? xml_delivering(p) : &p->p;
    locate_attrs(pe);
    for (size_t i = 0; i < pe->attr_count; i++)
        if (strcmp(pe->attrs[i].name, name) == 0) {
            *line = pe->attr_at[i].line;
            *column = pe->attr_at[i].column;
            return;
        }
}

/* ------------------------------------------------------------ reporting */

static void report(xml_parser *x, position at, const char *msg)
{
    x->status = TKG_EINPUT;
    if (x->suppress_reports > 0) { /* an earlier reading reported it */
        x->suppress_reports--;
        return;
    }
    x->reported++;
    tkg_error e;
    tkg_error_format(&e, TKG_EINPUT, x->name, (int)at.line, (int)at.column, "%s", msg);
    if (x->pipe ? !xml_event_error(x, &e) : x->h->error && x->h->error(x->h->ctx, &e) != 0)
        x->stopped = true;
}

static void stop(xml_parser *x)
{
    x->stopped = true;
    if (x->ctxt)
        xmlStopParser(x->ctxt);
}

/* Reports the schema problems held for the pending start tag, in document order. */
static void report_held(xml_parser *x)
{
    pending *pe = &x->p;
    for (size_t i = 1; i < pe->held_count; i++) { /* insertion sort: stable, few items */
        for (size_t k = i; k > 0; k--) {
            position a = pe->held[k - 1].at, b = pe->held[k].at;
            if (a.line < b.line || (a.line == b.line && a.column <= b.column))
                break;
            char tmp[sizeof pe->held[0]];
            memcpy(tmp, &pe->held[k], sizeof tmp);
            memcpy(&pe->held[k], &pe->held[k - 1], sizeof tmp);
            memcpy(&pe->held[k - 1], tmp, sizeof tmp);
        }
    }
    for (size_t i = 0; i < pe->held_count && !x->stopped; i++)
        report(x, pe->held[i].at, pe->held[i].message);
    pe->held_count = 0;
}

/* Whether the next call of the handler is to be made: not when an earlier reading of the
 * document already made it. */
static bool deliver(xml_parser *x)
{
    if (x->suppress > 0) {
        x->suppress--;
        return false;
    }
    x->delivered++;
    return true;
}

/* The fast check could not vouch for the event: stop, to read the document again. */
static void unsure(xml_parser *x)
{
    x->unsure = true;
    x->unsure_at = current_position(x);
    stop(x);
}

/* Delivers the pending start tag, once the schema has seen it. */
static void flush(xml_parser *x)
{
    pending *pe = &x->p;
    if (!pe->active)
        return;
    report_held(x);
    pe->active = false;
    x->has_text_at = false; /* the text before the tag has been judged */
    if (x->stopped || x->skip)
        return;
    if (pe->invalid) {
        x->skip = pe->depth;
        return;
    }
    xml_element el = {.name = pe->el.name,
                      .ns = pe->el.ns,
                      .attrs = pe->attrs,
                      .attr_count = pe->attr_count,
                      .line = pe->el.at.line,
                      .column = pe->el.at.column,
                      .parser = x};
    pe->active = true; /* for xml_attr_position during the call */
    /* (Through the pipe, start tags go at once: pipe_start_now; none is ever pending.) */
    bool go_on = !x->h->start || !deliver(x) || x->h->start(x->h->ctx, &el) == 0;
    pe->active = false;
    if (!go_on)
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

/* Well-formedness and namespace errors. The SAX user data may be the schema plug, so the
 * parser is found through the context's _private field. */
static void on_parse_error(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    xmlParserCtxtPtr c = e ? e->ctxt : NULL;
    xml_parser *x = c ? c->_private : NULL;
    if (!x || x->magic != PARSER_MAGIC || e->level == XML_ERR_WARNING || x->stopped)
        return;
    report_held(x);
    char msg[256];
    unsigned value;
    char name[64];
    position at = {e->line > 0 ? (uint32_t)e->line : 0, e->int2 > 0 ? (uint32_t)e->int2 : 1};
    if (at.line == 0)
        at = current_position(x);
    const char *text = e->message ? e->message : "";
    const char *s1 = e->str1 ? e->str1 : "", *s2 = e->str2 ? e->str2 : "";
    bool inside = x->depth > 0 && x->depth <= MAX_DEPTH;
    const open_element *last = inside ? &x->open[x->depth - 1] : NULL;
    if (e->code == XML_ERR_DOCUMENT_EMPTY || (e->code == XML_ERR_DOCUMENT_END && !x->open[0].name))
        xml_say(msg, sizeof msg, "%s",
                text_at_cursor(x) ? "text before the root element: the document must begin with "
                                    "its root element"
                                  : "no root element: the document holds no element");
    else if ((e->code == XML_ERR_DOCUMENT_END || e->code == XML_ERR_TAG_NOT_FINISHED) && last) {
        /* The push parser says "extra content" when the input ends inside an element. */
        xml_say(msg, sizeof msg, "<%s> is not closed: the document ends before its </%s>",
                last->name, last->name);
        at = last->at;
    } else if (e->code == XML_ERR_DOCUMENT_END)
        xml_say(msg, sizeof msg, "content after the end of the root element (one root only)");
    else if (e->code == XML_ERR_TAG_NAME_MISMATCH) {
        xml_say(msg, sizeof msg, "end tag </%s> does not match <%s> opened on line %d", s2, s1,
                e->int1);
        at = before_cursor(x, "</", at);
    } else if (e->code == XML_ERR_TAG_NOT_FINISHED)
        xml_say(msg, sizeof msg, "<%s> is not closed: the document ends before its </%s>", s1, s1);
    else if (e->code == XML_ERR_ATTRIBUTE_NOT_STARTED)
        xml_say(msg, sizeof msg, "attribute value without quotes: write name=\"value\"");
    else if (e->code == XML_ERR_INVALID_CHAR && strncmp(text, "Char 0x", 7) == 0)
        xml_say(msg, sizeof msg, "character U+%04X is not allowed in XML", (unsigned)e->int1);
    else if (strstr(text, "not proper UTF-8") || strstr(text, "Invalid bytes in character"))
        xml_say(msg, sizeof msg, "invalid UTF-8 byte sequence: the input must be UTF-8");
    else if (strncmp(text, "Excessive depth in document", 27) == 0)
        xml_say(msg, sizeof msg, "elements nested more than %d levels deep", XML_MAX_DEPTH);
    else if (strstr(text, "AttValue length too long") || strstr(text, "Huge input lookup"))
        xml_say(msg, sizeof msg, "a tag or attribute value longer than %d bytes",
                XML_MAX_TEXT_LENGTH);
    else if (sscanf(text, "xmlParseCharRef: invalid xmlChar value %u", &value) == 1) {
        xml_say(msg, sizeof msg, "character reference to U+%04X: not a character allowed in XML",
                value);
        at = before_cursor(x, "&#", at);
    } else if (sscanf(text, "Specification mandates value for attribute %63s", name) == 1) {
        xml_say(msg, sizeof msg, "attribute '%s' has no value: write %s=\"...\"", name, name);
        at = before_cursor(x, name, at);
    } else if (strncmp(text, "attributes construct error", 26) == 0)
        xml_say(msg, sizeof msg, "malformed start tag: expected an attribute, '>' or '/>'");
    else if (strncmp(text, "error parsing attribute name", 28) == 0)
        xml_say(msg, sizeof msg, "invalid attribute name (a name starts with a letter or '_')");
    else if (strstr(text, "nescaped '<' not allowed in attributes values"))
        xml_say(msg, sizeof msg, "'<' inside an attribute value: write &lt;");
    else {
        xml_tidy_message(msg, sizeof msg, text);
        /* libxml2's advice to lift its limits is not passed on: they are deliberate. */
        char *huge = strstr(msg, "use XML_PARSE_HUGE");
        if (huge) {
            while (huge > msg && strchr(" ,:", huge[-1]))
                huge--;
            *huge = '\0';
        }
        if (!msg[0])
            xml_say(msg, sizeof msg, "malformed XML");
    }
    report(x, at, msg);
    /* After a fatal error the rest of the document means nothing: one message is enough. */
    if (e->level == XML_ERR_FATAL || x->stopped)
        stop(x);
}

/* Schema validation errors, placed on the attribute, element or text they are about. */
static void on_schema_error(void *ctx, xmlErrorPtr e)
{
    xml_parser *x = ctx;
    if (!e || e->level == XML_ERR_WARNING || x->stopped)
        return;
    pending *pe = &x->p;
    bool start = x->phase == PHASE_START && pe->active;
    unsigned outer = start ? pe->depth - 1 : x->depth; /* open elements around it */
    const open_element *parent = outer > 0 && outer <= MAX_DEPTH ? &x->open[outer - 1] : NULL;
    xml_problem pr;
    xml_schema_message(&pr, e->message ? e->message : "", parent ? parent->name : NULL,
                       parent ? parent->ns : NULL);
    /* A start tag also closes the text before it: a problem with that text names the
     * enclosing element and is reported at once, where the text began. */
    if (start && pr.element[0] && strcmp(pr.element, pe->el.name) != 0) {
        report(x, x->has_text_at ? x->text_at : parent ? parent->at : pe->el.at, pr.message);
    } else if (start) {
        position at = pe->el.at;
        bool on_attr = false;
        locate_attrs(pe);
        for (size_t i = 0; pr.attr[0] && i < pe->attr_count; i++)
            if (strcmp(pe->attrs[i].name, pr.attr) == 0) {
                pe->attrs[i].invalid = true;
                at = pe->attr_at[i];
                on_attr = true;
            }
        /* A bad attribute value is flagged for the handler; a problem with the element
         * itself (not allowed there, a required attribute missing) rejects it. */
        if (!on_attr && !pr.attr[0])
            pe->invalid = true;
        if (pe->held_count < MAX_HELD) {
            pe->held[pe->held_count].at = at;
            memcpy(pe->held[pe->held_count++].message, pr.message, sizeof pr.message);
        } else {
            report(x, at, pr.message);
        }
    } else if (x->phase == PHASE_TEXT) {
        report(x,
               x->has_text_at ? x->text_at
               : parent       ? parent->at
                              : current_position(x),
               pr.message);
    } else {
        report(x, x->phase == PHASE_END ? x->closed.at : current_position(x), pr.message);
    }
    if (x->stopped)
        stop(x);
}

/* ------------------------------------------------------------ SAX callbacks */

/* The bytes that the values of a start tag's attributes take at most, with a NUL each.
 * libxml2 gives 5 pointers per attribute: local name, prefix, URI, value, value end. */
static size_t values_size(int count, const xmlChar **attributes)
{
    size_t total = 0;
    for (int i = 0; i < count; i++)
        total += (size_t)(attributes[5 * i + 4] - attributes[5 * i + 3]) + 1;
    return total;
}

/* Copies the values of a start tag's attributes to `dst` (values_size bytes) and describes
 * them in `attrs`; returns the bytes used. */
static size_t copy_attributes(char *dst, xml_attr *attrs, int count, const xmlChar **attributes)
{
    size_t off = 0;
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attributes + 5 * i;
        /* Without XML_PARSE_NOENT, libxml2 hands an '&' of an attribute value (written
         * "&amp;" or "&#38;") over as "&#38;", which no raw value can hold: decode it. */
        const char *v = (const char *)a[3], *end = (const char *)a[4];
        size_t n = 0;
        while (v < end) {
            const char *amp = memchr(v, '&', (size_t)(end - v));
            size_t run = (size_t)((amp ? amp + 1 : end) - v);
            memcpy(dst + off + n, v, run);
            n += run;
            v += run;
            if (amp && end - amp >= 5 && memcmp(amp, "&#38;", 5) == 0)
                v += 4;
        }
        dst[off + n] = '\0';
        attrs[i] = (xml_attr){(const char *)a[0], (const char *)a[2], dst + off, n, false};
        off += n + 1;
    }
    return off;
}

/* Copies the attributes of a start tag into the pending element; false when they are too
 * large together, or when memory runs out (then `nomem` is set). */
static bool take_attributes(xml_parser *x, int count, const xmlChar **attributes)
{
    pending *pe = &x->p;
    size_t total = values_size(count, attributes);
    if (total > MAX_TAG_BYTES)
        return false;
    if (total > pe->values_cap) {
        char *more = realloc(pe->values, total);
        if (!more) {
            x->nomem = true;
            return false;
        }
        pe->values = more;
        pe->values_cap = total;
    }
    pe->attr_count = (size_t)count;
    copy_attributes(pe->values, pe->attrs, count, attributes);
    return true;
}

/* Hands the start tag just parsed over through the pipe at once, with no pending copy (no
 * schema validator runs alongside; the delivering thread runs the fast check, if any). */
static void pipe_start_now(xml_parser *x, open_element el, int count, const xmlChar **attributes)
{
    const char *tag = tag_start(x);
    el.at = tag ? position_of(x, tag) : current_position(x);
    if (x->depth <= MAX_DEPTH)
        x->open[x->depth - 1] = el;
    xmlParserInputPtr in = x->ctxt->input;
    size_t tag_len = tag ? (size_t)((const char *)in->cur - tag) : 0;
    /* The tag is found again in the input when needed, if the parser's bytes are the input's
     * (no conversion from another encoding): much less to copy. */
    bool by_offset = x->tags_by_offset && in->buf && !in->buf->encoder;
    size_t values = values_size(count, attributes), n = (size_t)count,
           size = sizeof(event_start) + n * sizeof(xml_attr) + values + (by_offset ? 0 : tag_len);
    event_start *ev = xml_event(x, size);
    if (!ev) {
        stop(x);
        return;
    }
    char *dst = (char *)&ev->attrs[n];
    *ev = (event_start){.type = EVENT_START,
                        .attr_count = (uint32_t)n,
                        .name = el.name,
                        .ns = el.ns,
                        .at = el.at,
                        .tag_len = tag_len,
                        .tag_copied = !by_offset};
    ev->values_len = copy_attributes(dst, ev->attrs, count, attributes);
    if (by_offset && tag)
        ev->tag_offset = (uint64_t)in->consumed + (uint64_t)(tag - (const char *)in->base);
    else if (tag_len)
        memcpy(dst + ev->values_len, tag, tag_len);
    xml_pipe_commit(x->pipe, size);
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
    flush(x);
    /* Flushing the previous tag may have stopped the parser (too many errors), and
     * xmlStopParser frees the input that `attributes` point into. */
    if (x->stopped)
        return;
    pending *pe = &x->p;
    pe->active = true;
    pe->invalid = false;
    pe->held_count = 0;
    pe->attr_count = 0;
    pe->el = (open_element){(const char *)local, (const char *)uri, {0, 0}};
    pe->depth = ++x->depth;
    x->phase = PHASE_START;
    const char *problem = NULL;
    char msg[80];
    if (x->depth > XML_MAX_DEPTH) {
        /* libxml2's pull parser has this limit; its push parser does not. */
        snprintf(msg, sizeof msg, "elements nested more than %d levels deep", XML_MAX_DEPTH);
        problem = msg;
    } else if (nb_attributes > MAX_ATTRS) {
        problem = "too many attributes on one element (at most 64)";
    } else if (x->pipe && values_size(nb_attributes, attributes) <= MAX_TAG_BYTES) {
        pe->active = false;
        pipe_start_now(x, pe->el, nb_attributes, attributes);
        return;
    } else if (!take_attributes(x, nb_attributes, attributes)) {
        problem = x->nomem ? NULL : "attribute values of one element exceed 16 MiB";
        if (x->nomem)
            stop(x);
    }
    locate_tag(x, pe);
    if (x->depth <= MAX_DEPTH)
        x->open[x->depth - 1] = pe->el;
    if (problem) {
        pe->active = false;
        if (!x->stopped)
            report(x, pe->el.at, problem);
        stop(x);
    } else if (x->fast && !x->stopped) {
        xml_element el = {.name = pe->el.name,
                          .ns = pe->el.ns,
                          .attrs = pe->attrs,
                          .attr_count = pe->attr_count,
                          .line = pe->el.at.line,
                          .column = pe->el.at.column};
        if (!x->fast->start(&x->check, &el)) {
            pe->active = false;
            unsure(x);
        }
    }
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix;
    (void)uri;
    xml_parser *x = ctx;
    flush(x);
    if (x->fast && !x->stopped && !x->fast->end(&x->check)) {
        unsure(x);
        return;
    }
    bool wanted = !x->skip;
    if (x->skip == x->depth)
        x->skip = 0;
    if (x->depth > 0) {
        x->depth--;
        x->closed = x->depth < MAX_DEPTH ? x->open[x->depth] : (open_element){0};
    }
    x->phase = PHASE_END;
    x->has_text_at = false;
    if (wanted && !x->stopped &&
        (x->pipe ? !xml_event_end(x, (const char *)local)
                 : x->h->end && deliver(x) && x->h->end(x->h->ctx, (const char *)local) != 0))
        stop(x);
}

static void on_text(void *ctx, const xmlChar *text, int len)
{
    xml_parser *x = ctx;
    flush(x);
    const char *t = (const char *)text;
    if (x->fast && !x->stopped && !x->fast->text(&x->check, t, (size_t)len)) {
        unsure(x);
        return;
    }
    x->phase = PHASE_TEXT;
    if (!x->has_text_at && !x->pipe && in_buffer(x, t)) { /* for the validator's messages */
        int i = 0;
        while (i < len && isspace((unsigned char)t[i]))
            i++;
        if (i < len) {
            /* libxml2 reports text before moving its cursor past it, but after counting
             * its lines: then the line and column describe the end of the text. */
            const char *ref = t == (const char *)x->ctxt->input->cur ? t + len : NULL;
            x->text_at = ref ? position_from(x, t + i, ref) : position_of(x, t + i);
            x->has_text_at = true;
        }
    }
    if (!x->stopped && !x->skip &&
        (x->pipe ? !xml_event_text(x, t, (size_t)len)
                 : x->h->text && deliver(x) && x->h->text(x->h->ctx, t, (size_t)len) != 0))
        stop(x);
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                       const xmlChar *system_id)
{
    (void)name;
    (void)external_id;
    (void)system_id;
    xml_parser *x = ctx;
    report(x, before_cursor(x, "<!DOCTYPE", current_position(x)),
           "a DOCTYPE is not allowed (no DTD, no entity declarations): remove the <!DOCTYPE> "
           "declaration");
    stop(x);
}

static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name)
{
    xml_parser *x = ctx;
    flush(x);
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

/* ------------------------------------------------------------ encoding */

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

/* ------------------------------------------------------------ schemas */

int xml_schema_compile(xml_schema **out, const char *data, size_t len, const char *name,
                       const xml_fast_check *fast, tkg_error *err)
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
    x->fast = fast;
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

const xml_fast_check *xml_schema_fast(const xml_schema *schema)
{
    return schema ? schema->fast : NULL;
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

static int feed(xml_parser *x, const char *data, size_t len, bool last)
{
    xmlParseChunk(x->ctxt, data, (int)len, last);
    if (last && !x->stopped)
        flush(x);
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
        rc = tkg_fail(err, TKG_EIO, in->name, 0, 0, "cannot open: %s", strerror(errno));
        goto done;
    }
    struct stat st = {0};
    uint64_t total = fstat(fd, &st) == 0 ? (uint64_t)st.st_size : 0;
    if (total > in->max_bytes) { /* refuse at once what is known to be too large */
        rc = too_large(in, err);
        goto done;
    }
    int64_t mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    if (x->reread && (total != x->file_size || mtime != x->file_mtime)) {
        rc = tkg_fail(err, TKG_EIO, in->name, 0, 0, "the file changed while it was being read");
        goto done;
    }
    x->file_size = total;
    x->file_mtime = mtime;
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
        if (in->progress) {
            if (x->pipe)
                xml_event_progress(x, done_bytes, total);
            else
                in->progress(in->progress_ctx, in->name, done_bytes, total);
        }
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

void xml_free_context(xml_parser *x)
{
    xmlFreeDoc(x->ctxt->myDoc);
    xmlFreeParserCtxt(x->ctxt);
    x->ctxt = NULL;
}

/* Whether the input can be read a second time (see xml.h): memory, or a regular file. */
bool xml_rereadable(const xml_input *in)
{
    struct stat st;
    return in->data || (in->path && stat(in->path, &st) == 0 && S_ISREG(st.st_mode));
}

/* The parser as before a first reading, except for its buffers, what a second reading needs
 * to know of the first, and `suppress`: the handler calls the first reading made. */
static void reset(xml_parser *x)
{
    xml_parser keep = *x;
    memset(x, 0, sizeof *x);
    x->magic = PARSER_MAGIC;
    x->h = keep.h;
    x->name = keep.name;
    x->p.values = keep.p.values;
    x->p.values_cap = keep.p.values_cap;
    x->p.tag = keep.p.tag;
    x->p.tag_cap = keep.p.tag_cap;
    x->file_size = keep.file_size;
    x->file_mtime = keep.file_mtime;
    x->reread = true;
    x->suppress = keep.delivered;
    x->suppress_reports = keep.reported;
}

/* Reads the document once, under libxml2's validator when `validate` (and a schema is
 * given), else with the schema's fast check, if any. */
int xml_read_once(xml_parser *x, const xml_input *in, const xml_schema *schema, bool validate,
                  tkg_error *err)
{
    int rc = TKG_OK;
    xmlSchemaValidCtxtPtr vctxt = NULL;
    xmlSchemaSAXPlugPtr plug = NULL;
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
    xmlSAXHandlerPtr sax_ptr = &sax;
    void *user = x;
    if (schema && validate) {
        vctxt = xmlSchemaNewValidCtxt(schema->schema);
        if (!vctxt) {
            rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
            goto done;
        }
        xmlSchemaSetValidStructuredErrors(vctxt, on_schema_error, x);
        plug = xmlSchemaSAXPlug(vctxt, &sax_ptr, &user);
        if (!plug) {
            rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "cannot set up schema validation");
            goto done;
        }
    } else if (schema && !x->pipe) { /* through the pipe, the delivering thread checks */
        x->fast = schema->fast;
    }
    /* The plug does not forward structured errors: set ours on the handler it installed. */
    sax_ptr->serror = on_parse_error;
    x->ctxt = xmlCreatePushParserCtxt(sax_ptr, user, NULL, 0, in->name);
    if (!x->ctxt) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    x->ctxt->_private = x;
    xmlCtxtUseOptions(x->ctxt, PARSE_OPTIONS);
    rc = in->path ? feed_file(x, in, err) : feed_memory(x, in, err);
    if (x->nomem)
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    if (x->unsure && rc != TKG_ENOMEM)
        goto done; /* to be read again */
    x->unsure = false;
    if (rc == TKG_OK && (x->status != TKG_OK || x->stopped || !x->ctxt->wellFormed ||
                         (vctxt && xmlSchemaIsValid(vctxt) != 1)))
        rc = TKG_EINPUT;
    if (rc == TKG_EINPUT && x->status == TKG_OK && !x->stopped)
        /* Invalid without a message: libxml2 raised an error it did not pass on. */
        report(x, current_position(x), "malformed XML document");
    if (rc == TKG_EINPUT) /* or the error recorded first: out of memory in the handler */
        rc = tkg_fail(err, TKG_EINPUT, in->name, 0, 0, "invalid document");
done:
    if (x->ctxt && !x->pipe) /* else the other thread may still read its dictionary */
        xml_free_context(x);
    if (plug)
        xmlSchemaSAXUnplug(plug);
    if (vctxt)
        xmlSchemaFreeValidCtxt(vctxt);
    return rc;
}

int xml_parse(const xml_input *in, const xml_schema *schema, const xml_handler *h, tkg_error *err)
{
    init_once();
    xml_parser *x = aligned_alloc(_Alignof(xml_parser), sizeof *x);
    if (!x)
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    memset(x, 0, sizeof *x);
    x->magic = PARSER_MAGIC;
    x->h = h;
    x->name = in->name;
    const char *validator = getenv("TKG_XSD_VALIDATOR");
    bool fast = schema && schema->fast && !(validator && strcmp(validator, "libxml2") == 0) &&
                xml_rereadable(in);
    bool validate = schema && !fast;
    int rc;
    if (validate || !xml_read_piped(x, in, schema, err, &rc))
        rc = xml_read_once(x, in, schema, validate, err);
    if (x->unsure && validator && strcmp(validator, "fast") == 0) {
        /* For tests: what the fast check cannot vouch for is an error. */
        report(x, x->unsure_at, "the schema's fast check cannot vouch for this");
        rc = tkg_fail(err, TKG_EINPUT, in->name, 0, 0, "invalid document");
    } else if (x->unsure) {
        reset(x);
        rc = xml_read_once(x, in, schema, true, err);
    }
    free(x->p.values);
    free(x->p.tag);
    free(x);
    return rc;
}
