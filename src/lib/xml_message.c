/* Turning libxml2's schema validation messages into tkg's: they say what is wrong in the
 * document's own terms (element and attribute names, the offending value), one line, lower
 * case. Pure string work; xml.c feeds it and places the result. */
#include "xml_message.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void xml_clip(char *out, const char *s, size_t n)
{
    size_t o = 0, i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        if (len > n - i)
            len = n - i;
        if (o + len > XML_MAX_QUOTED)
            break;
        if (c < 0x20 || c == 0x7F) {
            out[o++] = '?';
        } else {
            memcpy(out + o, s + i, len);
            o += len;
        }
        i += len;
    }
    if (i < n) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}

void xml_tidy_message(char *out, size_t size, const char *msg)
{
    size_t o = 0;
    const char *p = msg ? msg : "malformed XML";
    /* "startTag: invalid element name": the libxml2 function name says nothing to a user. */
    const char *colon = strstr(p, ": ");
    if (colon && colon - p < 40 && !memchr(p, ' ', (size_t)(colon - p)) && colon > p)
        p = colon + 2;
    for (; *p && o + 1 < size; p++) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            size_t n = close ? (size_t)(close - p) : 0;
            if (close && (memchr(p, ':', n) || memchr(p, '/', n))) {
                p = close;
                continue;
            }
        }
        out[o++] = (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p;
    }
    while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '.' || out[o - 1] == '!'))
        o--;
    out[o] = '\0';
    if (o > 1 && isupper((unsigned char)out[0]) && !isupper((unsigned char)out[1]))
        out[0] = (char)tolower((unsigned char)out[0]);
}

/* Formats into `out` at offset `*n` (truncating at `size`) and advances `*n`. */
static void add(char *out, size_t size, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void add(char *out, size_t size, size_t *n, const char *fmt, ...)
{
    if (*n >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(out + *n, size - *n, fmt, ap);
    va_end(ap);
    if (k > 0)
        *n = *n + (size_t)k < size ? *n + (size_t)k : size - 1;
}

void xml_say(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, size, fmt, ap);
    va_end(ap);
}

/* The last occurrence of `needle` in `s`, or NULL. */
static const char *find_last(const char *s, const char *needle)
{
    const char *last = NULL;
    for (const char *q = strstr(s, needle); q; q = strstr(q + 1, needle))
        last = q;
    return last;
}

/* Copies a name out of "'{ns}name'" (at `s`, which points after the opening quote) into
 * `name` without the namespace and into `ns`; returns the position after the closing
 * quote, or NULL. */
static const char *take_name(const char *s, char *name, size_t name_size, char *ns, size_t ns_size)
{
    ns[0] = '\0';
    if (*s == '{') {
        const char *close = strchr(s, '}');
        if (!close)
            return NULL;
        snprintf(ns, ns_size, "%.*s", (int)(close - s - 1), s + 1);
        s = close + 1;
    }
    const char *q = strchr(s, '\'');
    if (!q)
        return NULL;
    snprintf(name, name_size, "%.*s", (int)(q - s), s);
    return q + 1;
}

/* The text between `open` (which must start `s`) and the last `close`, clipped. */
static bool between(char *out, const char *s, const char *open, const char *close)
{
    size_t n = strlen(open);
    if (strncmp(s, open, n) != 0)
        return false;
    const char *end = find_last(s + n, close);
    if (!end)
        return false;
    xml_clip(out, s + n, (size_t)(end - (s + n)));
    return true;
}

/* "( {urn:tkg:1}source, {urn:tkg:1}entity )" → "<source>, <entity>". */
static void expected_list(char *out, size_t size, const char *list)
{
    size_t o = 0;
    out[0] = '\0';
    const char *p = strstr(list, "Expected"); /* not the '(' of "element(s)" */
    p = p ? strchr(p, '(') : NULL;
    const char *end = p ? strchr(p, ')') : NULL;
    if (!p || !end)
        return;
    for (p++; p < end && o + 4 < size;) {
        while (p < end && (*p == ' ' || *p == ','))
            p++;
        if (p < end && *p == '{')
            while (p < end && *p != '}')
                p++;
        if (p < end && *p == '}')
            p++;
        const char *w = p;
        while (p < end && *p != ',' && *p != ' ')
            p++;
        if (p > w)
            o += (size_t)snprintf(out + o, size - o, "%s<%.*s>", o ? ", " : "", (int)(p - w), w);
    }
}

static const char blank_text[] = "text that is not blank";

/* What the patterns of the bundled schemas (tkg.xsd, ontology.xsd) mean, in words; NULL
 * for a pattern not listed. */
static const char *pattern_meaning(const char *pattern, size_t n)
{
    static const struct {
        const char *pattern, *meaning;
    } known[] = {
        {"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", "a date YYYY, YYYY-MM or YYYY-MM-DD"},
        {"[A-Za-z0-9_][A-Za-z0-9_.:\\-]*",
         "an id: letters, digits and _ . : - without spaces, not starting with . : -"},
        {"[a-z][a-z0-9_]*",
         "a kind name: lower-case letters, digits and _, starting with a letter"},
        {"Q[1-9][0-9]*", "a Wikidata item id such as Q912"},
        {"#[0-9a-f]{6}", "a colour #rrggbb in lower-case hexadecimal"},
        {"\\s*\\S[\\s\\S]*", blank_text},
    };
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strlen(known[i].pattern) == n && memcmp(known[i].pattern, pattern, n) == 0)
            return known[i].meaning;
    return NULL;
}

