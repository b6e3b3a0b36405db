/* The GraphML reader: streams a document through the hardened XML layer without a schema
 * (GraphML in the wild is often schema-invalid: yEd extras, no namespace) and checks the
 * structure itself: typed keys with defaults, one <graph> of nodes and edges; hyperedges,
 * ports and nested graphs are refused; foreign-namespace elements and <desc> are ignored
 * (docs/format.md, "GraphML input"). */
#include "graphml_reader.h"
#include "provenance.h"

#include "vec.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *const context_names[] = {"graphml", "key",  "default", "graph",
                                            "node",    "edge", "data"};

/* The node with GraphML id `id`, or NULL. */
static gnode *node_of_sym(const reader *r, sym id)
{
    const char *t = store_str(r->s, id);
    size_t n = r->s->strings.len[id];
    return gnodes_find(&r->ids, r->s, t, n, intern_hash(t, n));
}

/* ------------------------------------------------------------ nodes and edges */

static int start_graph(reader *r, const xml_element *el)
{
    origin at = element_origin(r, el);
    r->graph_seen = true;
    r->graph_at = at;
    r->parse_nodes = r->parse_edges = -1;
    const xml_attr *ed = find_attr(el, "edgedefault");
    int rc = TKG_OK;
    if (!ed)
        rc = store_report(r->s, r->err, at,
                          "<graph> needs edgedefault=\"directed\" or \"undirected\"");
    else if (!attr_is(ed, "directed") && !attr_is(ed, "undirected"))
        rc = store_report(r->s, r->err, attr_origin(r, el, "edgedefault"),
                          "edgedefault must be \"directed\" or \"undirected\", not '%.*s'",
                          (int)(ed->len > 40 ? 40 : ed->len), ed->value);
    static const char *const counts[] = {"parse.nodes", "parse.edges"};
    long *out[] = {&r->parse_nodes, &r->parse_edges};
    for (int i = 0; i < 2; i++) {
        const xml_attr *a = find_attr(el, counts[i]);
        if (!a)
            continue;
        char *end;
        char buf[24];
        snprintf(buf, sizeof buf, "%.*s", (int)(a->len < 23 ? a->len : 23), a->value);
        long v = strtol(buf, &end, 10);
        if (a->len == 0 || a->len > 18 || *end || v < 0 || buf[0] == '+' || buf[0] == ' ')
            rc = store_report(r->s, r->err, attr_origin(r, el, counts[i]),
                              "%s must be a count, not '%s'", counts[i], buf);
        else
            *out[i] = v;
    }
    return rc;
}

static int start_node(reader *r, const xml_element *el)
{
    r->element_ok = false;
    r->element_at = element_origin(r, el);
    r->fields.count = 0;
    r->stamp++;
    r->nodes++;
    const xml_attr *id = find_attr(el, "id");
    if (!id || id->len == 0)
        return store_report(r->s, r->err, r->element_at, "<node> needs a non-empty id");
    uint32_t h = intern_hash(id->value, id->len);
    const gnode *first = gnodes_find(&r->ids, r->s, id->value, id->len, h);
    if (first)
        return store_report(r->s, r->err, attr_origin(r, el, "id"),
                            "duplicate node id '%s' (first defined at line %u)",
                            store_str(r->s, first->id), first->line);
    r->node_id = store_intern_hashed(r->s, id->value, id->len, h, r->err);
    if (!r->node_id ||
        gnodes_add(&r->ids, r->s, &r->node, r->node_id, h, r->element_at.line, r->err) != TKG_OK)
        return TKG_ENOMEM;
    r->element_ok = true;
    return TKG_OK;
}

/* The entity row a node became, or TKG_NO_ENTITY when its entity is not defined. */
static uint32_t node_row(const gnode *g)
{
    return g && g->row ? g->row - 1 : TKG_NO_ENTITY;
}

