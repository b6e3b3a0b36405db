/* tkg extract's pipeline (extract.c) and the draft's writers (extract_write.c): an article's
 * text, its sentences, actor mentions and temporal expressions, the relations drafted from
 * them, then the draft in TKG-XML or TSV (docs/extract.md, "The command", "The draft").
 * Internal to the library; the public entry is tkg_extract (tkg.h). */
#ifndef TKG_EXTRACT_H
#define TKG_EXTRACT_H

#include "extract_relations.h"

/* Everything the writers need, owned by the run (extract_run_free). */
typedef struct extract_run {
    char *text; /* the article's text, NUL-terminated, `len` bytes */
    size_t len;
    char lang[3];
    tkg_date published;
    const tkg_store *graph;       /* borrowed: the known graph, or NULL */
    const tkg_ontology *ontology; /* the one in use (borrowed, or `own_ontology`) */
    tkg_ontology *own_ontology;   /* the bundled one, when neither option nor graph gave one */
    lexicon *lexicon;
    extract_gazetteer *gazetteer; /* the mentions' ids and kinds belong to it */
    extract_span *sentences;
    size_t sentence_count;
    extract_mention *mentions;
    size_t mention_count;
    xdate *dates;
    size_t date_count;
    extract_draft *drafts;
    size_t draft_count;
    size_t fr_words, en_words; /* function words counted for the guess */
    bool lang_guessed;
} extract_run;

/** The language guess: counts the French and English function words of `text` (docs/
 *  extract.md, "The command") into `*fr` and `*en`; returns "fr", "en", or NULL on a tie. */
const char *extract_guess_lang(const char *text, size_t len, size_t *fr, size_t *en);

/** True when `s` is an ident of TKG-XML: [A-Za-z0-9_][A-Za-z0-9_.:-]*, at most 200 bytes. */
bool extract_is_ident(const char *s);

/** Runs the pipeline on the article `path` with `opt` (checked first) into `*r` (zeroed
 *  first; free it with extract_run_free, also on failure). Errors as tkg_extract's. */
int extract_run_article(extract_run *r, const char *path, const tkg_extract_options *opt,
                        tkg_error *err);
void extract_run_free(extract_run *r);

/* The draft as written: entities and merged relations, in the draft's order. */
typedef struct extract_entity {
    const char *id, *kind; /* the gazetteer's */
    bool proposed;
    uint32_t row;         /* the graph's entity, or TKG_NO_ENTITY for a proposed one */
    size_t first_mention; /* index into the run's mentions */
    size_t sentence;      /* the sentence of its first mention (SIZE_MAX: none) */
} extract_entity;

typedef struct extract_relation {
    size_t best;       /* the draft with the highest confidence (the first among equals) */
    size_t *sentences; /* the distinct sentences citing it, in text order */
    size_t sentence_count;
    size_t from, to; /* indexes into the entities */
    bool known;      /* the --graph inputs hold it already: the article adds a citation */
} extract_relation;

typedef struct extract_draft_set {
    extract_entity *entities;
    size_t entity_count;
    extract_relation *relations;
    size_t relation_count;
} extract_draft_set;

/** Builds the draft of `r`: one entity per actor id, in the order of their first mentions;
 *  one relation per kind, endpoints and interval, in the order of their first drafts, each
 *  marked known when the graph holds a relation of that kind, endpoints and written dates.
 *  TKG_OK or TKG_ENOMEM. Free with extract_draft_set_free. */
int extract_draft_set_build(extract_draft_set *d, const extract_run *r, tkg_error *err);
void extract_draft_set_free(extract_draft_set *d);

/** Writes the draft in TKG-XML or TSV. Returns the sink's first error. */
int extract_write_xml(tkg_sink *out, const extract_run *r, const extract_draft_set *d,
                      const tkg_extract_options *opt, tkg_error *err);
int extract_write_tsv(tkg_sink *out, const extract_run *r, const extract_draft_set *d,
                      tkg_error *err);

#endif
