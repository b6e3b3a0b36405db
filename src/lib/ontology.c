/* The ontology: entity kinds in a tree under `entity`, relation kinds with domain, range and
 * display style; loaded from XML checked against schema/ontology.xsd's declaration table
 * (xsd.h). */
#include "ontology.h"

#include "error.h"
#include "resources.h"
#include "vec.h"
#include "xml.h"
#include "xsd.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct entity_kind {
    char *name, *label, *color, *shape;
    uint32_t parent;
    uint32_t line, column; /* where it was declared, while loading */
    char *parent_name;     /* while loading */
} entity_kind;

typedef struct relation_kind {
    char *name, *label, *color, *style;
    uint32_t domain, range;
    bool symmetric, dated, implicit;
    uint32_t line, column;
    char *domain_name, *range_name; /* while loading */
} relation_kind;

struct tkg_ontology {
    entity_kind *ek;
    uint32_t ek_count, ek_cap;
    relation_kind *rk;
    uint32_t rk_count, rk_cap;
    uint32_t root;
};

/* ------------------------------------------------------------ queries */

size_t tkg_ontology_entity_kind_count(const tkg_ontology *o)
{
    return o->ek_count;
}

size_t tkg_ontology_relation_kind_count(const tkg_ontology *o)
{
    return o->rk_count;
}

uint32_t tkg_ontology_entity_kind(const tkg_ontology *o, const char *name)
{
    for (uint32_t i = 0; i < o->ek_count; i++)
        if (strcmp(o->ek[i].name, name) == 0)
            return i;
    return TKG_NO_KIND;
}

uint32_t tkg_ontology_relation_kind(const tkg_ontology *o, const char *name)
{
    for (uint32_t i = 0; i < o->rk_count; i++)
        if (strcmp(o->rk[i].name, name) == 0)
            return i;
    return TKG_NO_KIND;
}

const char *tkg_entity_kind_name(const tkg_ontology *o, uint32_t kind)
{
    return kind < o->ek_count ? o->ek[kind].name : "?";
}

uint32_t tkg_entity_kind_parent(const tkg_ontology *o, uint32_t kind)
{
    return o->ek[kind].parent;
}

bool tkg_entity_kind_is_a(const tkg_ontology *o, uint32_t kind, uint32_t ancestor)
{
    /* Loading rejects cycles, so walking up ends at the root. */
    for (uint32_t k = kind; k != TKG_NO_KIND; k = o->ek[k].parent)
        if (k == ancestor)
            return true;
    return false;
}

tkg_style tkg_entity_kind_style(const tkg_ontology *o, uint32_t kind)
{
    return (tkg_style){o->ek[kind].color, o->ek[kind].shape, NULL};
}

const char *tkg_entity_kind_label(const tkg_ontology *o, uint32_t kind)
{
    return o->ek[kind].label;
}

const char *tkg_relation_kind_label(const tkg_ontology *o, uint32_t kind)
{
    return o->rk[kind].label;
}

const char *tkg_relation_kind_name(const tkg_ontology *o, uint32_t kind)
{
    return kind < o->rk_count ? o->rk[kind].name : "?";
}

uint32_t tkg_relation_kind_domain(const tkg_ontology *o, uint32_t kind)
{
    return o->rk[kind].domain;
}

uint32_t tkg_relation_kind_range(const tkg_ontology *o, uint32_t kind)
{
    return o->rk[kind].range;
}

bool tkg_relation_kind_symmetric(const tkg_ontology *o, uint32_t kind)
{
    return o->rk[kind].symmetric;
}

bool tkg_relation_kind_dated(const tkg_ontology *o, uint32_t kind)
{
    return o->rk[kind].dated;
}

bool tkg_relation_kind_implicit(const tkg_ontology *o, uint32_t kind)
{
    return o->rk[kind].implicit;
}

tkg_style tkg_relation_kind_style(const tkg_ontology *o, uint32_t kind)
{
    return (tkg_style){o->rk[kind].color, NULL, o->rk[kind].style};
}

uint32_t ontology_root(const tkg_ontology *o)
{
    return o->root;
}

unsigned edit_distance(const char *a, const char *b, unsigned cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return cap;
    if ((la > lb ? la - lb : lb - la) >= cap)
        return cap;
    unsigned row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; i <= la; i++) {
        unsigned diag = row[0], best = row[0] = (unsigned)i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned up = row[j];
            unsigned v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best >= cap)
            return cap;
    }
    return row[lb] < cap ? row[lb] : cap;
}