/* What the built-in XSD types the bundled schemas use mean, in words. */
static const char *type_meaning(const char *type)
{
    if (strcmp(type, "xs:language") == 0)
        return "a language tag such as fr, en or pt-BR";
    if (strcmp(type, "xs:anyURI") == 0)
        return "a URI";
    if (strcmp(type, "xs:boolean") == 0)
        return "true, false, 1 or 0";
    return type;
}

/* "invalid value 'V' for attribute 'A' of <E>: expected WHAT" (or for the text of <E>). */
static void say_invalid(char *out, size_t size, const char *value, const char *attr,
                        const char *element, const char *prefix, const char *what)
{
    if (attr[0])
        xml_say(out, size, "invalid value '%s' for attribute '%s' of <%s>: expected %s%s%s", value,
                attr, element, prefix, prefix[0] ? " " : "", what);
    else
        xml_say(out, size, "invalid text '%s' in <%s>: expected %s%s%s", value, element, prefix,
                prefix[0] ? " " : "", what);
}

/* What a schema validation message says, split into its parts. */
typedef struct schema_msg {
    char element[64], ns[128], attr[64];
    const char *rest; /* the message after "Element '...'(, attribute '...'): " */
} schema_msg;

static bool split_schema_message(schema_msg *m, const char *msg)
{
    memset(m, 0, sizeof *m);
    if (strncmp(msg, "Element '", 9) != 0)
        return false;
    const char *p = take_name(msg + 9, m->element, sizeof m->element, m->ns, sizeof m->ns);
    if (!p)
        return false;
    if (strncmp(p, ", attribute '", 13) == 0) {
        char attr_ns[128];
        p = take_name(p + 13, m->attr, sizeof m->attr, attr_ns, sizeof attr_ns);
        if (!p)
            return false;
    }
    if (strncmp(p, ": ", 2) != 0)
        return false;
    m->rest = p + 2;
    return true;
}

