/* schema/tkg.xsd compiled by hand into a fast check (see xml.h, xml_fast_check).
 *
 * It vouches for a start tag, a piece of text or an end tag only when the schema certainly
 * accepts it where it is; for anything else, valid or not, it answers false and the reader
 * reads the document again under libxml2's validator, which decides and words the message.
 * So it may be stricter than the schema (a URL of an unusual shape, blank text in <source>,
 * an xsi: attribute), never more lenient. tests/readers/fast_check.py holds it to that: the
 * output of tkg with and without it is the same on every test input and on thousands of
 * mutated documents. A change to schema/tkg.xsd must be made here too.
 *
 * XSD 1.0's regular expressions are anchored, and its \s is space, tab, line feed and
 * carriage return. The types derived from xs:string keep white space as it is; xs:language
 * and xs:anyURI collapse it, which is not done here: a value with blanks is left to libxml2. */
#include "tkg_xsd.h"

#include "fields.h"

#include <string.h>

/* The elements, as the check numbers them in xml_check_state.type. */
enum element { NONE, TKG, SOURCE, ENTITY, RELATION, NAME, ALIAS, ATTR, CITE };

/* The attribute types of the schema. */
enum type { STRING, IDENT, DATE, TEXT, WIKIDATA, ATTR_TYPE, LANGUAGE, ANY_URI };

/* Every name the schema knows, of elements and attributes; 0 for any other. */
enum name {
    N_OTHER,
    N_TKG,
    N_SOURCE,
    N_ENTITY,
    N_RELATION,
    N_NAME,
    N_ALIAS,
    N_ATTR,
    N_CITE,
    N_ID,
    N_KIND,
    N_LABEL,
    N_START,
    N_END,
    N_DATE,
    N_WIKIDATA,
    N_TITLE,
    N_PUBLISHER,
    N_URL,
    N_PUBLISHED,
    N_LANG,
    N_KEY,
    N_TYPE,
    N_FROM,
    N_TO,
    NAMES
};

static const char *const names[NAMES] = {
    [N_TKG] = "tkg",
    [N_SOURCE] = "source",
    [N_ENTITY] = "entity",
    [N_RELATION] = "relation",
    [N_NAME] = "name",
    [N_ALIAS] = "alias",
    [N_ATTR] = "attr",
    [N_CITE] = "cite",
    [N_ID] = "id",
    [N_KIND] = "kind",
    [N_LABEL] = "label",
    [N_START] = "start",
    [N_END] = "end",
    [N_DATE] = "date",
    [N_WIKIDATA] = "wikidata",
    [N_TITLE] = "title",
    [N_PUBLISHER] = "publisher",
    [N_URL] = "url",
    [N_PUBLISHED] = "published",
    [N_LANG] = "lang",
    [N_KEY] = "key",
    [N_TYPE] = "type",
    [N_FROM] = "from",
    [N_TO] = "to",
};

typedef struct attr_decl {
    enum name name; /* N_OTHER: past the last one */
    enum type type;
    bool required;
} attr_decl;

#define MAX_DECLS 8

/* The attributes each element declares (none for <tkg>). */
static const attr_decl decls[][MAX_DECLS] = {
    [SOURCE] = {{N_ID, IDENT, true},
                {N_TITLE, STRING, false},
                {N_PUBLISHER, STRING, false},
                {N_URL, ANY_URI, false},
                {N_PUBLISHED, DATE, false},
                {N_LANG, LANGUAGE, false}},
    [ENTITY] = {{N_ID, IDENT, true},
                {N_KIND, IDENT, true},
                {N_LABEL, TEXT, true},
                {N_START, DATE, false},
                {N_END, DATE, false},
                {N_DATE, DATE, false},
                {N_WIKIDATA, WIKIDATA, false}},
    [RELATION] = {{N_ID, IDENT, false},
                  {N_KIND, IDENT, true},
                  {N_FROM, IDENT, true},
                  {N_TO, IDENT, true},
                  {N_START, DATE, false},
                  {N_END, DATE, false},
                  {N_DATE, DATE, false}},
    [NAME] = {{N_LANG, LANGUAGE, true}},
    [ALIAS] = {{N_LANG, LANGUAGE, false}},
    [ATTR] = {{N_KEY, IDENT, true}, {N_TYPE, ATTR_TYPE, false}},
    [CITE] = {{N_SOURCE, IDENT, true}},
};

