/* tkg's own check of a document against one of its bundled schemas (xsd.c), driven by a
 * declaration table per schema (xsd_tables.c: schema/tkg.xsd, schema/ontology.xsd and
 * schema/lexicon.xsd written
 * once in C, held to the .xsd files by tests/readers/xsd_tables.py).
 *
 * The schemas use a small part of XSD 1.0, and the table can say exactly that part: simple
 * types restricting a built-in one with pattern, maxLength and enumeration facets; elements
 * whose content is empty, text of a simple type, or any number of child elements from a list
 * in any order (a repeated choice) with a minimum count; attributes unqualified, of a simple
 * type, required or not, with a default. The reader calls the check on each event before
 * using it; the check reports every problem as PATH:LINE:COL through the reader's error
 * callback, in tkg's words: element, attribute, offending value and what was expected. */
#ifndef TKG_XSD_H
#define TKG_XSD_H

#include "xml.h"

/* A simple type: a built-in one, or a restriction of one. */
typedef struct xsd_type {
    const char *name;    /* as the .xsd names it: "tkg:Ident", "xs:language" */
    const char *base;    /* the built-in type restricted (NULL for a built-in) */
    const char *pattern; /* the pattern facet as written in the .xsd, or NULL */
    /** The pattern, or the lexical space of a built-in, in C (NULL: anything): 1 when `v`
     *  matches, 0 when not, TKG_ENOMEM. */
    int (*matches)(const char *v, size_t n);
    uint32_t max_length;            /* in characters; 0: none */
    const char *const *enumeration; /* NULL-terminated, or NULL */
    bool collapse;                  /* the whiteSpace facet is collapse (else preserve) */
    const char *meaning;            /* what a valid value is, for messages ("" for none) */
} xsd_type;

typedef struct xsd_attr {
    const char *name; /* NULL ends a list */
    const xsd_type *type;
    bool required;
    const char *fallback; /* the default value, or NULL */
} xsd_attr;

typedef struct xsd_element xsd_element;

/* What the readers call the declared elements (xsd_element.id): they tell an element by its
 * declaration, so that its name is written once, in the table. */
enum xsd_id {
    XSD_NONE,
    XSD_TKG, /* schema/tkg.xsd */
    XSD_SOURCE,
    XSD_ENTITY,
    XSD_RELATION,
    XSD_NAME,
    XSD_ALIAS,
    XSD_ATTR,
    XSD_CITE,
    XSD_ONTOLOGY, /* schema/ontology.xsd */
    XSD_ENTITY_KIND,
    XSD_RELATION_KIND,
    XSD_LEXICON, /* schema/lexicon.xsd */
    XSD_LEXICON_RELATION,
    XSD_TRIGGER,
};

/* An element declaration. Its content is one of: empty (no `children`, no `text`); text of
 * type `text`; or child elements, any number in any order, at least `min_children`. */
struct xsd_element {
    const char *name;
    enum xsd_id id;
    const char *type_name; /* its complex type, as the .xsd names it; NULL when anonymous */
    const xsd_attr *attrs; /* ended by a NULL name */
    const xsd_element *const *children; /* NULL-terminated, or NULL */
    uint32_t min_children;
    const xsd_type *text; /* simple content, or NULL */
};

typedef struct xsd_schema {
    const char *file; /* "tkg.xsd" */
    const char *ns;   /* the target namespace */
    const xsd_element *root;
} xsd_schema;

extern const xsd_schema xsd_tkg;      /* schema/tkg.xsd */
extern const xsd_schema xsd_ontology; /* schema/ontology.xsd */
extern const xsd_schema xsd_lexicon;  /* schema/lexicon.xsd */

/** Whether `v` (`n` bytes) is a valid value of `t`: white space, length, enumeration and
 *  pattern, in the order XSD applies them. 1 or 0, or TKG_ENOMEM. */
int xsd_valid(const xsd_type *t, const char *v, size_t n);

/* What xsd_start says of an element. */
enum xsd_verdict {
    XSD_VALID,    /* use it */
    XSD_INVALID,  /* an attribute was wrong (reported): do not use it; its content is checked */
    XSD_REJECTED, /* not allowed here or incomplete (reported): ignore it and all it holds */
};

#define XSD_DEPTH 8 /* deeper than any element the schemas declare */

/* The check of one document. */
typedef struct xsd_check {
    const xsd_schema *schema;
    const char *file; /* for messages */
    /** Where problems go; returns non-zero to stop (then `stopped`). */
    int (*error)(void *ctx, const tkg_error *e);
    void *ctx;
    bool stopped;
    xml_parser *parser; /* of the last start tag, for the positions of text */
    unsigned depth;     /* elements open */
    unsigned skip;      /* depth of a rejected element: what it holds is not checked */
    struct {
        const xsd_element *decl;
        uint32_t line, column;
        uint32_t children;
        bool problem; /* a child or text of it was reported */
    } open[XSD_DEPTH];
    char *text; /* the text of the innermost open element with simple content */
    size_t text_len, text_cap;
} xsd_check;

/** A check of a document named `file` against `schema`, reporting through `error`. */
xsd_check xsd_check_init(const xsd_schema *schema, const char *file,
                         int (*error)(void *ctx, const tkg_error *e), void *ctx);
/** At a start tag: its verdict. */
enum xsd_verdict xsd_start(xsd_check *c, const xml_element *el);
/** At text; false when it was reported (text where the schema allows none). */
bool xsd_text(xsd_check *c, const char *text, size_t len);
/** At an end tag; false when the element's text was reported (not of its type). */
bool xsd_end(xsd_check *c);
/** The id of the innermost open element, as xsd_start left it (XSD_NONE when none is open
 *  or it was rejected): call it after xsd_start, or before xsd_end. */
enum xsd_id xsd_open_id(const xsd_check *c);
/** True while the elements open are inside a rejected one. */
bool xsd_skipping(const xsd_check *c);
void xsd_check_free(xsd_check *c);

#endif
