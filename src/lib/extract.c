/* tkg extract's pipeline (docs/extract.md, "The command"): the article's text, its language,
 * sentences, actor mentions, temporal expressions, then the relations drafted from them; and
 * tkg_extract, which hands all of it to the draft's writers (extract_write.c). */
#include "extract.h"

#include "error.h"
#include "extract_text.h"
#include "store.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

bool extract_is_ident(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 200 || s[0] == '.' || s[0] == ':' || s[0] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == ':' || c == '-'))
            return false;
    }
    return true;
}

/* ------------------------------------------------------------ the language */

static const char *const fr_words[] = {"le", "la", "les", "des", "du", "et", "est", "une"};
static const char *const en_words[] = {"the", "of", "and", "to", "is", "was", "that"};

static bool in_list(const char *w, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
            return true;
    return false;
}

const char *extract_guess_lang(const char *text, size_t len, size_t *fr, size_t *en)
{
    /* A word is a run of ASCII letters and non-ASCII bytes (accented letters), so that
     * "dès" or "l’est" do not yield "d" or "est"; it is compared in lower case. */
    *fr = *en = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        if (!letter && c < 0x80) {
            i++;
            continue;
        }
        size_t start = i;
        char w[5];
        size_t n = 0;
        bool ascii = true;
        for (; i < len; i++) {
            unsigned char d = (unsigned char)text[i];
            if (d < 0x80 && !((d | 0x20) >= 'a' && (d | 0x20) <= 'z'))
                break;
            ascii &= d < 0x80;
            if (n < sizeof w)
                w[n] = (char)(d | 0x20);
            n++;
        }
        /* An elided article (l’, d’) ends at the apostrophe, which is not a letter: "l’est"
         * reads as "l" then "est"; a word after an apostrophe is not counted. */
        bool after_apostrophe =
            start > 0 && (text[start - 1] == '\'' ||
                          (start >= 3 && memcmp(text + start - 3, "\xE2\x80\x99", 3) == 0));
        if (!ascii || n > 4 || after_apostrophe)
            continue;
        *fr += in_list(w, n, fr_words, sizeof fr_words / sizeof *fr_words);
        *en += in_list(w, n, en_words, sizeof en_words / sizeof *en_words);
    }
    return *fr > *en ? "fr" : *en > *fr ? "en" : NULL;
}

/* ------------------------------------------------------------ options */

int tkg_extract_check_options(const tkg_extract_options *opt, tkg_error *err)
{
    if (!opt->source_id)
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "%s",
                        "--source-id is required: the id of the article's source in the draft");
    if (!extract_is_ident(opt->source_id))
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0,
                        "--source-id: '%.80s' is not an id (letters, digits, _ . : -, not "
                        "starting with . : -, at most 200)",
                        opt->source_id);
    if (!opt->published)
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "%s",
                        "--published is required: the article's date, YYYY-MM-DD");
    tkg_date d;
    tkg_error e = {0};
    if (tkg_date_parse(&d, opt->published, strlen(opt->published), &e) != TKG_OK ||
        d.precision != TKG_PREC_DAY)
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0,
                        "--published: '%.80s' is not a date of the form YYYY-MM-DD%s%s",
                        opt->published, e.code ? ": " : "", e.code ? e.message : "");
    if (opt->lang && strcmp(opt->lang, "fr") != 0 && strcmp(opt->lang, "en") != 0)
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "unknown language '%.80s' (fr or en)",
                        opt->lang);
    if (opt->url && (!store_url_is_web(opt->url) || xml_any_uri(opt->url, strlen(opt->url)) != 1))
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0,
                        "--url: '%.80s' is not an http or https address", opt->url);
    if (opt->format != TKG_EXTRACT_XML && opt->format != TKG_EXTRACT_TSV)
        return tkg_fail(err, TKG_EUSAGE, NULL, 0, 0, "%s", "unknown draft format");
    return TKG_OK;
}

/* ------------------------------------------------------------ the pipeline */