/* The name `s` as the schema knows it: the few names of its first letter are compared. */
static enum name name_of(const char *s)
{
    static const enum name by_letter[26][5] = {
        ['a' - 'a'] = {N_ALIAS, N_ATTR},
        ['c' - 'a'] = {N_CITE},
        ['d' - 'a'] = {N_DATE},
        ['e' - 'a'] = {N_ENTITY, N_END},
        ['f' - 'a'] = {N_FROM},
        ['i' - 'a'] = {N_ID},
        ['k' - 'a'] = {N_KIND, N_KEY},
        ['l' - 'a'] = {N_LABEL, N_LANG},
        ['n' - 'a'] = {N_NAME},
        ['p' - 'a'] = {N_PUBLISHER, N_PUBLISHED},
        ['r' - 'a'] = {N_RELATION},
        ['s' - 'a'] = {N_SOURCE, N_START},
        ['t' - 'a'] = {N_TKG, N_TITLE, N_TYPE, N_TO},
        ['u' - 'a'] = {N_URL},
        ['w' - 'a'] = {N_WIKIDATA},
    };
    if (s[0] < 'a' || s[0] > 'z')
        return N_OTHER;
    const enum name *candidates = by_letter[s[0] - 'a'];
    for (unsigned i = 0; i < 5 && candidates[i] != N_OTHER; i++)
        if (strcmp(names[candidates[i]] + 1, s + 1) == 0)
            return candidates[i];
    return N_OTHER;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Ident: [A-Za-z0-9_][A-Za-z0-9_.:\-]*, at most 200 characters (all ASCII). */
static bool ident(const char *v, size_t n)
{
    if (n == 0 || n > 200 || !(is_alpha(v[0]) || is_digit(v[0]) || v[0] == '_'))
        return false;
    for (size_t i = 1; i < n; i++) {
        char c = v[i];
        if (!(is_alpha(c) || is_digit(c) || c == '_' || c == '.' || c == ':' || c == '-'))
            return false;
    }
    return true;
}

/* Date: [0-9]{4}(-[0-9]{2}(-[0-9]{2})?)? */
static bool date(const char *v, size_t n)
{
    if (n != 4 && n != 7 && n != 10)
        return false;
    for (size_t i = 0; i < n; i++)
        if (i == 4 || i == 7 ? v[i] != '-' : !is_digit(v[i]))
            return false;
    return true;
}

/* Text: \s*\S[\s\S]*, that is, some character other than a blank. */
static bool text(const char *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_blank(v[i]))
            return true;
    return false;
}

static bool attr_type(const char *v, size_t n)
{
    static const char *const types[] = {"string", "int", "double", "bool", "date"};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (strlen(types[i]) == n && memcmp(types[i], v, n) == 0)
            return true;
    return false;
}

/* xs:language: [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})* */
static bool language(const char *v, size_t n)
{
    size_t run = 0;
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (v[i] == '-') {
            if (run == 0)
                return false;
            first = false;
            run = 0;
        } else if (is_alpha(v[i]) || (!first && is_digit(v[i]))) {
            if (++run > 8)
                return false;
        } else {
            return false;
        }
    }
    return run > 0;
}

/* The characters vouched for in a URL's path, query and fragment: RFC 3986's unreserved and
 * sub-delims, ':', '@', '/', '?', and '%' before two hex digits. */
static bool url_char(const char *v, size_t n, size_t *i)
{
    char c = v[*i];
    if (c == '%') {
        bool hex = *i + 2 < n;
        for (size_t k = 1; hex && k <= 2; k++) {
            char h = v[*i + k];
            hex = is_digit(h) || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F');
        }
        *i += 2;
        return hex;
    }
    return is_alpha(c) || is_digit(c) || strchr("-._~!$'()*+,;=:@/?", c) != NULL;
}

/* xs:anyURI, vouched for only in the shape of nearly every URL: scheme://host[:port] then
 * a path, query and fragment of plain characters. ('&' is left to libxml2: it receives an
 * ampersand of an attribute value as "&#38;".) */
static bool any_uri(const char *v, size_t n)
{
    size_t i = 0;
    if (n == 0 || !is_alpha(v[0]))
        return false;
    while (i < n && (is_alpha(v[i]) || is_digit(v[i]) || v[i] == '+' || v[i] == '-' || v[i] == '.'))
        i++;
    if (n - i < 4 || memcmp(v + i, "://", 3) != 0)
        return false;
    i += 3;
    size_t host = i;
    while (i < n && (is_alpha(v[i]) || is_digit(v[i]) || v[i] == '-' || v[i] == '.'))
        i++;
    if (i == host)
        return false;
    if (i < n && v[i] == ':') {
        size_t port = ++i;
        while (i < n && is_digit(v[i]))
            i++;
        if (i == port || i - port > 5)
            return false;
    }
    if (i < n && v[i] != '/' && v[i] != '?' && v[i] != '#')
        return false;
    bool fragment = false;
    for (; i < n; i++) {
        if (v[i] == '#' && !fragment)
            fragment = true;
        else if (!url_char(v, n, &i))
            return false;
    }
    return true;
}

