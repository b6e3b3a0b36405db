/* The <key> declarations of a GraphML document: their domains, types, names and the roles
 * of their values, decided once per key; the key of each <data>; and the defaults. */
#include "graphml_reader.h"

#include "vec.h"

#include <stdlib.h>

/* The symbol of a non-empty attribute value into `*out`; SYM_NONE when absent or empty. */
static int attr_sym(reader *r, const xml_element *el, const char *name, sym *out)
{
    const xml_attr *a = find_attr(el, name);
    *out = SYM_NONE;
    if (!a || a->len == 0)
        return TKG_OK;
    *out = store_intern(r->s, a->value, a->len, r->err);
    return *out ? TKG_OK : TKG_ENOMEM;
}

/* Makes the tables by symbol hold `id`. */
static int grow_tables(reader *r, sym id)
{
    if (id < r->line_cap)
        return TKG_OK;
    uint32_t cap = r->s->strings.count > id ? r->s->strings.count : id + 1;
    cap += cap / 2;
    uint32_t **tables[] = {&r->key_of_id, &r->name_seen, &r->name_valued};
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        uint32_t *t = realloc(*tables[i], (size_t)cap * sizeof *t);
        if (!t)
            return nomem(r);
        memset(t + r->line_cap, 0, (size_t)(cap - r->line_cap) * sizeof *t);
        *tables[i] = t;
    }
    r->line_cap = cap;
    return TKG_OK;
}

const char *graphml_domain_name(uint8_t d)
{
    switch (d) {
    case D_NODE:
        return "node";
    case D_EDGE:
        return "edge";
    case D_GRAPH:
        return "graph";
    case D_GRAPHML:
        return "graphml";
    case D_PORT:
        return "port";
    case D_HYPEREDGE:
        return "hyperedge";
    case D_ENDPOINT:
        return "endpoint";
    default:
        return "all";
    }
}

/* ------------------------------------------------------------ keys */

int graphml_start_key(reader *r, const xml_element *el)
{
    static const char *const fors[] = {"node", "edge",      "graph",    "graphml",
                                       "port", "hyperedge", "endpoint", "all"};
    static const uint8_t domains[] = {D_NODE, D_EDGE,      D_GRAPH,    D_GRAPHML,
                                      D_PORT, D_HYPEREDGE, D_ENDPOINT, D_ALL};
    static const char *const types[] = {"string", "int",    "long",   "integer",
                                        "float",  "double", "boolean"};
    static const tkg_attr_type as[] = {TKG_ATTR_STRING, TKG_ATTR_INT,    TKG_ATTR_INT, TKG_ATTR_INT,
                                       TKG_ATTR_DOUBLE, TKG_ATTR_DOUBLE, TKG_ATTR_BOOL};
    r->key = NO_KEY;
    gkey k = {.domain = D_ALL, .type = TKG_ATTR_STRING, .at = element_origin(r, el)};
    const xml_attr *id = find_attr(el, "id"), *f = find_attr(el, "for");
    const xml_attr *name = find_attr(el, "attr.name"), *type = find_attr(el, "attr.type");
    if (!id || id->len == 0)
        return store_report(r->s, r->err, id ? attr_origin(r, el, "id") : k.at,
                            "<key> needs a non-empty id");
    if (f) {
        size_t i = 0;
        while (i < 8 && !attr_is(f, fors[i]))
            i++;
        if (i == 8)
            return store_report(r->s, r->err, attr_origin(r, el, "for"),
                                "for='%.*s' is not node, edge, graph, graphml, port, hyperedge, "
                                "endpoint or all",
                                (int)(f->len > 40 ? 40 : f->len), f->value);
        k.domain = domains[i];
    }
    if (type) {
        size_t i = 0;
        while (i < 7 && !attr_is(type, types[i]))
            i++;
        if (i == 7)
            return store_report(r->s, r->err, attr_origin(r, el, "attr.type"),
                                "attr.type='%.*s' is not boolean, int, long, float, double or "
                                "string",
                                (int)(type->len > 40 ? 40 : type->len), type->value);
        k.type = as[i];
    }
    if (name && name->len == 0)
        return store_report(r->s, r->err, attr_origin(r, el, "attr.name"),
                            "attr.name must not be empty");
    if (attr_sym(r, el, "id", &k.id) != TKG_OK ||
        (name ? attr_sym(r, el, "attr.name", &k.name) : TKG_OK) != TKG_OK)
        return TKG_ENOMEM;
    if (!k.name)
        k.name = k.id; /* as Gephi and igraph do */
    if (grow_tables(r, k.id > k.name ? k.id : k.name) != TKG_OK)
        return TKG_ENOMEM;
    /* A chain of one id holds keys of disjoint domains, so at most seven. */
    const gkey *clash = NULL; /* the first declared, as the chains run backwards */
    k.same_id = r->key_of_id[k.id] ? r->key_of_id[k.id] - 1 : NO_KEY;
    for (uint32_t i = k.same_id; i != NO_KEY; i = r->keys[i].same_id)
        if (r->keys[i].domain & k.domain)
            clash = &r->keys[i];
    if (clash)
        return store_report(r->s, r->err, attr_origin(r, el, "id"),
                            "duplicate key id '%s' (first declared at line %u)",
                            store_str(r->s, k.id), clash->at.line);
    if (vec_reserve(&r->keys, &r->key_cap, (size_t)r->key_count + 1, sizeof *r->keys))
        return nomem(r);
    r->key_of_id[k.id] = r->key_count + 1;
    k.role = (uint8_t)field_role_of(store_str(r->s, k.name));
    k.no_memo = k.role == ROLE_LABEL || k.role == ROLE_NAME;
    if (strcmp(store_str(r->s, k.name), "citations") == 0)
        r->citations |= k.domain;
    r->key = r->key_count;
    r->keys[r->key_count++] = k;
    return TKG_OK;
}

