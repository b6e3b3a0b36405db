/* The TKG-XML reader: streams a document through the hardened XML layer, checks each event
 * against schema/tkg.xsd's declaration table (xsd.h) before using it, and fills the store
 * (docs/format.md). */
#include "day_memo.h"
#include "fields.h"
#include "store.h"

#include "vec.h"
#include "xml.h"
#include "xsd.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum parent { IN_NOTHING, IN_ENTITY, IN_RELATION };

typedef struct reader {
    tkg_store *s;
    tkg_error *err;
    xsd_check check; /* against schema/tkg.xsd */
    sym file;
    enum parent parent;
    uint32_t owner;      /* entity row, or relation row | OWNER_RELATION */
    bool owner_ok;       /* false when the parent element was rejected */
    uint32_t first_name; /* the entity's first name row within this element */
    /* The text element being read (name, alias, attr, cite). */
    const char *element;      /* "name", "alias", "attr", "cite" or NULL */
    enum xsd_id element_kind; /* which */
    origin at;
    sym lang, key, source_sym;
    tkg_attr_type type;
    char *text;
    uint32_t text_len, text_cap;
    bool text_too_long;
    day_memo days; /* the dates read so far */
} reader;

/* ------------------------------------------------------------ attributes */

static const xml_attr *find_attr(const xml_element *el, const char *name)
{
    for (size_t i = 0; i < el->attr_count; i++)
        if (el->attrs[i].name[0] == name[0] && strcmp(el->attrs[i].name, name) == 0)
            return &el->attrs[i];
    return NULL;
}

static origin attr_origin(const reader *r, const xml_element *el, const char *name)
{
    origin at = {r->file, el->line, el->column};
    xml_attr_position(el->parser, el, name, &at.line, &at.column);
    return at;
}

static origin element_origin(const reader *r, const xml_element *el)
{
    return (origin){r->file, el->line, el->column};
}

/* The symbol of an attribute's value, or SYM_NONE when it is absent. */
static sym attr_sym(reader *r, const xml_element *el, const char *name)
{
    const xml_attr *a = find_attr(el, name);
    return a ? store_intern(r->s, a->value, a->len, r->err) : SYM_NONE;
}

/* Parses a date attribute into `out` and its bound; absent → precision NONE. Errors point
 * into the value: after `name="`. */
static int date_attr(reader *r, const xml_element *el, const char *name, const xml_attr *a,
                     tkg_date *out, bound *b)
{
    if (!a) {
        memset(out, 0, sizeof *out);
        *b = (bound){SYM_NONE, TKG_PREC_NONE};
        return TKG_OK;
    }
    long key = day_memo_key(a->value, a->len);
    if (key >= 0 && day_memo_get(&r->days, key, out, b))
        return TKG_OK;
    tkg_error e;
    e.code = TKG_OK; /* all that tkg_fail reads: no need to clear 500 bytes per date */
    if (tkg_date_parse(out, a->value, a->len, &e) != TKG_OK) {
        origin at = attr_origin(r, el, name);
        at.column += (uint32_t)strlen(name) + 2 + (e.column > 0 ? (uint32_t)e.column - 1 : 0);
        return store_report(r->s, r->err, at, "%s", e.message);
    }
    b->raw = store_intern(r->s, a->value, a->len, r->err);
    b->prec = (uint8_t)out->precision;
    if (b->raw && key >= 0)
        day_memo_put(&r->days, key, out, b->raw);
    return b->raw ? TKG_OK : TKG_ENOMEM;
}

/* The attributes 'start', 'end' and 'date' of an element (each NULL when absent). */
typedef struct dates {
    const xml_attr *start, *end, *date;
} dates;

/* Reads start/end or date into bounds and an interval. */
static int interval_attrs(reader *r, const xml_element *el, const dates *d, bound *start,
                          bound *end, tkg_interval *iv)
{
    tkg_date ds, de, dd;
    bound bd;
    int rc = date_attr(r, el, "start", d->start, &ds, start);
    if (rc == TKG_OK)
        rc = date_attr(r, el, "end", d->end, &de, end);
    if (rc == TKG_OK)
        rc = date_attr(r, el, "date", d->date, &dd, &bd);
    if (rc != TKG_OK)
        return rc;
    if (bd.raw) {
        if (start->raw || end->raw)
            return store_report(r->s, r->err, attr_origin(r, el, "date"),
                                "'date' cannot be combined with 'start' or 'end'");
        *start = *end = bd;
        ds = de = dd;
    }
    tkg_error e;
    e.code = TKG_OK;
    if (tkg_interval_from_bounds(iv, start->raw ? &ds : NULL, end->raw ? &de : NULL,
                                 r->s->opt.policy, &e) == TKG_OK)
        return TKG_OK;
    return store_report(r->s, r->err, attr_origin(r, el, end->raw && !bd.raw ? "end" : "start"),
                        "%s", e.message);
}

