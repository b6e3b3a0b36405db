/* The words of a sentence, for drafting relations (docs/extract.md, "Relations", "Triggers"):
 * the tokens a sentence is cut into, the work state the drafting of an article shares
 * between src/lib/extract_relations.c (triggers, actors, dates) and src/lib/extract_inferred.c
 * (the rules beyond a trigger), and the predicates on words and mentions both read. Internal
 * to the drafting of relations. */
#ifndef TKG_EXTRACT_WORDS_H
#define TKG_EXTRACT_WORDS_H

#include "extract_relations.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* No index: no mention, no token, no draft. */
#define NONE ((size_t)-1)

/* What a token is. */
typedef enum tok_type {
    TOK_WORD,
    TOK_COMMA,   /* , */
    TOK_BARRIER, /* ; : ? ! … ( ) [ ] and dashes: the end of a clause */
    TOK_OTHER,   /* quotes and other signs, read through */
} tok_type;

/* A token of the sentence being drafted: a word (folded), a comma or a sign. */
typedef struct token {
    size_t start, end; /* bytes in the text */
    size_t fold, flen; /* the folded word in the sentence's buffer (words only) */
    tok_type type;
    size_t mention; /* index into the mentions, NONE outside them */
    bool adjective; /* a word derived from a mention's name ("maliennes"): `mention` is one
                       of the same entity */
    bool date;      /* within a temporal expression */
    bool anaphor;   /* "le pays", "the country": `mention` is the state the sentence named
                       before it (marked `adjective` too: a one-token actor) */
} token;

/* The drafting of one article: what it reads, the tokens of the sentence at hand (made anew
 * for each sentence) and the drafts so far, in text order. */
typedef struct work {
    const extract_input *in;
    const lexicon_trigger **trig; /* the triggers of the language */
    size_t ntrig;
    uint32_t *kinds; /* each mention's entity kind in the ontology, TKG_NO_KIND when unknown */
    token *tok;
    size_t ntok, captok;
    char *fold;
    size_t nfold, capfold;
    char **stems;   /* the folded one-word names of the article's actors, for adjectives */
    size_t *stem_m; /* a mention of each */
    size_t nstem;
    extract_draft *out;
    size_t nout, capout;
} work;

/* Sets up `w` for drafting `in`: the lexicon's triggers of its language, each mention's kind,
 * the actors' one-word names. -1 when out of memory; the caller frees `w` with xw_free in
 * any case. */
int xw_init(work *w, const extract_input *in);
/* Frees what `w` holds; `w` may be partly set up. */
void xw_free(work *w);

/* Cuts text[start, end) into the sentence's tokens; -1 when out of memory. */
int xw_tokenize(work *w, size_t start, size_t end);
/* Marks the tokens in mentions [mlo, mhi) and dates [dlo, dhi), actors' adjectives, "le pays". */
void xw_mark(work *w, size_t mlo, size_t mhi, size_t dlo, size_t dhi);
/* The first token of the mention at token `k`. */
size_t xw_span_first(const work *w, size_t k);
/* The last token of the mention at token `k`. */
size_t xw_span_last(const work *w, size_t k);
/* The first token of the mention `m`. */
size_t xw_token_at(const work *w, size_t m);
/* In English, the first token of the head of the compound starting at token `k`, or `k`. */
size_t xw_head(const work *w, size_t k);

/* True when `t` is the word `s` (folded). */
bool xw_word_is(const work *w, const token *t, const char *s);
/* An article: le, la, les, l', the, un, une, a, an. */
bool xw_determiner(const work *w, const token *t);
/* An article or a preposition that may link coordinated actors: de, du, des, au, of... */
bool xw_link_word(const work *w, const token *t);
/* et, and, ou, or. */
bool xw_conjunction(const work *w, const token *t);
/* True when the mention starting at token `k` is a noun's complement (de, of before it). */
bool xw_complement(const work *w, size_t k);
/* True when the mention starting at token `k` follows a preposition. */
bool xw_prepositional(const work *w, size_t k);
/* True when trigger `t` is made only of prepositions and articles. */
bool xw_function_word(const lexicon_trigger *t);

/* True when mention `m`'s kind is `kind` or a subkind of it (any mention for TKG_NO_KIND). */
bool xw_fits(const work *w, size_t m, uint32_t kind);
/* True when mentions `a` and `b` (NONE allowed) are of the same entity. */
bool xw_same_entity(const work *w, size_t a, size_t b);

/* A draft of trigger `t`, matched at tokens [k0, k1], from mention `from` to `to` in sentence
 * `si`; its dates, confidence and rule are the caller's to set. */
extract_draft xw_draft(const work *w, const lexicon_trigger *t, size_t from, size_t to, size_t si,
                       size_t k0, size_t k1);
/* Dates draft `d`, whose sentence gives no date, by the publication date, in the role its
 * trigger gives a point date (the event's `date`, its `start` or its `end`: a mission that
 * "quitte le pays" ends its deployment that day), and sets `date_from_published`. */
void xw_date_published(const work *w, extract_draft *d);
/* The sentence's setting: a state named by a fronted "In X,", "Au X,", "En X,", "Aux X,"
 * (articles aside) that opens the sentence, as its mention; NONE without one. */
size_t xw_setting(const work *w);
/* The confidence a draft of trigger `t` starts from, by the trigger's confidence. */
double xw_confidence(const lexicon_trigger *t);
/* Adds `d` to the sentence's drafts (from `first` on) unless one says the same as surely;
 * -1 when out of memory. */
int xw_push_draft(work *w, const extract_draft *d, size_t first);

#endif
