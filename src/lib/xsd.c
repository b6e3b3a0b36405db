/* The table-driven schema check (see xsd.h): one pass over the SAX events, no second reading,
 * messages worded here from the declarations. */
#include "xsd.h"

#include "error.h"
#include "xml_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* UTF-8 characters in [v, v + n). */
static size_t characters(const char *v, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ((unsigned char)v[i] & 0xC0) != 0x80;
    return count;
}

int xsd_valid(const xsd_type *t, const char *v, size_t n)
{
    if (t->collapse) { /* inner runs need no collapsing: no type used accepts a blank */
        while (n && is_blank(*v))
            v++, n--;
        while (n && is_blank(v[n - 1]))
            n--;
    }
    if (t->max_length && characters(v, n) > t->max_length)
        return 0;
    if (t->enumeration) {
        const char *const *e = t->enumeration;
        while (*e && (strlen(*e) != n || memcmp(*e, v, n) != 0))
            e++;
        if (!*e)
            return 0;
    }
    return t->matches ? t->matches(v, n) : 1;
}

/* ------------------------------------------------------------ reporting */

static void say(xsd_check *c, uint32_t line, uint32_t column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void say(xsd_check *c, uint32_t line, uint32_t column, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    tkg_error e;
    tkg_error_format(&e, TKG_EINPUT, c->file, (int)line, (int)column, "%s", msg);
    if (c->error(c->ctx, &e) != 0)
        c->stopped = true;
}

static void out_of_memory(xsd_check *c)
{
    tkg_error e;
    tkg_error_format(&e, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    c->error(c->ctx, &e);
    c->stopped = true;
}

/* "<a>, <b>, <c>": the children an element allows. */
static void child_list(char *out, size_t size, const xsd_element *decl)
{
    size_t n = 0;
    out[0] = '\0';
    for (const xsd_element *const *k = decl->children; k && *k && n < size; k++)
        n += (size_t)snprintf(out + n, size - n, "%s<%s>", n ? ", " : "", (*k)->name);
}

/* "one of a, b, c" for an enumeration, else the meaning of the type. */
static void expected(char *out, size_t size, const xsd_type *t)
{
    if (!t->enumeration) {
        snprintf(out, size, "%s", t->meaning);
        return;
    }
    size_t n = (size_t)snprintf(out, size, "one of ");
    for (const char *const *e = t->enumeration; *e && n < size; e++)
        n += (size_t)snprintf(out + n, size - n, "%s%s", e == t->enumeration ? "" : ", ", *e);
}

/* A value of type `t` that xsd_valid refused: of attribute `attr` of <element>, or, when
 * `attr` is NULL, the text of <element>. */
static void say_invalid(xsd_check *c, uint32_t line, uint32_t column, const xsd_type *t,
                        const char *element, const char *attr, const char *v, size_t n)
{
    char value[XML_MAX_QUOTED + 8], what[200];
    size_t length = characters(v, n);
    bool blank = true;
    for (size_t i = 0; i < n && blank; i++)
        blank = is_blank(v[i]);
    if (t->max_length && length > t->max_length && attr)
        say(c, line, column, "attribute '%s' of <%s> is %zu characters long (at most %u)", attr,
            element, length, t->max_length);
    else if (t->max_length && length > t->max_length)
        say(c, line, column, "text of <%s> is %zu characters long (at most %u)", element, length,
            t->max_length);
    else if (blank && !t->meaning[0] && attr) /* tkg:Text: anything but blank */
        say(c, line, column, "attribute '%s' of <%s> is empty", attr, element);
    else if (blank && !t->meaning[0])
        say(c, line, column, "<%s> is empty", element);
    else {
        xml_clip(value, v, n);
        expected(what, sizeof what, t);
        if (attr)
            say(c, line, column, "invalid value '%s' for attribute '%s' of <%s>: expected %s",
                value, attr, element, what);
        else
            say(c, line, column, "invalid text '%s' in <%s>: expected %s", value, element, what);
    }
}

/* ------------------------------------------------------------ events */

xsd_check xsd_check_init(const xsd_schema *schema, const char *file,
                         int (*error)(void *ctx, const tkg_error *e), void *ctx)
{
    return (xsd_check){.schema = schema, .file = file, .error = error, .ctx = ctx};
}

void xsd_check_free(xsd_check *c)
{
    free(c->text);
    c->text = NULL;
}

bool xsd_skipping(const xsd_check *c)
{
    return c->skip != 0;
}

/* The index of attribute `name` among those `decl` declares, or -1. */
static int declared(const xsd_element *decl, const char *name)
{
    for (int k = 0; decl->attrs && decl->attrs[k].name; k++)
        if (decl->attrs[k].name[0] == name[0] && strcmp(decl->attrs[k].name, name) == 0)
            return k;
    return -1;
}

/* The attributes of a declared element: every one declared and valid, the required ones
 * there. Missing ones are reported first, at the element, then the others in document
 * order, at the attribute. */
static enum xsd_verdict check_attributes(xsd_check *c, const xsd_element *decl,
                                         const xml_element *el)
{
    enum xsd_verdict verdict = XSD_VALID;
    uint64_t seen = 0;
    int found[64]; /* xml.c delivers at most 64 attributes */
    for (size_t i = 0; i < el->attr_count && i < 64; i++) {
        found[i] = el->attrs[i].ns ? -1 : declared(decl, el->attrs[i].name);
        if (found[i] >= 0 && found[i] < 64)
            seen |= (uint64_t)1 << found[i];
    }
    for (int k = 0; decl->attrs && decl->attrs[k].name; k++)
        if (decl->attrs[k].required && (k >= 64 || !(seen >> k & 1))) {
            say(c, el->line, el->column, "<%s> needs the attribute '%s'", decl->name,
                decl->attrs[k].name);
            verdict = XSD_REJECTED;
        }
    for (size_t i = 0; i < el->attr_count && i < 64; i++) {
        const xml_attr *a = &el->attrs[i];
        const xsd_attr *d = found[i] >= 0 ? &decl->attrs[found[i]] : NULL;
        int valid = d ? xsd_valid(d->type, a->value, a->len) : 0;
        if (valid < 0) {
            out_of_memory(c);
            return XSD_REJECTED;
        }
        if (valid)
            continue;
        bool xsi = a->ns && strcmp(a->ns, XSI_NS) == 0;
        if (xsi && (strcmp(a->name, "schemaLocation") == 0 ||
                    strcmp(a->name, "noNamespaceSchemaLocation") == 0))
            continue; /* hints for other tools; allowed on any element */
        uint32_t line, column;
        xml_attr_position(el->parser, el, a->name, &line, &column);
        if (d)
            say_invalid(c, line, column, d->type, decl->name, a->name, a->value, a->len);
        else if (xsi && strcmp(a->name, "nil") == 0)
            say(c, line, column, "attribute 'xsi:nil' is not allowed: <%s> cannot be nil",
                decl->name);
        else if (xsi && strcmp(a->name, "type") == 0)
            say(c, line, column, "attribute 'xsi:type' is not allowed on <%s>: its type is fixed",
                decl->name);
        else if (a->ns)
            say(c, line, column, "unknown attribute '%s' of namespace '%s' on <%s>", a->name, a->ns,
                decl->name);
        else
            say(c, line, column, "unknown attribute '%s' on <%s>", a->name, decl->name);
        if (verdict == XSD_VALID)
            verdict = XSD_INVALID;
    }
    return verdict;
}

/* The declaration of `el` where it is, or NULL (reported). */
static const xsd_element *find_declaration(xsd_check *c, const xml_element *el)
{
    const char *ns = c->schema->ns;
    bool ours = el->ns && strcmp(el->ns, ns) == 0;
    if (c->depth == 0) {
        if (ours && strcmp(el->name, c->schema->root->name) == 0)
            return c->schema->root;
        if (el->ns)
            say(c, el->line, el->column, "unknown root element <%s> of namespace '%s'", el->name,
                el->ns);
        else
            say(c, el->line, el->column, "unknown root element <%s> (it has no namespace)",
                el->name);
        return NULL;
    }
    const xsd_element *parent = c->open[c->depth - 1].decl;
    c->open[c->depth - 1].problem = true; /* unless found below */
    /* An element inside one that holds text only or nothing: at the parent, as xmllint
     * says it, since the parent's content is what is wrong. */
    if (parent->text || !parent->children) {
        uint32_t line = c->open[c->depth - 1].line, column = c->open[c->depth - 1].column;
        if (parent->text)
            say(c, line, column, "<%s> holds text only, not elements", parent->name);
        else
            say(c, line, column, "<%s> must be empty: element <%s> is not allowed inside it",
                parent->name, el->name);
        return NULL;
    }
    for (const xsd_element *const *k = parent->children; ours && k && *k; k++)
        if (strcmp((*k)->name, el->name) == 0) {
            c->open[c->depth - 1].problem = false;
            return *k;
        }
    char list[200];
    child_list(list, sizeof list, parent);
    char where[300];
    if (el->ns && !ours)
        snprintf(where, sizeof where, " of namespace '%s'", el->ns);
    else
        snprintf(where, sizeof where, "%s", el->ns ? "" : " without a namespace");
    say(c, el->line, el->column, "element <%s>%s is not allowed inside <%s>%s%s%s", el->name, where,
        parent->name, list[0] ? " (expected " : "", list, list[0] ? ")" : "");
    return NULL;
}

enum xsd_verdict xsd_start(xsd_check *c, const xml_element *el)
{
    c->parser = el->parser;
    if (c->skip) {
        c->depth++;
        return XSD_REJECTED;
    }
    const xsd_element *decl = find_declaration(c, el);
    enum xsd_verdict verdict = decl ? check_attributes(c, decl, el) : XSD_REJECTED;
    if (c->depth > 0 && decl)
        c->open[c->depth - 1].children++;
    c->depth++;
    if (verdict == XSD_REJECTED || c->depth > XSD_DEPTH) {
        c->skip = c->depth;
        return XSD_REJECTED;
    }
    c->open[c->depth - 1].decl = decl;
    c->open[c->depth - 1].line = el->line;
    c->open[c->depth - 1].column = el->column;
    c->open[c->depth - 1].children = 0;
    c->open[c->depth - 1].problem = false;
    c->text_len = 0;
    return verdict;
}

bool xsd_text(xsd_check *c, const char *text, size_t len)
{
    if (c->skip || c->depth == 0)
        return true;
    const xsd_element *decl = c->open[c->depth - 1].decl;
    const xsd_type *t = decl->text;
    if (t && (t->matches || t->max_length || t->enumeration || t->collapse)) {
        if (c->text_len + len > c->text_cap) {
            size_t cap = c->text_cap ? c->text_cap : 256;
            while (cap < c->text_len + len)
                cap *= 2;
            char *more = realloc(c->text, cap);
            if (!more) {
                out_of_memory(c);
                return false;
            }
            c->text = more;
            c->text_cap = cap;
        }
        memcpy(c->text + c->text_len, text, len);
        c->text_len += len;
        return true;
    }
    if (t || c->open[c->depth - 1].problem)
        return true; /* xs:string, or already reported */
    size_t i = 0;
    bool empty = !decl->children;
    while (i < len && is_blank(text[i]))
        i++;
    if (i == len && !empty)
        return true; /* blanks between children */
    /* where the text begins to be wrong; blanks in an empty element: at the element */
    uint32_t line = c->open[c->depth - 1].line, column = c->open[c->depth - 1].column;
    if (i < len)
        xml_text_position(c->parser, text, len, i < len ? i : 0, &line, &column);
    c->open[c->depth - 1].problem = true;
    if (empty)
        say(c, line, column, "text is not allowed inside <%s>: it must be empty", decl->name);
    else
        say(c, line, column, "text is not allowed directly inside <%s>", decl->name);
    return false;
}

enum xsd_id xsd_open_id(const xsd_check *c)
{
    return c->depth == 0 || c->skip ? XSD_NONE : c->open[c->depth - 1].decl->id;
}

bool xsd_end(xsd_check *c)
{
    if (c->depth == 0)
        return true;
    c->depth--;
    if (c->skip) {
        if (c->skip == c->depth + 1)
            c->skip = 0;
        return true;
    }
    const xsd_element *decl = c->open[c->depth].decl;
    uint32_t line = c->open[c->depth].line, column = c->open[c->depth].column;
    bool ok = true;
    int valid = decl->text ? xsd_valid(decl->text, c->text ? c->text : "", c->text_len) : 1;
    if (valid < 0) {
        out_of_memory(c);
        ok = false;
    } else if (!valid) {
        say_invalid(c, line, column, decl->text, decl->name, NULL, c->text ? c->text : "",
                    c->text_len);
        ok = false;
    } else if (c->open[c->depth].children < decl->min_children && !c->open[c->depth].problem) {
        char list[200];
        child_list(list, sizeof list, decl);
        say(c, line, column, "<%s> is missing a child element (expected %s)", decl->name, list);
        ok = false;
    }
    c->text_len = 0;
    return ok;
}