int extract_run_article(extract_run *r, const char *path, const tkg_extract_options *opt,
                        tkg_error *err)
{
    memset(r, 0, sizeof *r);
    int rc = tkg_extract_check_options(opt, err);
    if (rc != TKG_OK)
        goto done;
    if ((rc = tkg_date_parse(&r->published, opt->published, strlen(opt->published), err)) != TKG_OK)
        goto done;
    r->graph = opt->graph;
    r->ontology = opt->ontology ? opt->ontology
                  : opt->graph  ? tkg_store_ontology(opt->graph)
                                : NULL;
    if (!r->ontology) {
        if ((rc = tkg_ontology_default(&r->own_ontology, err)) != TKG_OK)
            goto done;
        r->ontology = r->own_ontology;
    }
    if ((rc = extract_text_file(path, EXTRACT_AUTO, opt->max_input_bytes, &r->text, &r->len,
                                err)) != TKG_OK)
        goto done;
    const char *lang = opt->lang;
    if (!lang) {
        r->lang_guessed = true;
        lang = extract_guess_lang(r->text, r->len, &r->fr_words, &r->en_words);
        if (!lang) {
            rc = tkg_fail(err, TKG_EINPUT, path, 0, 0,
                          "cannot tell the article's language (%zu French and %zu English "
                          "function words): give --lang fr or --lang en",
                          r->fr_words, r->en_words);
            goto done;
        }
    }
    memcpy(r->lang, lang, 3);
    if (opt->lexicon) {
        if ((rc = lexicon_load(&r->lexicon, opt->lexicon, r->ontology, err)) != TKG_OK)
            goto done;
    } else {
        /* The bundled lexicon is written for the bundled ontology: another may lack its
         * kinds, which the message then says with what to do. */
        tkg_error e = {0};
        if ((rc = lexicon_default(&r->lexicon, r->ontology, &e)) != TKG_OK) {
            if (rc == TKG_EINPUT)
                rc = tkg_fail(err, rc, e.source, e.line, e.column,
                              "%.150s, in the bundled lexicon: give --lexicon FILE for this "
                              "ontology",
                              e.message);
            else
                rc = tkg_error_keep(err, &e);
            goto done;
        }
    }
    /* Bundled states are of kind `state`: an ontology without it gets none. */
    bool states = tkg_ontology_entity_kind(r->ontology, "state") != TKG_NO_KIND;
    if ((rc = extract_gazetteer_new(&r->gazetteer, opt->graph, states, err)) != TKG_OK ||
        (rc = extract_sentences(r->text, r->len, r->lang, &r->sentences, &r->sentence_count,
                                err)) != TKG_OK ||
        (rc = extract_actors(r->gazetteer, r->text, r->len, &r->mentions, &r->mention_count,
                             err)) != TKG_OK ||
        (rc = xdate_extract(r->text, r->len, strcmp(r->lang, "fr") == 0 ? XDATE_FR : XDATE_EN,
                            &r->published, &r->dates, &r->date_count, err)) != TKG_OK)
        goto done;
    extract_input in = {.text = r->text,
                        .len = r->len,
                        .lang = r->lang,
                        .published = r->published,
                        .sentences = r->sentences,
                        .sentence_count = r->sentence_count,
                        .mentions = r->mentions,
                        .mention_count = r->mention_count,
                        .dates = r->dates,
                        .date_count = r->date_count,
                        .lexicon = r->lexicon,
                        .ontology = r->ontology};
    rc = extract_relations(&in, &r->drafts, &r->draft_count, err);
done:
    return rc;
}

void extract_run_free(extract_run *r)
{
    free(r->drafts);
    free(r->dates);
    free(r->mentions);
    free(r->sentences);
    extract_gazetteer_free(r->gazetteer);
    lexicon_free(r->lexicon);
    tkg_ontology_free(r->own_ontology);
    free(r->text);
    memset(r, 0, sizeof *r);
}

int tkg_extract(tkg_sink *out, const char *article, const tkg_extract_options *opt,
                tkg_extract_summary *summary, tkg_error *err)
{
    extract_run r;
    extract_draft_set d = {0};
    int rc = extract_run_article(&r, article, opt, err);
    if (rc == TKG_OK)
        rc = extract_draft_set_build(&d, &r, err);
    if (rc == TKG_OK)
        rc = opt->format == TKG_EXTRACT_TSV ? extract_write_tsv(out, &r, &d, err)
                                            : extract_write_xml(out, &r, &d, opt, err);
    if (rc == TKG_OK && summary) {
        *summary = (tkg_extract_summary){.lang_guessed = r.lang_guessed,
                                         .fr_words = r.fr_words,
                                         .en_words = r.en_words,
                                         .sentences = r.sentence_count,
                                         .mentions = r.mention_count,
                                         .dates = r.date_count,
                                         .entities = d.entity_count,
                                         .relations = d.relation_count};
        memcpy(summary->lang, r.lang, 3);
        for (size_t i = 0; i < d.entity_count; i++)
            summary->proposed += d.entities[i].proposed;
    }
    extract_draft_set_free(&d);
    extract_run_free(&r);
    return rc;
}