static int start_edge(reader *r, const xml_element *el)
{
    r->element_ok = false;
    r->element_at = element_origin(r, el);
    r->fields.count = 0;
    r->stamp++;
    r->edges++;
    edge_ends *e = &r->edge;
    memset(e, 0, sizeof *e);
    r->gephi_label = SYM_NONE;
    /* One look at each attribute. Edge ids are not kept (a relation's own id is its tkg_id),
     * and need not be unique: NetworkX writes a multigraph's edge keys as ids, numbered from
     * 0 between each pair of nodes. */
    const xml_attr *ends[2] = {NULL, NULL}, *label = NULL;
    bool ports[2] = {false, false};
    for (size_t i = 0; i < el->attr_count; i++) {
        const xml_attr *a = &el->attrs[i];
        const char *name = a->name;
        if (name[0] == 's' && strcmp(name, "source") == 0)
            ends[0] = a;
        else if (name[0] == 't' && strcmp(name, "target") == 0)
            ends[1] = a;
        else if (name[0] == 'l' && strcmp(name, "label") == 0)
            label = a;
        else if (strcmp(name, "sourceport") == 0)
            ports[0] = true;
        else if (strcmp(name, "targetport") == 0)
            ports[1] = true;
    }
    if (label && label->len &&
        !(r->gephi_label = store_intern(r->s, label->value, label->len, r->err)))
        return TKG_ENOMEM;
    if (!ends[0] || !ends[0]->len || !ends[1] || !ends[1]->len)
        return store_report(r->s, r->err, r->element_at, "<edge> needs a non-empty %s",
                            ends[0] && ends[0]->len ? "target" : "source");
    static const char *const port_names[] = {"sourceport", "targetport"};
    for (int i = 0; i < 2; i++)
        if (ports[i])
            return store_report(r->s, r->err, attr_origin(r, el, port_names[i]),
                                "ports are not supported (%s on an <edge>)", port_names[i]);
    /* The common case: both ends are nodes read before, found without interning their ids.
     * No node can start before this edge ends, so what is known now is known at its end. */
    uint32_t h0 = intern_hash(ends[0]->value, ends[0]->len);
    gnodes_prefetch(&r->ids, h0); /* (the two misses overlap) */
    uint32_t h1 = intern_hash(ends[1]->value, ends[1]->len);
    gnodes_prefetch(&r->ids, h1);
    gnode *from = gnodes_find(&r->ids, r->s, ends[0]->value, ends[0]->len, h0);
    gnode *to = gnodes_find(&r->ids, r->s, ends[1]->value, ends[1]->len, h1);
    r->ends[0] = node_row(from);
    r->ends[1] = node_row(to);
    if (from && to) {
        /* (positions serve messages about an end that is not a node yet) */
        e->from = from->entity ? from->entity : from->id;
        e->to = to->entity ? to->entity : to->id;
        e->from_at = e->to_at = r->element_at;
    } else {
        if (!(e->from = store_intern(r->s, ends[0]->value, ends[0]->len, r->err)) ||
            !(e->to = store_intern(r->s, ends[1]->value, ends[1]->len, r->err)))
            return TKG_ENOMEM;
        e->from_at = attr_origin(r, el, "source");
        e->to_at = attr_origin(r, el, "target");
    }
    r->edge_known = from && to;
    r->element_ok = true;
    return TKG_OK;
}