static bool value_ok(enum type t, const char *v, size_t n)
{
    switch (t) {
    case STRING:
        return true;
    case IDENT:
        return ident(v, n);
    case DATE:
        return date(v, n);
    case TEXT:
        return text(v, n);
    case WIKIDATA:
        return fields_is_qid(v, n); /* WikidataId: Q[1-9][0-9]*, at most 20 characters */
    case ATTR_TYPE:
        return attr_type(v, n);
    case LANGUAGE:
        return language(v, n);
    case ANY_URI:
        return any_uri(v, n);
    }
    return false;
}

/* The attributes of an element of kind `e`: each declared, unqualified and of its type, the
 * required ones all there. */
static bool attributes_ok(enum element e, const xml_element *el)
{
    const attr_decl *d = decls[e];
    unsigned seen = 0, required = 0;
    for (unsigned k = 0; k < MAX_DECLS && d[k].name; k++)
        required |= d[k].required ? 1u << k : 0;
    for (size_t i = 0; i < el->attr_count; i++) {
        const xml_attr *a = &el->attrs[i];
        enum name n = name_of(a->name);
        unsigned k = 0;
        while (k < MAX_DECLS && d[k].name && d[k].name != n)
            k++;
        if (a->ns || k == MAX_DECLS || !d[k].name || !value_ok(d[k].type, a->value, a->len))
            return false;
        seen |= 1u << k;
    }
    return (seen & required) == required;
}

/* The element named `n` as a child of `parent`, or NONE where the schema does not allow it. */
static enum element child(enum element parent, enum name n)
{
    static const struct {
        enum element parent, child;
        enum name name;
    } allowed[] = {
        {NONE, TKG, N_TKG},          {TKG, SOURCE, N_SOURCE}, {TKG, ENTITY, N_ENTITY},
        {TKG, RELATION, N_RELATION}, {ENTITY, NAME, N_NAME},  {ENTITY, ALIAS, N_ALIAS},
        {ENTITY, ATTR, N_ATTR},      {ENTITY, CITE, N_CITE},  {RELATION, ATTR, N_ATTR},
        {RELATION, CITE, N_CITE},
    };
    for (size_t i = 0; n != N_OTHER && i < sizeof allowed / sizeof *allowed; i++)
        if (allowed[i].parent == parent && allowed[i].name == n)
            return allowed[i].child;
    return NONE;
}

static bool check_start(xml_check_state *st, const xml_element *el)
{
    enum element parent = st->depth ? (enum element)st->type[st->depth - 1] : NONE;
    if (st->depth >= XML_CHECK_DEPTH || !el->ns || strcmp(el->ns, TKG_XSD_NS) != 0)
        return false;
    enum element e = child(parent, name_of(el->name));
    if (e == NONE || (e == TKG ? el->attr_count != 0 : !attributes_ok(e, el)))
        return false;
    st->type[st->depth] = (uint8_t)e;
    st->text[st->depth] = false;
    st->depth++;
    return true;
}

static bool check_text(xml_check_state *st, const char *t, size_t len)
{
    if (st->depth == 0)
        return false;
    unsigned top = st->depth - 1;
    switch ((enum element)st->type[top]) {
    case TKG:
    case ENTITY:
    case RELATION: /* element-only content: blanks between the children */
        return !text(t, len);
    case NAME:
    case ALIAS: /* tkg:Text, judged at the end tag */
        st->text[top] = st->text[top] || text(t, len);
        return true;
    case ATTR:
    case CITE: /* xs:string */
        return true;
    case NONE:
    case SOURCE: /* empty content: not even blanks are vouched for */
        break;
    }
    return false;
}

static bool check_end(xml_check_state *st)
{
    if (st->depth == 0)
        return false;
    unsigned top = --st->depth;
    enum element e = (enum element)st->type[top];
    return (e != NAME && e != ALIAS) || st->text[top];
}

const xml_fast_check tkg_xsd_check = {check_start, check_text, check_end};