/* The row of the entity `id` named by attribute `name`; its position is worked out only
 * when the entity is new (it is where a dangling reference will be reported). */
static int endpoint(reader *r, const xml_element *el, const char *name, sym id, uint32_t *out)
{
    uint32_t have = r->s->entity_of_sym[id];
    if (have) {
        *out = have - 1;
        return TKG_OK;
    }
    return store_ref_entity(r->s, out, id, attr_origin(r, el, name), r->err);
}

/* ------------------------------------------------------------ elements */

/* Unknown kind: suggests the closest known name, or lists the known ones. */
static int kind_error(reader *r, const xml_element *el, bool relation, const char *name)
{
    const tkg_ontology *o = tkg_store_ontology(r->s);
    char hint[128];
    ontology_suggest(o, relation, name, hint, sizeof hint);
    origin at = attr_origin(r, el, "kind");
    const char *what = relation ? "relation" : "entity";
    if (hint[0])
        return store_report(r->s, r->err, at, "unknown %s kind '%s' (did you mean '%s'?)", what,
                            name, hint);
    char known[200];
    size_t used = 0,
           n = relation ? tkg_ontology_relation_kind_count(o) : tkg_ontology_entity_kind_count(o);
    known[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *k = relation ? tkg_relation_kind_name(o, (uint32_t)i)
                                 : tkg_entity_kind_name(o, (uint32_t)i);
        if (relation && tkg_relation_kind_implicit(o, (uint32_t)i))
            continue; /* kinds taken from bulk data are not suggestions */
        size_t len = strlen(k);
        if (used + 2 + len + 6 > sizeof known) { /* keep room for ", ..." */
            memcpy(known + used, used ? ", ..." : "...", used ? 6 : 4);
            break;
        }
        used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", used ? ", " : "", k);
    }
    return store_report(r->s, r->err, at, "unknown %s kind '%s' (known kinds: %s)", what, name,
                        known);
}

static int start_source(reader *r, const xml_element *el)
{
    source_row row = {.id = attr_sym(r, el, "id"),
                      .title = attr_sym(r, el, "title"),
                      .publisher = attr_sym(r, el, "publisher"),
                      .url = attr_sym(r, el, "url"),
                      .lang = attr_sym(r, el, "lang"),
                      .where = element_origin(r, el)};
    tkg_date d;
    bound b;
    if (date_attr(r, el, "published", find_attr(el, "published"), &d, &b) != TKG_OK)
        return TKG_EINPUT;
    row.published = b.raw;
    if (!row.id)
        return TKG_ENOMEM; /* the schema check vouched for its presence */
    uint32_t row_index;
    return store_add_source(r->s, &row_index, &row, r->err);
}

static int start_entity(reader *r, const xml_element *el)
{
    r->parent = IN_ENTITY;
    r->owner_ok = false;
    r->first_name = r->s->name_count;
    entity_row row = {.id = attr_sym(r, el, "id"),
                      .label = attr_sym(r, el, "label"),
                      .external = attr_sym(r, el, "wikidata"),
                      .where = element_origin(r, el)};
    const xml_attr *kind = find_attr(el, "kind");
    if (!row.id || !kind || !row.label)
        return TKG_ENOMEM; /* the schema check vouched for their presence */
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)(kind->len < 255 ? kind->len : 255), kind->value);
    row.kind = tkg_ontology_entity_kind(tkg_store_ontology(r->s), name);
    if (row.kind == TKG_NO_KIND)
        return kind_error(r, el, false, name);
    dates d = {find_attr(el, "start"), find_attr(el, "end"), find_attr(el, "date")};
    if (interval_attrs(r, el, &d, &row.start, &row.end, &row.life) != TKG_OK)
        return TKG_EINPUT;
    int rc = store_define_entity(r->s, &r->owner, &row, r->err);
    r->owner_ok = rc == TKG_OK;
    return rc;
}

/* The attributes of a <relation>, found in one pass (each NULL when absent; the first of a
 * local name, as find_attr finds it). */