/* The key `id` for data in `domain`, reporting an unknown key or one for another domain. */
int graphml_find_key(reader *r, const xml_element *el, uint8_t domain, uint32_t *out)
{
    *out = NO_KEY;
    const xml_attr *a = find_attr(el, "key");
    if (!a)
        return store_report(r->s, r->err, element_origin(r, el), "<data> without key");
    if (r->key_count <= FEW_KEYS) {
        /* (a few keys: comparing their ids costs less than hashing the text) */
        for (uint32_t i = 0; i < r->key_count; i++) {
            const gkey *k = &r->keys[i];
            if ((k->domain & domain) && r->s->strings.len[k->id] == a->len &&
                memcmp(store_str(r->s, k->id), a->value, a->len) == 0) {
                *out = i;
                return TKG_OK;
            }
        }
    }
    sym id = intern_find(&r->s->strings, a->value, a->len);
    const gkey *other = NULL;
    uint32_t first = id && id < r->line_cap && r->key_of_id[id] ? r->key_of_id[id] - 1 : NO_KEY;
    for (uint32_t i = first; i != NO_KEY; i = r->keys[i].same_id) {
        if (r->keys[i].domain & domain) {
            *out = i;
            return TKG_OK;
        }
        other = &r->keys[i];
    }
    origin at = attr_origin(r, el, "key");
    if (other)
        return store_report(r->s, r->err, at, "key '%s' is declared for %s (line %u), not for %s",
                            store_str(r->s, id), graphml_domain_name(other->domain), other->at.line,
                            graphml_domain_name(domain));
    return store_report(r->s, r->err, at, "unknown key '%.*s' (no <key> before declares it)",
                        (int)(a->len > 100 ? 100 : a->len), a->value);
}

/* Adds the defaults of the keys of `domain` that this node or edge gave no value. */
int graphml_add_defaults(reader *r, uint8_t domain)
{
    int rc = TKG_OK;
    int d = domain == D_EDGE;
    for (uint32_t i = 0; i < r->default_count[d] && rc == TKG_OK; i++) {
        gkey *k = &r->keys[r->defaults[d][i]];
        if (r->name_valued[k->name] != r->stamp) {
            field f = {
                .name = k->name, .type = k->type, .value = k->def, .at = k->at, .role = k->role};
            rc = record_add(r->s, &r->fields, &f, r->err);
        }
    }
    return rc;
}

int graphml_end_default(reader *r)
{
    if (r->key == NO_KEY || r->data_children)
        return TKG_OK;
    gkey *k = &r->keys[r->key];
    if (r->text_too_long)
        return store_report(r->s, r->err, r->data_at, "<default> longer than 1 MiB");
    bool listed = k->def != SYM_NONE;
    int rc = fields_value(r->s, &k->def, k->type, r->text, r->text_len, store_str(r->s, k->name),
                          r->data_at, r->err);
    for (int d = 0; d < 2 && rc == TKG_OK && k->def && !listed; d++) {
        if (!(k->domain & (d ? D_EDGE : D_NODE)))
            continue;
        if (vec_reserve(&r->defaults[d], &r->default_cap[d], (size_t)r->default_count[d] + 1,
                        sizeof *r->defaults[d]))
            return nomem(r);
        r->defaults[d][r->default_count[d]++] = r->key;
    }
    return rc;
}