void ontology_suggest(const tkg_ontology *o, bool relations, const char *name, char *out,
                      size_t size)
{
    unsigned best = (unsigned)strlen(name) / 3 + 1;
    out[0] = '\0';
    uint32_t n = relations ? o->rk_count : o->ek_count;
    for (uint32_t i = 0; i < n; i++) {
        const char *cand = relations ? o->rk[i].name : o->ek[i].name;
        unsigned d = edit_distance(name, cand, best + 1);
        if (d < best || (d == best && !out[0])) {
            best = d;
            snprintf(out, size, "%s", cand);
        }
    }
}

/* ------------------------------------------------------------ life cycle */

static void free_entity_kind(entity_kind *k)
{
    free(k->name);
    free(k->label);
    free(k->color);
    free(k->shape);
    free(k->parent_name);
}

static void free_relation_kind(relation_kind *k)
{
    free(k->name);
    free(k->label);
    free(k->color);
    free(k->style);
    free(k->domain_name);
    free(k->range_name);
}

void tkg_ontology_free(tkg_ontology *o)
{
    if (!o)
        return;
    for (uint32_t i = 0; i < o->ek_count; i++)
        free_entity_kind(&o->ek[i]);
    for (uint32_t i = 0; i < o->rk_count; i++)
        free_relation_kind(&o->rk[i]);
    free(o->ek);
    free(o->rk);
    free(o);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

int ontology_clone(tkg_ontology **out, const tkg_ontology *o, tkg_error *err)
{
    int rc = TKG_OK;
    tkg_ontology *c = calloc(1, sizeof *c);
    if (!c)
        goto nomem;
    c->root = o->root;
    c->ek = calloc(o->ek_count ? o->ek_count : 1, sizeof *c->ek);
    c->rk = calloc(o->rk_count ? o->rk_count : 1, sizeof *c->rk);
    if (!c->ek || !c->rk)
        goto nomem;
    c->ek_cap = o->ek_count ? o->ek_count : 1;
    c->rk_cap = o->rk_count ? o->rk_count : 1;
    for (uint32_t i = 0; i < o->ek_count; i++, c->ek_count++) {
        const entity_kind *k = &o->ek[i];
        c->ek[i] = (entity_kind){strdup(k->name),
                                 dup_or_null(k->label),
                                 dup_or_null(k->color),
                                 dup_or_null(k->shape),
                                 k->parent,
                                 k->line,
                                 k->column,
                                 NULL};
        if (!c->ek[i].name || !c->ek[i].label || !c->ek[i].color || !c->ek[i].shape) {
            c->ek_count++;
            goto nomem;
        }
    }
    for (uint32_t i = 0; i < o->rk_count; i++, c->rk_count++) {
        const relation_kind *k = &o->rk[i];
        c->rk[i] = *k;
        c->rk[i].name = strdup(k->name);
        c->rk[i].label = dup_or_null(k->label);
        c->rk[i].color = dup_or_null(k->color);
        c->rk[i].style = dup_or_null(k->style);
        c->rk[i].domain_name = c->rk[i].range_name = NULL;
        if (!c->rk[i].name || !c->rk[i].label || !c->rk[i].color || !c->rk[i].style) {
            c->rk_count++;
            goto nomem;
        }
    }
    goto done;
nomem:
    rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    tkg_ontology_free(c);
    c = NULL;
done:
    *out = c;
    return rc;
}

/* Colours for relation kinds that bulk input brings in, cycled (colour-blind safe). */
static const char *const implicit_colors[] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7",
                                              "#56b4e9", "#d55e00", "#f0e442", "#000000"};

int ontology_add_implicit_relation(tkg_ontology *o, uint32_t *out, const char *name, size_t len,
                                   tkg_error *err)
{
    if (vec_reserve(&o->rk, &o->rk_cap, o->rk_count + 1, sizeof *o->rk))
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    relation_kind k = {.domain = o->root, .range = o->root, .implicit = true};
    k.name = strndup(name, len);
    k.label = strndup(name, len);
    k.color = strdup(implicit_colors[o->rk_count % 8]);
    k.style = strdup("solid");
    if (!k.name || !k.label || !k.color || !k.style) {
        free_relation_kind(&k);
        return tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    }
    *out = o->rk_count;
    o->rk[o->rk_count++] = k;
    return TKG_OK;
}

/* ------------------------------------------------------------ loading */

typedef struct loader {
    tkg_ontology *o;
    const char *name;
    tkg_error *err;
    int status;
    xsd_check check; /* against schema/ontology.xsd */
} loader;