typedef struct relation_attrs {
    const xml_attr *id, *kind, *from, *to;
    dates d;
} relation_attrs;

static relation_attrs relation_attrs_of(const xml_element *el)
{
    relation_attrs ra = {0};
    for (size_t i = 0; i < el->attr_count; i++) {
        const xml_attr *a = &el->attrs[i];
        const char *n = a->name;
        const xml_attr **slot = NULL;
        switch (n[0]) {
        case 'i':
            slot = n[1] == 'd' && !n[2] ? &ra.id : NULL;
            break;
        case 'k':
            slot = strcmp(n, "kind") == 0 ? &ra.kind : NULL;
            break;
        case 'f':
            slot = strcmp(n, "from") == 0 ? &ra.from : NULL;
            break;
        case 't':
            slot = n[1] == 'o' && !n[2] ? &ra.to : NULL;
            break;
        case 's':
            slot = strcmp(n, "start") == 0 ? &ra.d.start : NULL;
            break;
        case 'e':
            slot = strcmp(n, "end") == 0 ? &ra.d.end : NULL;
            break;
        case 'd':
            slot = strcmp(n, "date") == 0 ? &ra.d.date : NULL;
            break;
        default:
            break;
        }
        if (slot && !*slot)
            *slot = a;
    }
    return ra;
}

static int start_relation(reader *r, const xml_element *el)
{
    r->parent = IN_RELATION;
    r->owner_ok = false;
    relation_attrs ra = relation_attrs_of(el);
    const xml_attr *kind = ra.kind, *fa = ra.from, *ta = ra.to;
    if (!kind || !fa || !ta)
        return TKG_ENOMEM; /* the schema check vouched for their presence */
    /* The endpoints' slots of the string table are seldom in the cache: start loading them
     * now, and look them up after the kind and the dates. */
    uint32_t from_hash = intern_hash(fa->value, fa->len), to_hash = intern_hash(ta->value, ta->len);
    intern_prefetch_slot(&r->s->strings, from_hash);
    intern_prefetch_slot(&r->s->strings, to_hash);
    /* and the memo entries of the dates (a few thousand, seldom in the cache either) */
    const xml_attr *dates_of[3] = {ra.d.start, ra.d.end, ra.d.date};
    for (int k = 0; k < 3; k++) {
        long key = dates_of[k] ? day_memo_key(dates_of[k]->value, dates_of[k]->len) : -1;
        if (key >= 0)
            day_memo_prefetch(&r->days, key);
    }
    relation_row row = {.id =
                            ra.id ? store_intern(r->s, ra.id->value, ra.id->len, r->err) : SYM_NONE,
                        .where = element_origin(r, el)};
    sym kind_sym = store_intern(r->s, kind->value, kind->len, r->err);
    if (!kind_sym || store_relation_kind(r->s, &row.kind, kind_sym, false, r->err) != TKG_OK)
        return TKG_ENOMEM;
    if (row.kind == TKG_NO_KIND)
        return kind_error(r, el, true, store_str(r->s, kind_sym));
    /* Then the rows of the symbols the endpoints likely have (both misses overlap), and
     * their strings once the dates are read: the lookups below then wait for nothing. */
    const interner *in = &r->s->strings;
    sym guess[2] = {intern_guess(in, from_hash, fa->len), intern_guess(in, to_hash, ta->len)};
    for (int k = 0; k < 2; k++)
        if (guess[k]) {
            intern_prefetch_row(in, guess[k]);
            store_prefetch_entity_of(r->s, guess[k]);
        }
    if (interval_attrs(r, el, &ra.d, &row.start, &row.end, &row.iv) != TKG_OK)
        return TKG_EINPUT;
    for (int k = 0; k < 2; k++)
        if (guess[k])
            intern_prefetch_string(in, guess[k]);
    /* The relation table's slot depends on the endpoints' entity rows: when both guesses
     * name known entities, start loading the slot it would be, meanwhile. */
    const tkg_store *s = r->s;
    if (guess[0] && guess[1] && guess[0] < s->sym_cap && guess[1] < s->sym_cap &&
        s->entity_of_sym[guess[0]] && s->entity_of_sym[guess[1]]) {
        relation_row likely = row;
        likely.from = s->entity_of_sym[guess[0]] - 1;
        likely.to = s->entity_of_sym[guess[1]] - 1;
        store_relation_prefetch(s, &likely);
    }
    sym from = store_intern_hashed(r->s, fa->value, fa->len, from_hash, r->err);
    sym to = store_intern_hashed(r->s, ta->value, ta->len, to_hash, r->err);
    if (!from || !to)
        return TKG_ENOMEM;
    int rc = endpoint(r, el, "from", from, &row.from);
    if (rc == TKG_OK)
        rc = endpoint(r, el, "to", to, &row.to);
    bool merged;
    if (rc == TKG_OK)
        rc = store_add_relation(r->s, &r->owner, &merged, &row, r->err);
    r->owner |= OWNER_RELATION;
    r->owner_ok = rc == TKG_OK;
    return rc;
}