/* The trimmed text of a field's value. */
static const char *trimmed(const reader *r, const field *f, size_t *len)
{
    const char *t = store_str(r->s, f->value);
    size_t n = strlen(t);
    while (n && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\n' || t[n - 1] == '\r'))
        n--;
    while (n && (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r'))
        t++, n--;
    *len = n;
    return t;
}

/* True when the file declares a `citations` key for `domain`, as tkg's writer does: its
 * nodes (edges) cite what that key says, and nothing when they have no value for it. */
static bool declares_citations(const reader *r, uint8_t domain)
{
    return (r->citations & domain) != 0;
}

/* The file as a source, defined when a node or edge first cites it: a file written by tkg
 * cites the sources of its `citations` instead. */
static int file_source(reader *r, uint8_t domain)
{
    if (r->source != FIELDS_NO_SOURCE || declares_citations(r, domain))
        return TKG_OK;
    return fields_file_source(r->s, &r->file, &r->source, store_str(r->s, r->file), r->err);
}

/* The citations of a `citations` field (tkg's export) for `owner`. */
static int add_citations(reader *r, uint32_t owner, const field *f)
{
    const char *t = store_str(r->s, f->value);
    return prov_add_citations(r->s, owner, t, r->s->strings.len[f->value], false, f->at, r->err);
}

static int end_node(reader *r)
{
    if (!r->element_ok)
        return TKG_OK;
    int rc = graphml_add_defaults(r, D_NODE);
    sym entity = r->node_id;
    field *tkg_id = rc == TKG_OK ? record_find(r->s, &r->fields, "tkg_id") : NULL;
    if (tkg_id) {
        /* tkg's writer encodes ids that are not plain and keeps the id here */
        size_t n;
        const char *t = trimmed(r, tkg_id, &n);
        if (n && !(entity = store_intern(r->s, t, n, r->err)))
            return TKG_ENOMEM;
        tkg_id->used = n > 0;
    }
    r->node->entity = entity;
    uint32_t kind = TKG_NO_KIND, row;
    field *k = rc == TKG_OK ? record_find(r->s, &r->fields, "kind") : NULL;
    if (rc == TKG_OK && !k)
        k = record_find(r->s, &r->fields, "type");
    if (k) {
        size_t n;
        const char *t = trimmed(r, k, &n);
        kind = fields_entity_kind(tkg_store_ontology(r->s), t, n);
        k->used = kind != TKG_NO_KIND; /* else it stays an attribute */
    }
    mapped m;
    if (rc == TKG_OK)
        rc = record_map(r->s, &r->fields, true, &m, r->element_at, r->err);
    field *cites = rc == TKG_OK ? prov_citations_field(r->s, &r->fields) : NULL;
    if (rc == TKG_OK && declares_citations(r, D_NODE))
        prov_derived_used(r->s, &r->fields);
    if (rc == TKG_OK && !cites)
        rc = file_source(r, D_NODE);
    if (rc == TKG_OK)
        rc = fields_define_entity(
            r->s, &row, entity, kind, &m, r->element_at,
            cites || declares_citations(r, D_NODE) ? FIELDS_NO_SOURCE : r->source, r->err);
    if (rc == TKG_OK)
        r->node->row = row + 1;
    if (rc == TKG_OK && cites)
        rc = add_citations(r, row, cites);
    if (rc == TKG_OK)
        rc = record_attrs(r->s, &r->fields, row, r->err);
    return rc;
}

/* Adds the relation of an edge whose nodes are known, from its `fields`: `e` names the
 * entities of its ends, whose rows are `ends` (TKG_NO_ENTITY: found by id). */
static int add_edge(reader *r, edge_ends e, const uint32_t ends[2], sym gephi_label, record *fields,
                    origin at)
{
    static const char *const kind_keys[] = {"kind", "relation", "type"};
    field *k = NULL;
    for (int i = 0; i < 3 && !k; i++)
        k = record_find(r->s, fields, kind_keys[i]);
    size_t n = 0;
    const char *name = k ? trimmed(r, k, &n) : NULL;
    if (k)
        k->used = true;
    if (n == 0 && gephi_label) {
        name = store_str(r->s, gephi_label);
        n = strlen(name);
    }
    if (n == 0) {
        name = "related_to";
        n = strlen(name);
    }
    /* A GraphML edge id names the edge in its file only (tools number them e0, e1, ...);
     * a relation's own id travels in the `tkg_id` key, as tkg's writer puts it. */
    e.id = SYM_NONE;
    field *own = record_find(r->s, fields, "tkg_id");
    if (own) {
        size_t len;
        const char *t = trimmed(r, own, &len);
        own->used = len > 0;
        if (len && !(e.id = store_intern(r->s, t, len, r->err)))
            return TKG_ENOMEM;
    }
    mapped m;
    uint32_t rel;
    int rc = TKG_OK;
    /* Edges mostly repeat the kind of the edge before; `name` points into an interned string
     * or at a literal, which stay put, so one text is one pointer. */
    if (name == r->kind_name && n == r->kind_len) {
        e.kind = r->kind;
    } else {
        rc = fields_relation_kind(r->s, &e.kind, name, n, r->err);
        if (rc == TKG_OK) {
            r->kind_name = name;
            r->kind_len = n;
            r->kind = e.kind;
        }
    }
    if (rc == TKG_OK)
        rc = record_map(r->s, fields, false, &m, at, r->err);
    if (rc == TKG_OK && ends[0] != TKG_NO_ENTITY && ends[1] != TKG_NO_ENTITY) {
        /* (its identity is known: the table's miss overlaps what comes before the look) */
        relation_row id = {.kind = e.kind, .from = ends[0], .to = ends[1], .iv = m.iv};
        store_relation_prefetch(r->s, &id);
    }
    field *cites = rc == TKG_OK ? prov_citations_field(r->s, fields) : NULL;
    if (rc == TKG_OK && declares_citations(r, D_EDGE))
        prov_derived_used(r->s, fields);
    if (rc == TKG_OK && !cites)
        rc = file_source(r, D_EDGE);
    if (rc == TKG_OK)
        rc = fields_add_relation_between(
            r->s, &rel, ends[0], ends[1], &e, &m, fields, at,
            cites || declares_citations(r, D_EDGE) ? FIELDS_NO_SOURCE : r->source, r->err);
    if (rc == TKG_OK && cites)
        rc = add_citations(r, rel | OWNER_RELATION, cites);
    return rc;
}

static int end_edge(reader *r)
{
    if (!r->element_ok)
        return TKG_OK;
    const edge_ends *e = &r->edge;
    int rc = graphml_add_defaults(r, D_EDGE);
    if (rc != TKG_OK)
        return rc;
    if (r->edge_known)
        return add_edge(r, *e, r->ends, r->gephi_label, &r->fields, r->element_at);
    /* A node comes later (GraphML allows any order), or never: decided once the graph is read. */
    if (vec_reserve(&r->deferred, &r->deferred_cap, (size_t)r->deferred_count + 1,
                    sizeof *r->deferred))
        return nomem(r);
    r->deferred[r->deferred_count++] =
        (deferred){*e, r->gephi_label, r->element_at, r->later.count, r->fields.count};
    for (uint32_t i = 0; i < r->fields.count && rc == TKG_OK; i++)
        rc = record_add(r->s, &r->later, &r->fields.fields[i], r->err);
    return rc;
}

static int end_graph(reader *r)
{
    int rc = TKG_OK;
    for (uint32_t i = 0; i < r->deferred_count && !store_too_many_errors(r->s); i++) {
        const deferred *d = &r->deferred[i];
        const gnode *from = node_of_sym(r, d->ends.from), *to = node_of_sym(r, d->ends.to);
        if (!from)
            rc = store_report(r->s, r->err, d->ends.from_at,
                              "edge source '%s' is not a node of this graph",
                              store_str(r->s, d->ends.from));
        if (!to)
            rc = store_report(r->s, r->err, d->ends.to_at,
                              "edge target '%s' is not a node of this graph",
                              store_str(r->s, d->ends.to));
        record fields = {d->count ? r->later.fields + d->first : NULL, d->count, d->count};
        edge_ends e = d->ends;
        uint32_t ends[2] = {node_row(from), node_row(to)};
        if (from && to) {
            e.from = from->entity ? from->entity : from->id;
            e.to = to->entity ? to->entity : to->id;
        }
        int er = from && to ? add_edge(r, e, ends, d->gephi_label, &fields, d->at) : TKG_OK;
        if (er != TKG_OK && er != TKG_EINPUT)
            return er;
    }
    if (r->parse_nodes >= 0 && (uint32_t)r->parse_nodes != r->nodes)
        rc = store_report(r->s, r->err, r->graph_at,
                          "parse.nodes says %ld nodes, but the graph has %u", r->parse_nodes,
                          r->nodes);
    if (r->parse_edges >= 0 && (uint32_t)r->parse_edges != r->edges)
        rc = store_report(r->s, r->err, r->graph_at,
                          "parse.edges says %ld edges, but the graph has %u", r->parse_edges,
                          r->edges);
    return rc;
}

/* ------------------------------------------------------------ data and defaults */

static int start_data(reader *r, const xml_element *el, uint8_t domain)
{
    r->text_len = 0;
    r->text_too_long = false;
    r->data_children = false;
    r->data_domain = domain;
    r->data_at = element_origin(r, el);
    if ((domain & (D_NODE | D_EDGE)) && !r->element_ok) {
        r->data_key = NO_KEY;
        return TKG_OK; /* the node or edge was refused */
    }
    int rc = graphml_find_key(r, el, domain, &r->data_key);
    if (rc != TKG_OK || !(domain & (D_NODE | D_EDGE)))
        return rc;
    gkey *k = &r->keys[r->data_key];
    if (k->seen == r->stamp) {
        r->data_key = NO_KEY;
        return store_report(r->s, r->err, r->data_at, "a second <data> for key '%s' in this %s",
                            store_str(r->s, k->id), graphml_domain_name(domain));
    }
    k->seen = r->stamp;
    if (r->name_seen[k->name] == r->stamp) {
        r->data_key = NO_KEY;
        return store_report(r->s, r->err, r->data_at,
                            "a second <data> named '%s' in this %s (key '%s' has the attr.name "
                            "of another key given here)",
                            store_str(r->s, k->name), graphml_domain_name(domain),
                            store_str(r->s, k->id));
    }
    r->name_seen[k->name] = r->stamp;
    return TKG_OK;
}

struct day_slot {
    int32_t first; /* the date's first day */
    uint8_t prec;  /* its precision */
    sym value;     /* SYM_NONE: empty */
};

/* The slot of `d`'s symbol when the text of a value is `d` as tkg writes it, else NULL. */
static struct day_slot *day_slot(reader *r, const tkg_date *d)
{
    char canon[16];
    int n = tkg_date_format(d, canon);
    if (n <= 0 || (uint32_t)n != r->text_len || memcmp(canon, r->text, (size_t)n) != 0)
        return NULL;
    if (!r->days)
        r->days = calloc(DAY_SLOTS, sizeof *r->days); /* (none: no memo) */
    uint32_t i = ((uint32_t)d->first + (uint32_t)d->precision * 7919u) & (DAY_SLOTS - 1);
    return r->days ? &r->days[i] : NULL;
}

static int end_data(reader *r)
{
    if (r->data_key == NO_KEY || r->data_children)
        return TKG_OK; /* refused, or structured data of another tool (yEd graphics) */
    gkey *k = &r->keys[r->data_key];
    if (r->text_too_long)
        return store_report(r->s, r->err, r->data_at, "<data> longer than %s",
                            r->data_domain & D_GRAPH ? "64 MiB" : "1 MiB");
    field f = {.name = k->name, .type = k->type, .at = r->data_at, .role = k->role};
    const char *what = store_str(r->s, k->name);
    int rc = TKG_OK;
    struct day_slot *day = NULL;
    if (k->type == TKG_ATTR_STRING && field_role_is_date(k->role)) {
        field_parse_date(&f, r->text, r->text_len); /* (the text is the value) */
        day = f.dated ? day_slot(r, &f.date) : NULL;
    }
    if (day && day->value && day->first == f.date.first && day->prec == f.date.precision)
        f.value = day->value;
    else if (k->no_memo)
        rc = fields_value(r->s, &f.value, k->type, r->text, r->text_len, what, r->data_at, r->err);
    else
        rc = fields_value_cached(r->s, &r->values, &f.value, k->type, r->text, r->text_len, what,
                                 r->data_at, r->err);
    if (rc == TKG_OK && day && f.value)
        *day = (struct day_slot){f.date.first, (uint8_t)f.date.precision, f.value};
    if (rc == TKG_OK && f.value && (r->data_domain & D_GRAPH) &&
        strcmp(store_str(r->s, k->name), "sources") == 0) /* tkg's table of sources */
        return prov_define_sources(r->s, r->text, r->text_len, r->data_at, r->err);
    if (rc != TKG_OK || !f.value || !(r->data_domain & (D_NODE | D_EDGE)))
        return rc; /* other graph data is checked, but tkg has no graph attributes */
    r->name_valued[k->name] = r->stamp;
    return record_add(r->s, &r->fields, &f, r->err);
}

/* ------------------------------------------------------------ SAX events */

static int stop_code(const reader *r, int rc)
{
    if (rc == TKG_OK || rc == TKG_EINPUT)
        return store_too_many_errors(r->s) ? 1 : 0;
    return 1;
}

static bool is_graphml(const xml_element *el)
{
    return !el->ns || strcmp(el->ns, GRAPHML_NS) == 0;
}

/* Refuses an element and ignores what it holds. */
static int refuse(reader *r, const xml_element *el, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int refuse(reader *r, const xml_element *el, const char *fmt, ...)
{
    r->skip = 1;
    va_list ap;
    va_start(ap, fmt);
    int rc = store_vreport(r->s, r->err, element_origin(r, el), fmt, ap);
    va_end(ap);
    return rc;
}

static int start_root(reader *r, const xml_element *el)
{
    r->root_seen = true;
    r->root_at = element_origin(r, el);
    if (strcmp(el->name, "graphml") == 0 && is_graphml(el))
        return TKG_OK;
    r->skip = 1;
    r->graph_seen = true; /* one error is enough */
    if (strcmp(el->name, "graphml") == 0)
        return store_report(
            r->s, r->err, r->root_at,
            "the root <graphml> is in namespace '%s', not in GraphML's (" GRAPHML_NS ")", el->ns);
    return store_report(r->s, r->err, r->root_at, "the root element is <%s>, not <graphml>",
                        el->name);
}

/* A GraphML element inside `in`: handles it and returns what to push, or -1 when it was
 * refused or is ignored (its subtree is then skipped). */
static int start_child(reader *r, const xml_element *el, enum context in, int *rc)
{
    const char *name = el->name;
    if (in == C_DATA || in == C_DEFAULT) {
        r->data_children = true;
        return -1;
    }
    enum gname g = gname_of(name);
    static const uint8_t data_domain[] = {
        [C_GRAPHML] = D_GRAPHML, [C_GRAPH] = D_GRAPH, [C_NODE] = D_NODE, [C_EDGE] = D_EDGE};
    switch (g) {
    case N_DESC:
        return -1;
    case N_HYPEREDGE:
        *rc = refuse(r, el, "hyperedges are not supported");
        return -1;
    case N_PORT:
        *rc = refuse(r, el, "ports are not supported (a <port> in a <%s>)", context_names[in]);
        return -1;
    case N_LOCATOR:
        *rc = refuse(r, el, "references to external graphs (<locator>) are not supported");
        return -1;
    case N_DATA:
        if (in == C_GRAPHML || in == C_GRAPH || in == C_NODE || in == C_EDGE) {
            *rc = start_data(r, el, data_domain[in]);
            return C_DATA;
        }
        break;
    case N_KEY:
        if (in == C_GRAPHML || in == C_GRAPH) {
            *rc = graphml_start_key(r, el);
            return C_KEY;
        }
        break;
    case N_DEFAULT:
        if (in == C_KEY) {
            r->text_len = 0;
            r->text_too_long = false;
            r->data_children = false;
            r->data_at = element_origin(r, el);
            return C_DEFAULT;
        }
        break;
    case N_GRAPH:
        if (in != C_GRAPHML) {
            *rc = refuse(r, el, "nested graphs are not supported (a <graph> inside a <%s>)",
                         context_names[in]);
            return -1;
        }
        if (r->graph_seen) {
            *rc = refuse(r, el,
                         "a second <graph> (the first is at line %u): tkg reads one graph per "
                         "GraphML file",
                         r->graph_at.line);
            return -1;
        }
        *rc = start_graph(r, el);
        return C_GRAPH;
    case N_NODE:
        if (in == C_GRAPH) {
            *rc = start_node(r, el);
            return C_NODE;
        }
        break;
    case N_EDGE:
        if (in == C_GRAPH) {
            *rc = start_edge(r, el);
            return C_EDGE;
        }
        break;
    case N_OTHER:
        *rc = refuse(r, el, "unknown GraphML element <%s>", name);
        return -1;
    case N_GRAPHML:
    case N_ENDPOINT:
        break;
    }
    *rc = refuse(r, el, "<%s> is not allowed in <%s>", name, context_names[in]);
    return -1;
}

static int on_start(void *ctx, const xml_element *el)
{
    reader *r = ctx;
    int rc = TKG_OK;
    if (r->skip) {
        r->skip++;
        return 0;
    }
    if (!r->root_seen) {
        rc = start_root(r, el);
        if (rc == TKG_OK)
            r->stack[r->depth++] = C_GRAPHML;
        return stop_code(r, rc);
    }
    enum context in = r->stack[r->depth - 1];
    if (!is_graphml(el)) {
        /* Another tool's element (yEd, yFiles): ignored, and a <data> holding it too. */
        if (in == C_DATA || in == C_DEFAULT)
            r->data_children = true;
        r->skip = 1;
        return 0;
    }
    int push = start_child(r, el, in, &rc);
    if (push < 0) {
        r->skip = r->skip ? r->skip : 1;
    } else if (r->depth == MAX_DEPTH) {
        r->skip = 1; /* cannot happen: GraphML elements nest at most 5 deep here */
    } else {
        r->stack[r->depth++] = (enum context)push;
    }
    return stop_code(r, rc);
}

static int on_end(void *ctx, const char *name)
{
    (void)name;
    reader *r = ctx;
    int rc = TKG_OK;
    if (r->skip) {
        r->skip--;
        return 0;
    }
    if (r->depth == 0)
        return 0;
    switch (r->stack[--r->depth]) {
    case C_GRAPHML:
        if (!r->graph_seen)
            rc = store_report(r->s, r->err, r->root_at, "no <graph> in this GraphML document");
        break;
    case C_KEY:
        r->key = NO_KEY;
        break;
    case C_DEFAULT:
        rc = graphml_end_default(r);
        break;
    case C_GRAPH:
        rc = end_graph(r);
        break;
    case C_NODE:
        rc = end_node(r);
        break;
    case C_EDGE:
        rc = end_edge(r);
        break;
    case C_DATA:
        rc = end_data(r);
        break;
    }
    return stop_code(r, rc);
}

static int on_text(void *ctx, const char *text, size_t len)
{
    reader *r = ctx;
    if (r->skip || r->depth == 0)
        return 0;
    enum context in = r->stack[r->depth - 1];
    if (in != C_DATA && in != C_DEFAULT)
        return 0;
    uint32_t max = in == C_DATA && (r->data_domain & D_GRAPH) ? MAX_GRAPH_TEXT : MAX_TEXT;
    if (r->text_len + len > max) {
        r->text_too_long = true;
        return 0;
    }
    if (vec_reserve(&r->text, &r->text_cap, (size_t)r->text_len + len, 1)) {
        nomem(r);
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

static int read_graphml(tkg_store *s, const xml_input *in, tkg_error *err)
{
    reader r = {.s = s, .err = err, .key = NO_KEY, .data_key = NO_KEY};
    unsigned before = tkg_store_error_count(s);
    /* the file becomes a source when something cites it (file_source) */
    r.source = FIELDS_NO_SOURCE;
    r.file = store_intern(s, in->name, strlen(in->name), err);
    int rc = r.file ? TKG_OK : TKG_ENOMEM;
    if (rc == TKG_OK) {
        xml_handler h = {
            .ctx = &r, .start = on_start, .end = on_end, .text = on_text, .error = on_error};
        rc = xml_parse(in, &h, err);
    }
    if (rc == TKG_OK && tkg_store_error_count(s) != before)
        rc = TKG_EINPUT;
    free(r.keys);
    free(r.text);
    gnodes_free(&r.ids);
    value_cache_free(&r.values);
    free(r.days);
    free(r.key_of_id);
    free(r.name_seen);
    free(r.name_valued);
    free(r.defaults[0]);
    free(r.defaults[1]);
    free(r.deferred);
    record_free(&r.later);
    record_free(&r.fields);
    return rc;
}

int tkg_read_graphml_buffer(tkg_store *s, const char *data, size_t len, const char *name,
                            tkg_error *err)
{
    xml_input in = xml_input_buffer(&s->opt, data, len, name);
    return read_graphml(s, &in, err);
}

int tkg_read_graphml_file(tkg_store *s, const char *path, tkg_error *err)
{
    xml_input in = xml_input_file(&s->opt, path);
    return read_graphml(s, &in, err);
}