static char *attr_dup(const xml_element *el, const char *name)
{
    for (size_t i = 0; i < el->attr_count; i++)
        if (strcmp(el->attrs[i].name, name) == 0)
            return strndup(el->attrs[i].value, el->attrs[i].len);
    return NULL;
}

/* True when attribute `name` is present but could not be copied (out of memory). An absent
 * required attribute is not an allocation failure: the schema reports it. */
static bool copy_failed(const xml_element *el, const char *name, const char *copy)
{
    if (copy)
        return false;
    for (size_t i = 0; i < el->attr_count; i++)
        if (strcmp(el->attrs[i].name, name) == 0)
            return true;
    return false;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* An xs:boolean: "true" or "1", with the whitespace that xs:boolean collapses. */
static bool attr_true(const xml_element *el, const char *name)
{
    for (size_t i = 0; i < el->attr_count; i++) {
        if (strcmp(el->attrs[i].name, name) != 0)
            continue;
        const char *v = el->attrs[i].value;
        size_t n = el->attrs[i].len;
        while (n && is_space(v[n - 1]))
            n--;
        while (n && is_space(*v))
            v++, n--;
        return (n == 4 && memcmp(v, "true", 4) == 0) || (n == 1 && *v == '1');
    }
    return false;
}

static int fail_at(loader *l, uint32_t line, uint32_t column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail_at(loader *l, uint32_t line, uint32_t column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    l->status = tkg_failv(l->err, TKG_EINPUT, l->name, (int)line, (int)column, fmt, ap);
    va_end(ap);
    return 1;
}

static int on_start(void *ctx, const xml_element *el)
{
    loader *l = ctx;
    tkg_ontology *o = l->o;
    enum xsd_verdict verdict = xsd_start(&l->check, el);
    if (l->check.stopped)
        return 1;
    if (verdict != XSD_VALID)
        return 0;
    if (xsd_open_id(&l->check) == XSD_ENTITY_KIND) {
        if (vec_reserve(&o->ek, &o->ek_cap, o->ek_count + 1, sizeof *o->ek))
            goto nomem;
        entity_kind *k = &o->ek[o->ek_count++];
        *k = (entity_kind){attr_dup(el, "name"),
                           attr_dup(el, "label"),
                           attr_dup(el, "color"),
                           attr_dup(el, "shape"),
                           TKG_NO_KIND,
                           el->line,
                           el->column,
                           attr_dup(el, "parent")};
        if (copy_failed(el, "name", k->name) || copy_failed(el, "label", k->label) ||
            copy_failed(el, "color", k->color) || copy_failed(el, "shape", k->shape) ||
            copy_failed(el, "parent", k->parent_name))
            goto nomem;
    } else if (xsd_open_id(&l->check) == XSD_RELATION_KIND) {
        if (vec_reserve(&o->rk, &o->rk_cap, o->rk_count + 1, sizeof *o->rk))
            goto nomem;
        relation_kind *k = &o->rk[o->rk_count++];
        char *style = attr_dup(el, "style");
        *k = (relation_kind){.name = attr_dup(el, "name"),
                             .label = attr_dup(el, "label"),
                             .color = attr_dup(el, "color"),
                             .style = style ? style : strdup("solid"),
                             .symmetric = attr_true(el, "symmetric"),
                             .dated = attr_true(el, "dated"),
                             .line = el->line,
                             .column = el->column,
                             .domain_name = attr_dup(el, "domain"),
                             .range_name = attr_dup(el, "range")};
        if (copy_failed(el, "name", k->name) || copy_failed(el, "label", k->label) ||
            copy_failed(el, "color", k->color) || !k->style ||
            copy_failed(el, "domain", k->domain_name) || copy_failed(el, "range", k->range_name))
            goto nomem;
    }
    return 0;
nomem:
    l->status = tkg_fail(l->err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
    return 1;
}

static int on_end(void *ctx, const char *name)
{
    loader *l = ctx;
    (void)name;
    xsd_end(&l->check);
    return l->check.stopped;
}

static int on_text(void *ctx, const char *text, size_t len)
{
    loader *l = ctx;
    xsd_text(&l->check, text, len);
    return l->check.stopped;
}

static int on_error(void *ctx, const tkg_error *e)
{
    loader *l = ctx;
    l->status = tkg_error_keep(l->err, e);
    return 1;
}

/* Resolves names to indexes and checks the tree once the whole file is read. */
static int resolve(loader *l)
{
    tkg_ontology *o = l->o;
    o->root = TKG_NO_KIND;
    for (uint32_t i = 0; i < o->ek_count; i++) {
        entity_kind *k = &o->ek[i];
        uint32_t first = tkg_ontology_entity_kind(o, k->name);
        if (first != i)
            return fail_at(l, k->line, k->column, "duplicate entity kind '%s'", k->name);
        if (!k->parent_name) {
            if (strcmp(k->name, "entity") != 0)
                return fail_at(l, k->line, k->column,
                               "entity kind '%s' has no parent: only 'entity' is the root",
                               k->name);
            o->root = i;
            continue;
        }
        k->parent = tkg_ontology_entity_kind(o, k->parent_name);
        if (k->parent == TKG_NO_KIND)
            return fail_at(l, k->line, k->column, "unknown parent kind '%s' of '%s'",
                           k->parent_name, k->name);
    }
    if (o->root == TKG_NO_KIND)
        return fail_at(l, 1, 1, "the ontology has no root kind 'entity'");
    /* Every cycle holds a kind that is its own ancestor; report the first in document order
     * (not a kind that merely lies below a cycle). */
    for (uint32_t i = 0; i < o->ek_count; i++) {
        uint32_t k = o->ek[i].parent;
        for (uint32_t steps = 0; k != TKG_NO_KIND && k != i && steps < o->ek_count; steps++)
            k = o->ek[k].parent;
        if (k == i)
            return fail_at(l, o->ek[i].line, o->ek[i].column,
                           "entity kind '%s' is its own ancestor", o->ek[i].name);
    }
    for (uint32_t i = 0; i < o->rk_count; i++) {
        relation_kind *k = &o->rk[i];
        if (tkg_ontology_relation_kind(o, k->name) != i)
            return fail_at(l, k->line, k->column, "duplicate relation kind '%s'", k->name);
        k->domain = tkg_ontology_entity_kind(o, k->domain_name);
        k->range = tkg_ontology_entity_kind(o, k->range_name);
        if (k->domain == TKG_NO_KIND)
            return fail_at(l, k->line, k->column, "unknown domain kind '%s' of '%s'",
                           k->domain_name, k->name);
        if (k->range == TKG_NO_KIND)
            return fail_at(l, k->line, k->column, "unknown range kind '%s' of '%s'", k->range_name,
                           k->name);
    }
    return 0;
}

static void drop_loading_names(tkg_ontology *o)
{
    for (uint32_t i = 0; i < o->ek_count; i++) {
        free(o->ek[i].parent_name);
        o->ek[i].parent_name = NULL;
    }
    for (uint32_t i = 0; i < o->rk_count; i++) {
        free(o->rk[i].domain_name);
        free(o->rk[i].range_name);
        o->rk[i].domain_name = o->rk[i].range_name = NULL;
    }
}

static int load(tkg_ontology **out, const xml_input *in, tkg_error *err)
{
    loader l = {.o = calloc(1, sizeof(tkg_ontology)), .name = in->name, .err = err};
    l.check = xsd_check_init(&xsd_ontology, in->name, on_error, &l);
    int rc = TKG_OK;
    if (!l.o) {
        rc = tkg_fail(err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    xml_handler h = {
        .ctx = &l, .start = on_start, .end = on_end, .text = on_text, .error = on_error};
    rc = xml_parse(in, &h, err);
    if (rc == TKG_OK && l.status == TKG_OK)
        resolve(&l);
    if (rc == TKG_OK)
        rc = l.status;
    if (rc == TKG_OK)
        drop_loading_names(l.o);
done:
    xsd_check_free(&l.check);
    if (rc != TKG_OK) {
        tkg_ontology_free(l.o);
        l.o = NULL;
    }
    *out = l.o;
    return rc;
}

int tkg_ontology_load_buffer(tkg_ontology **out, const char *data, size_t len, const char *name,
                             tkg_error *err)
{
    xml_input in = {.name = name, .data = data, .len = len, .max_bytes = (uint64_t)64 << 20};
    return load(out, &in, err);
}

int tkg_ontology_load(tkg_ontology **out, const char *path, tkg_error *err)
{
    xml_input in = {.name = path, .path = path, .max_bytes = (uint64_t)64 << 20};
    return load(out, &in, err);
}

int tkg_ontology_default(tkg_ontology **out, tkg_error *err)
{
    return tkg_ontology_load_buffer(out, tkg_res_ontology_xml, tkg_res_ontology_xml_len,
                                    "ontology.xml", err);
}