static int start_text_element(reader *r, const xml_element *el, enum xsd_id kind)
{
    r->element = NULL;
    bool known = kind == XSD_ATTR || kind == XSD_CITE ||
                 (r->parent == IN_ENTITY && (kind == XSD_NAME || kind == XSD_ALIAS));
    if (!known || r->parent == IN_NOTHING || !r->owner_ok)
        return TKG_OK; /* the parent was rejected: its children are skipped */
    r->at = element_origin(r, el);
    r->text_len = 0;
    r->text_too_long = false;
    r->lang = attr_sym(r, el, "lang");
    r->key = attr_sym(r, el, "key");
    r->type = TKG_ATTR_STRING;
    r->source_sym = SYM_NONE;
    if (kind == XSD_ATTR) {
        const xml_attr *t = find_attr(el, "type");
        static const char *const types[] = {"string", "int", "double", "bool", "date"};
        for (int i = 0; t && i < 5; i++)
            if (t->len == strlen(types[i]) && memcmp(t->value, types[i], t->len) == 0)
                r->type = (tkg_attr_type)i;
    } else if (kind == XSD_CITE) {
        r->source_sym = attr_sym(r, el, "source");
        /* Only a source not seen yet may end up unknown, reported where it was cited. */
        if (r->source_sym && !r->s->source_of_sym[r->source_sym])
            r->at = attr_origin(r, el, "source");
    }
    r->element = el->name; /* a string of the parser's, alive until its end tag */
    r->element_kind = kind;
    return TKG_OK;
}

/* Checks an attribute value against its declared type and returns its canonical text (the
 * rules are those of every reader: fields.h). */
static int typed_value(reader *r, sym *out)
{
    static const char *const names[] = {"string", "int", "double", "bool", "date"};
    char what[160];
    snprintf(what, sizeof what, "attribute '%s'", store_str(r->s, r->key));
    int rc = fields_value(r->s, out, r->type, r->text, r->text_len, what, r->at, r->err);
    if (rc == TKG_OK && *out == SYM_NONE)
        return store_report(r->s, r->err, r->at, "%s: an empty value is not a valid %s", what,
                            names[r->type]);
    return rc;
}

static int end_text_element(reader *r)
{
    const char *what = r->element;
    r->element = NULL;
    if (r->text_too_long)
        return store_report(r->s, r->err, r->at, "text of <%s> is longer than 1 MiB", what);
    if (r->element_kind == XSD_ATTR) {
        sym value;
        int rc = typed_value(r, &value);
        return rc == TKG_OK
                   ? store_add_attr_merged(r->s, r->owner, r->key, r->type, value, r->at, r->err)
                   : rc;
    }
    if (r->element_kind == XSD_CITE) {
        uint32_t source;
        int rc = store_ref_source(r->s, &source, r->source_sym, r->at, r->err);
        return rc == TKG_OK ? store_add_cite(r->s, r->owner, source, r->text_len ? r->text : NULL,
                                             r->text_len, 0, r->err)
                            : rc;
    }
    sym text = r->text_len ? store_intern(r->s, r->text, r->text_len, r->err) : SYM_NONE;
    if (r->text_len && !text)
        return TKG_ENOMEM;
    if (!text)
        return store_report(r->s, r->err, r->at, "empty <%s>", what);
    bool alias = r->element_kind == XSD_ALIAS;
    if (!alias) {
        /* One name per language within an <entity> element. */
        for (uint32_t i = r->first_name; i < r->s->name_count; i++)
            if (!r->s->names[i].alias && r->s->names[i].lang == r->lang)
                return store_report(r->s, r->err, r->at, "a second <name> in language '%s'",
                                    store_str(r->s, r->lang));
    }
    return store_add_name(r->s, r->owner, r->lang, text, alias, r->err);
}

/* ------------------------------------------------------------ SAX events */

