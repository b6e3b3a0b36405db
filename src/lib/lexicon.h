/* Internal interface of the relation lexicon (lexicon.c): for relation kinds of the ontology,
 * the phrases of a news text that express them (triggers), in French and English, loaded from
 * XML checked against schema/lexicon.xsd's declaration table (xsd.h) and then against the
 * ontology in use. The default lexicon, schema/lexicon.xml, is compiled into the library.
 *
 * Matching is the matcher's business; this module gives each trigger as words folded by
 * lexicon_fold (case, accents, ligatures, apostrophes and white space), so that the matcher
 * folds the text with the same function and compares words. Format: docs/format.md. */
#ifndef TKG_LEXICON_H
#define TKG_LEXICON_H

#include "tkg.h"

/* Where the from and the to actor mentions stand, relative to the trigger and each other. */
typedef enum lexicon_order {
    LEXICON_FROM_TRIGGER_TO, /* "le Mali quitte la Cédéao" (the default) */
    LEXICON_TO_TRIGGER_FROM, /* "le Mali, dirigé par Assimi Goïta" */
    LEXICON_TRIGGER_FROM_TO, /* "le retrait du Mali de la Cédéao" */
    LEXICON_TRIGGER_TO_FROM, /* "la création par la résolution 2100 de la MINUSMA" */
} lexicon_order;

/* How sure a match is. */
typedef enum lexicon_confidence {
    LEXICON_HIGH,
    LEXICON_MEDIUM, /* the default */
    LEXICON_LOW,
} lexicon_confidence;

/* The role of a point date of the sentence that no preposition qualifies. */
typedef enum lexicon_date_role {
    LEXICON_DATE, /* the event's date (the default) */
    LEXICON_START,
    LEXICON_END,
} lexicon_date_role;

/* A word of a folded trigger: `len` bytes at `text`; `prefix` when it ended with `*` in the
 * file (then it matches any word that starts with `text`; the `*` is not in `text`). */
typedef struct lexicon_word {
    const char *text;
    size_t len;
    bool prefix;
} lexicon_word;

typedef struct lexicon_trigger {
    uint32_t kind;       /* a relation kind of the ontology the lexicon was loaded with */
    char lang[3];        /* "fr" or "en" */
    char *text;          /* as written, white space collapsed: for the reviewer ("why") */
    char *folded;        /* lexicon_fold(text): the words separated by one space */
    lexicon_word *words; /* into `folded` */
    uint32_t word_count;
    lexicon_order order;
    lexicon_confidence confidence;
    lexicon_date_role date_role;
    uint32_t line, column; /* of its <trigger> in the file */
} lexicon_trigger;

typedef struct lexicon lexicon;

/** Loads the lexicon file `path`, checked against schema/lexicon.xsd and against `o` (which
 *  must outlive nothing: kinds are kept as indexes into `o`). Errors are
 *  `PATH:LINE:COL: error: ...` in `err`; on failure `*out` is NULL. */
int lexicon_load(lexicon **out, const char *path, const tkg_ontology *o, tkg_error *err);
/** The same from `len` bytes at `data`, named `name` in messages. */
int lexicon_load_buffer(lexicon **out, const char *data, size_t len, const char *name,
                        const tkg_ontology *o, tkg_error *err);
/** The default lexicon (schema/lexicon.xml, compiled in), checked against `o`. */
int lexicon_default(lexicon **out, const tkg_ontology *o, tkg_error *err);
void lexicon_free(lexicon *lx);

/** The lexicon's name (its root's name attribute). */
const char *lexicon_name(const lexicon *lx);
/** Its triggers, in document order. */
size_t lexicon_trigger_count(const lexicon *lx);
const lexicon_trigger *lexicon_trigger_at(const lexicon *lx, size_t i);

/** Folds `n` bytes of UTF-8 at `s` for matching, into a new NUL-terminated string `*out`
 *  (`*out_len` bytes, not counting the NUL): letters to lower case without accents (Latin-1
 *  and Latin Extended-A: É → e, Ç → c, Œ → oe, ß → ss), the typographic apostrophes ’ ‘ ʼ to ',
 *  every run of white space (ASCII, no-break spaces) to one space, none at either end; other
 *  characters kept as they are. Invalid UTF-8 bytes are kept as they are. TKG_OK or
 *  TKG_ENOMEM. */
int lexicon_fold(char **out, size_t *out_len, const char *s, size_t n);

/** One step of lexicon_fold, for a matcher that maps folded text back to byte offsets of the
 *  original: folds the character at `s` (`n` > 0 bytes left) into `buf` (0 to 2 bytes; white
 *  space gives one space, which the caller collapses), sets `*used` to the bytes it read (at
 *  least 1) and returns the bytes written. */
size_t lexicon_fold_step(const char *s, size_t n, size_t *used, char buf[4]);

#endif
