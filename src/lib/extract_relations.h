/* Drafting relations from an article (docs/extract.md, "Relations"): a sentence that holds a
 * trigger of the lexicon and two actor mentions whose kinds fit the trigger's relation kind
 * (its domain and range, subkinds included) gives a draft relation, dated by the sentence's
 * temporal expressions and their roles. Internal to the library. */
#ifndef TKG_EXTRACT_RELATIONS_H
#define TKG_EXTRACT_RELATIONS_H

#include "extract_actors.h"
#include "extract_dates.h"
#include "extract_sentences.h"
#include "lexicon.h"
#include "tkg.h"

#include <stdbool.h>
#include <stddef.h>

/* What the drafting reads: the article's text and what the earlier steps found in it, all in
 * text order, all borrowed. */
typedef struct extract_input {
    const char *text; /* UTF-8, `len` bytes */
    size_t len;
    const char *lang;   /* "fr" or "en": only the lexicon's triggers of this language */
    tkg_date published; /* day precision: a dated kind without a date in its sentence */
    const extract_span *sentences;
    size_t sentence_count;
    const extract_mention *mentions;
    size_t mention_count;
    const xdate *dates;
    size_t date_count;
    const lexicon *lexicon;
    const tkg_ontology *ontology; /* the one the lexicon was loaded with */
} extract_input;

/* A draft relation. Dates: `date` for a point fact, or `start` and/or `end`; a field that is
 * absent has precision TKG_PREC_NONE. A relation kind marked dated always gets one: when its
 * sentence gives none, the publication date, in the role the trigger gives a point date
 * (`date`, `start` or `end`), and `date_from_published` is set. */
typedef struct extract_draft {
    uint32_t kind;                     /* a relation kind of the ontology */
    size_t from, to;                   /* indexes into the mentions */
    size_t sentence;                   /* index into the sentences */
    size_t trigger_start, trigger_end; /* the trigger's bytes in the text */
    const lexicon_trigger *trigger;    /* borrowed from the lexicon */
    tkg_date date, start, end;
    bool date_from_published;
    double confidence; /* in (0, 1]: how sure tkg is, for the reviewer to sort by */
    const char *rule;  /* static text: the rule that drafted it, for the reviewer */
} extract_draft;

/**
 * Drafts the relations of `in`: `*out` (malloc'ed, the caller frees it; NULL when none) gets
 * `*count` drafts in text order (by sentence, then trigger). Errors: TKG_ENOMEM; `*out` is then
 * NULL and `*count` 0.
 */
int extract_relations(const extract_input *in, extract_draft **out, size_t *count, tkg_error *err);

#endif
