/* The state of the GraphML reader (read_graphml.c), shared with the module that reads the
 * <key> declarations and applies their defaults (graphml_keys.c). */
#ifndef TKG_GRAPHML_READER_H
#define TKG_GRAPHML_READER_H

#include "fields.h"
#include "graphml_names.h"
#include "xml.h"

#include <string.h>

#define GRAPHML_NS     "http://graphml.graphdrawing.org/xmlns"
#define MAX_DEPTH      8
#define MAX_TEXT       ((uint32_t)1 << 20)
#define MAX_GRAPH_TEXT ((uint32_t)1 << 26) /* a graph's `sources` table */
#define NO_KEY         UINT32_MAX
#define FEW_KEYS       16                  /* find_key compares the ids of up to this many keys */
#define DAY_SLOTS      ((uint32_t)1 << 15) /* 89 years of days */

/* Where a key applies (its `for`). */
enum domain {
    D_NODE = 1,
    D_EDGE = 2,
    D_GRAPH = 4,
    D_GRAPHML = 8,
    D_PORT = 16,
    D_HYPEREDGE = 32,
    D_ENDPOINT = 64,
    D_ALL = 127
};

typedef struct gkey {
    sym id, name;
    uint8_t domain;
    tkg_attr_type type;
    sym def; /* the default value, or SYM_NONE */
    origin at;
    uint32_t seen;    /* the stamp of the last element with data for it */
    uint32_t same_id; /* the previous key with this id (another domain), or NO_KEY */
    uint8_t role;     /* field_role_of(name): what its values mean, decided once */
    /* Its values go through the reader's value memo unless they name the node (label,
     * name), as they seldom repeat: those go straight to the interner, leaving the memo
     * to the values that do (kinds, categories, dates, numbers). */
    bool no_memo;
} gkey;

/* The GraphML elements being read, innermost last. */
enum context { C_GRAPHML, C_KEY, C_DEFAULT, C_GRAPH, C_NODE, C_EDGE, C_DATA };

/* An edge read before one of its nodes: added once the graph is read. */
typedef struct deferred {
    edge_ends ends;
    sym gephi_label;
    origin at;
    uint32_t first, count; /* its fields in reader.later */
} deferred;

typedef struct reader {
    tkg_store *s;
    tkg_error *err;
    sym file;
    uint32_t source;
    enum context stack[MAX_DEPTH];
    unsigned depth;
    unsigned skip; /* > 0 inside an ignored or refused subtree */
    bool root_seen, graph_seen;
    origin root_at, graph_at;
    gkey *keys;
    uint32_t key_count, key_cap;
    /* Node keys and edge keys with a default, in declaration order: what each node (edge)
     * without a value for them gets, without a look at every key. */
    uint32_t *defaults[2];
    uint32_t default_count[2], default_cap[2];
    uint8_t citations; /* the domains for which a key is named `citations` */
    uint32_t key;      /* the key being declared, or NO_KEY */
    uint32_t stamp;    /* counts nodes and edges, for gkey.seen */
    bool element_ok;   /* the node or edge being read is well-formed */
    origin element_at; /* its start tag */
    sym node_id;       /* the node being read */
    gnode *node;       /* its entry in `ids` */
    edge_ends edge;    /* the edge being read */
    bool edge_known;   /* its ends are nodes read before: edge.from and .to are their
                          entities, and `ends` their rows (TKG_NO_ENTITY when a node's
                          entity is not defined); else .from and .to are GraphML ids */
    uint32_t ends[2];
    sym gephi_label;     /* its XML attribute label="…" (Gephi's edge type) */
    record fields;       /* its data */
    uint32_t data_key;   /* the key of the <data> being read, or NO_KEY */
    origin data_at;      /* its start tag */
    bool data_children;  /* it holds elements (another tool's structured data) */
    uint8_t data_domain; /* where it is */
    char *text;
    uint32_t text_len, text_cap;
    bool text_too_long;
    gnodes ids;         /* the nodes read so far, by GraphML id */
    value_cache values; /* for end_data */
    /* The symbols of the dates of date keys written as tkg writes dates (YYYY-MM-DD...), by
     * their day and precision, so that such a value is found without hashing its text:
     * DAY_SLOTS entries, NULL until used. Consecutive days take consecutive slots. */
    struct day_slot *days;
    /* The relation kind of the last edge, by the text that named it (add_edge). */
    const char *kind_name;
    size_t kind_len;
    uint32_t kind;
    /* By symbol: the last key declared with this id (index + 1, or 0), the head of the chain
     * gkey.same_id, so that keys are found in constant time however many a file declares;
     * and by attr.name, the stamps of the last node or edge with data (with a value) of that
     * name, since several keys may share one. */
    uint32_t *key_of_id, *name_seen, *name_valued;
    uint32_t line_cap;
    deferred *deferred;
    uint32_t deferred_count, deferred_cap;
    record later; /* the fields of deferred edges */
    uint32_t nodes, edges;
    long parse_nodes, parse_edges; /* the graph's parse.nodes and parse.edges, or -1 */
} reader;

/* ------------------------------------------------------------ helpers */

static inline int nomem(reader *r)
{
    return tkg_fail(r->err, TKG_ENOMEM, NULL, 0, 0, "out of memory");
}

static inline const xml_attr *find_attr(const xml_element *el, const char *name)
{
    for (size_t i = 0; i < el->attr_count; i++)
        if (strcmp(el->attrs[i].name, name) == 0)
            return &el->attrs[i];
    return NULL;
}

static inline origin element_origin(const reader *r, const xml_element *el)
{
    return (origin){r->file, el->line, el->column};
}

static inline origin attr_origin(const reader *r, const xml_element *el, const char *name)
{
    origin at = element_origin(r, el);
    xml_attr_position(el->parser, el, name, &at.line, &at.column);
    return at;
}

static inline bool attr_is(const xml_attr *a, const char *value)
{
    return a && a->len == strlen(value) && memcmp(a->value, value, a->len) == 0;
}

/* ------------------------------------------------------------ keys (graphml_keys.c) */

/** Reads a <key> declaration: its domain, type and name, and the role of its values. */
int graphml_start_key(reader *r, const xml_element *el);

/** The key named by the `key` attribute of a <data> in `domain` into `*out`, reporting an
 *  unknown key or one declared for another domain. */
int graphml_find_key(reader *r, const xml_element *el, uint8_t domain, uint32_t *out);

/** Reads the end of a <default>: the value of the key being declared. */
int graphml_end_default(reader *r);

/** Adds the defaults of the keys of `domain` that this node or edge gave no value. */
int graphml_add_defaults(reader *r, uint8_t domain);

/** The name of a domain (a key's `for`). */
const char *graphml_domain_name(uint8_t d);

#endif