static int stop_code(const reader *r, int rc)
{
    /* Input problems were reported; go on to find more, unless the cap was reached or the
     * problem is not about the input. */
    if (rc == TKG_OK || rc == TKG_EINPUT)
        return store_too_many_errors(r->s) ? 1 : 0;
    return 1;
}

/* An element the schema check refused (reported): an <entity> or <relation> is entered, so
 * that what it holds is not given to the previous one, but not used. */
static void refuse(reader *r, enum xsd_id kind)
{
    if (kind == XSD_ENTITY || kind == XSD_RELATION) {
        r->parent = kind == XSD_ENTITY ? IN_ENTITY : IN_RELATION;
        r->owner_ok = false;
    }
    r->element = NULL;
}

static int on_start(void *ctx, const xml_element *el)
{
    reader *r = ctx;
    int rc = TKG_OK;
    enum xsd_verdict verdict = xsd_start(&r->check, el);
    if (r->check.stopped)
        return 1;
    if (verdict == XSD_REJECTED)
        return 0; /* nor anything it holds */
    enum xsd_id kind = xsd_open_id(&r->check);
    if (verdict == XSD_INVALID)
        refuse(r, kind);
    else if (kind == XSD_SOURCE)
        rc = start_source(r, el);
    else if (kind == XSD_ENTITY)
        rc = start_entity(r, el);
    else if (kind == XSD_RELATION)
        rc = start_relation(r, el);
    else if (kind != XSD_TKG)
        rc = start_text_element(r, el, kind);
    return stop_code(r, rc);
}

static int on_end(void *ctx, const char *name)
{
    reader *r = ctx;
    int rc = TKG_OK;
    (void)name;
    bool skipped = xsd_skipping(&r->check);
    enum xsd_id kind = xsd_open_id(&r->check);
    bool valid = xsd_end(&r->check);
    if (r->check.stopped)
        return 1;
    if (skipped)
        return 0;
    if (r->element && kind == r->element_kind && !valid)
        r->element = NULL; /* its text was reported */
    else if (r->element && kind == r->element_kind)
        rc = end_text_element(r);
    else if (kind == XSD_ENTITY || kind == XSD_RELATION) {
        r->parent = IN_NOTHING;
        r->owner_ok = false;
    }
    return stop_code(r, rc);
}

#define MAX_TEXT ((uint32_t)1 << 20)

static int on_text(void *ctx, const char *text, size_t len)
{
    reader *r = ctx;
    if (!xsd_text(&r->check, text, len) && r->check.stopped)
        return 1;
    if (!r->element)
        return 0;
    if (r->text_len + len > MAX_TEXT) {
        r->text_too_long = true;
        return 0;
    }
    if (vec_reserve(&r->text, &r->text_cap, r->text_len + len, 1)) {
        tkg_fail(r->err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        return 1;
    }
    memcpy(r->text + r->text_len, text, len);
    r->text_len += (uint32_t)len;
    return 0;
}

static int on_error(void *ctx, const tkg_error *e)
{
    reader *r = ctx;
    return store_report_error(r->s, r->err, e) == TKG_ELIMIT;
}

/* ------------------------------------------------------------ entry points */

static int read_xml(tkg_store *s, const xml_input *in, tkg_error *err)
{
    reader r = {.s = s, .err = err};
    r.check = xsd_check_init(&xsd_tkg, in->name, on_error, &r);
    unsigned before = tkg_store_error_count(s);
    r.file = store_intern(s, in->name, strlen(in->name), err);
    int rc = r.file ? TKG_OK : TKG_ENOMEM;
    if (rc == TKG_OK) {
        xml_handler h = {
            .ctx = &r, .start = on_start, .end = on_end, .text = on_text, .error = on_error};
        rc = xml_parse(in, &h, err);
    }
    if (rc == TKG_OK && tkg_store_error_count(s) != before)
        rc = TKG_EINPUT;
    free(r.text);
    day_memo_free(&r.days);
    xsd_check_free(&r.check);
    return rc;
}

int tkg_read_xml_buffer(tkg_store *s, const char *data, size_t len, const char *name,
                        tkg_error *err)
{
    xml_input in = xml_input_buffer(&s->opt, data, len, name);
    return read_xml(s, &in, err);
}

int tkg_read_xml_file(tkg_store *s, const char *path, tkg_error *err)
{
    xml_input in = xml_input_file(&s->opt, path);
    return read_xml(s, &in, err);
}