void xml_schema_message(xml_problem *pr, const char *msg, const char *parent, const char *parent_ns)
{
    schema_msg m;
    char v[XML_MAX_QUOTED + 8], w[XML_MAX_QUOTED + 8], list[160];
    char *out = pr->message;
    size_t size = sizeof pr->message;
    memset(pr, 0, sizeof *pr);
    if (!split_schema_message(&m, msg)) {
        xml_tidy_message(out, size, msg);
        return;
    }
    memcpy(pr->element, m.element, sizeof pr->element);
    memcpy(pr->attr, m.attr, sizeof pr->attr);
    const char *r = m.rest, *e = m.element, *a = m.attr;
    const char *q;
    if (strstr(r, "is not allowed.") && strncmp(r, "The attribute '", 15) == 0)
        xml_say(out, size, "unknown attribute '%s' on <%s>", a, e);
    else if (strncmp(r, "The attribute '", 15) == 0 && strstr(r, "' is required but missing")) {
        char missing[64], ns[8];
        if (!take_name(r + 15, missing, sizeof missing, ns, sizeof ns))
            missing[0] = '\0';
        xml_say(out, size, "<%s> needs the attribute '%s'", e, missing);
    } else if (strncmp(r, "This element is not expected", 28) == 0) {
        size_t n = 0;
        add(out, size, &n, "element <%s>", e);
        if (m.ns[0] && strcmp(m.ns, parent_ns ? parent_ns : "") != 0)
            add(out, size, &n, " of namespace '%s'", m.ns);
        else if (!m.ns[0] && parent_ns && parent_ns[0])
            add(out, size, &n, " without a namespace");
        add(out, size, &n, " is not allowed %s%s%s", parent ? "inside <" : "here",
            parent ? parent : "", parent ? ">" : "");
        if ((q = strstr(r, "Expected is")) != NULL) {
            expected_list(list, sizeof list, q);
            if (list[0])
                add(out, size, &n, " (expected %s)", list);
        }
    } else if (strstr(r, "No matching global declaration available for the validation root")) {
        if (m.ns[0])
            xml_say(out, size, "unknown root element <%s> of namespace '%s'", e, m.ns);
        else
            xml_say(out, size, "unknown root element <%s> (it has no namespace)", e);
    } else if (between(v, r, "[facet 'pattern'] The value '",
                       "' is not accepted by the pattern '")) {
        q = find_last(r, "' is not accepted by the pattern '") + 34;
        const char *close = strrchr(q, '\'');
        size_t n = close ? (size_t)(close - q) : strlen(q);
        const char *what = pattern_meaning(q, n);
        char pattern[XML_MAX_QUOTED + 40];
        if (!what) {
            xml_clip(w, q, n);
            snprintf(pattern, sizeof pattern, "the pattern %s", w);
            what = pattern;
        }
        if (what == blank_text && a[0])
            xml_say(out, size, "attribute '%s' of <%s> is empty", a, e);
        else if (what == blank_text)
            xml_say(out, size, "<%s> is empty", e);
        else
            say_invalid(out, size, v, a, e, "", what);
    } else if (between(v, r, "[facet 'maxLength'] The value '", "' has a length of '")) {
        unsigned long len = 0, max = 0;
        q = find_last(r, "' has a length of '");
        sscanf(q, "' has a length of '%lu'; this exceeds the allowed maximum length of '%lu'", &len,
               &max);
        if (a[0])
            xml_say(out, size, "attribute '%s' of <%s> is %lu characters long (at most %lu)", a, e,
                    len, max);
        else
            xml_say(out, size, "text of <%s> is %lu characters long (at most %lu)", e, len, max);
    } else if (between(v, r, "[facet 'enumeration'] The value '",
                       "' is not an element of the set {")) {
        /* "{'string', 'int'}." → "string, int" */
        q = find_last(r, "' is not an element of the set {") + 32;
        size_t n = 0;
        for (; *q && *q != '}' && n + 1 < sizeof list; q++)
            if (*q != '\'')
                list[n++] = *q;
        list[n] = '\0';
        say_invalid(out, size, v, a, e, "one of", list);
    } else if (between(v, r, "'", "' is not a valid value of the ")) {
        q = find_last(r, "' is not a valid value of the ") + 30;
        const char *type = strchr(q, '\'');
        char tname[64] = "", tns[128];
        if (!type || !take_name(type + 1, tname, sizeof tname, tns, sizeof tns))
            snprintf(tname, sizeof tname, "value");
        say_invalid(out, size, v, a, e, "", type_meaning(tname));
    } else if (strstr(r, "Character content other than whitespace is not allowed"))
        xml_say(out, size, "text is not allowed directly inside <%s>", e);
    else if (strncmp(r, "Element content is not allowed", 30) == 0)
        xml_say(out, size, "<%s> holds text only, not elements", e);
    else if (strncmp(r, "Missing child element(s)", 24) == 0) {
        expected_list(list, sizeof list, r);
        xml_say(out, size, "<%s> is missing a child element%s%s%s", e, list[0] ? " (expected " : "",
                list, list[0] ? ")" : "");
    } else {
        char rest[200];
        xml_tidy_message(rest, sizeof rest, r);
        if (a[0])
            xml_say(out, size, "attribute '%s' of <%s>: %s", a, e, rest);
        else
            xml_say(out, size, "<%s>: %s", e, rest);
    }
}
