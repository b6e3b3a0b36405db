/* Unit tests for src/lib/extract_relations.c (with extract_words.c and extract_inferred.c): each
 * rule on short texts (the orders, domain and range, the nearest mention, coordination, dates
 * by the expression's role and by the trigger's, the publication date, symmetric kinds, no
 * relation of an actor with itself, no duplicate, English), and the seed article's precision and
 * recall against the relations of graphs/sahel.xml, computed here from the graph. */
#include "extract_actors.h"
#include "extract_dates.h"
#include "extract_relations.h"
#include "extract_sentences.h"
#include "extract_text.h"
#include "lexicon.h"
#include "tkg.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tkg_store *sahel;       /* graphs/sahel.xml */
static extract_gazetteer *gaz; /* its entities and the bundled states */
static tkg_ontology *ontology; /* the default one */
static lexicon *lex;           /* the default lexicon */

static int setup(void)
{
    tkg_error err;
    tkg_error_clear(&err);
    const char *dir = getenv("TKG_SOURCE_DIR");
    char path[1024];
    if (!dir)
        return 1;
    snprintf(path, sizeof path, "%s/graphs/sahel.xml", dir);
    if (tkg_store_new(&sahel, NULL, &err) != TKG_OK ||
        tkg_read_xml_file(sahel, path, &err) != TKG_OK || tkg_store_finish(sahel, &err) != TKG_OK)
        return 1;
    if (extract_gazetteer_new(&gaz, sahel, true, &err) != TKG_OK)
        return 1;
    if (tkg_ontology_default(&ontology, &err) != TKG_OK)
        return 1;
    return lexicon_default(&lex, ontology, &err) != TKG_OK;
}

static int teardown(void)
{
    lexicon_free(lex);
    tkg_ontology_free(ontology);
    extract_gazetteer_free(gaz);
    tkg_store_free(sahel);
    return 0;
}

/* What the earlier steps find in a text, and the drafts. */
typedef struct run {
    char *text; /* a copy of exactly the text's length, so that ASan sees reads past it */
    size_t len;
    extract_span *sentences;
    extract_mention *mentions;
    xdate *dates;
    extract_input in;
    extract_draft *drafts;
    size_t count;
} run;

static void run_free(run *r)
{
    free(r->text);
    free(r->sentences);
    free(r->mentions);
    free(r->dates);
    free(r->drafts);
    memset(r, 0, sizeof *r);
}

static void run_text(run *r, const extract_gazetteer *g, const lexicon *lx, const char *lang,
                     const char *published, const char *text, size_t len)
{
    tkg_error err;
    tkg_error_clear(&err);
    memset(r, 0, sizeof *r);
    r->text = malloc(len ? len : 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r->text);
    memcpy(r->text, text, len);
    r->len = len;
    extract_input *in = &r->in;
    in->text = r->text;
    in->len = len;
    in->lang = lang;
    CU_ASSERT_EQUAL_FATAL(tkg_date_parse(&in->published, published, strlen(published), &err),
                          TKG_OK);
    CU_ASSERT_EQUAL_FATAL(
        extract_sentences(r->text, len, lang, &r->sentences, &in->sentence_count, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(extract_actors(g, r->text, len, &r->mentions, &in->mention_count, &err),
                          TKG_OK);
    CU_ASSERT_EQUAL_FATAL(xdate_extract(r->text, len, lang[0] == 'f' ? XDATE_FR : XDATE_EN,
                                        &in->published, &r->dates, &in->date_count, &err),
                          TKG_OK);
    in->sentences = r->sentences;
    in->mentions = r->mentions;
    in->dates = r->dates;
    in->lexicon = lx;
    in->ontology = ontology;
    CU_ASSERT_EQUAL_FATAL(extract_relations(in, &r->drafts, &r->count, &err), TKG_OK);
    CU_ASSERT((r->count == 0) == (r->drafts == NULL));
}

/* A draft as "kind from>to date|start..end", a "*" after it for the publication date. */
static void draft_string(const run *r, const extract_draft *d, char *out, size_t size)
{
    char date[11], start[11], end[11];
    tkg_date_format(&d->date, date);
    tkg_date_format(&d->start, start);
    tkg_date_format(&d->end, end);
    int n = snprintf(out, size, "%s %s>%s", tkg_relation_kind_name(ontology, d->kind),
                     r->mentions[d->from].id, r->mentions[d->to].id);
    if (date[0])
        n += snprintf(out + n, size - (size_t)n, " %s", date);
    if (start[0] || end[0])
        n += snprintf(out + n, size - (size_t)n, " %s..%s", start, end);
    if (d->date_from_published)
        snprintf(out + n, size - (size_t)n, "*");
}

/* Every draft of `text` joined by " | ", after checking what every draft must be. */
static const char *drafts(const extract_gazetteer *g, const char *lang, const char *published,
                          const char *text)
{
    static char out[4096];
    run r;
    size_t used = 0;
    out[0] = '\0';
    run_text(&r, g, lex, lang, published, text, strlen(text));
    for (size_t i = 0; i < r.count; i++) {
        const extract_draft *d = &r.drafts[i];
        char one[256];
        CU_ASSERT(d->from < r.in.mention_count && d->to < r.in.mention_count);
        CU_ASSERT(strcmp(r.mentions[d->from].id, r.mentions[d->to].id) != 0);
        CU_ASSERT(d->confidence > 0 && d->confidence <= 1);
        CU_ASSERT(d->rule != NULL && d->trigger != NULL && d->trigger->kind == d->kind);
        CU_ASSERT(d->sentence < r.in.sentence_count);
        CU_ASSERT(r.sentences[d->sentence].start <= d->trigger_start &&
                  d->trigger_start < d->trigger_end &&
                  d->trigger_end <= r.sentences[d->sentence].end);
        CU_ASSERT(i == 0 || r.drafts[i - 1].sentence < d->sentence ||
                  (r.drafts[i - 1].sentence == d->sentence &&
                   r.drafts[i - 1].trigger_start <= d->trigger_start));
        if (tkg_relation_kind_dated(ontology, d->kind))
            CU_ASSERT(d->date.precision || d->start.precision || d->end.precision);
        CU_ASSERT(d->date.precision == TKG_PREC_NONE ||
                  (d->start.precision == TKG_PREC_NONE && d->end.precision == TKG_PREC_NONE));
        draft_string(&r, d, one, sizeof one);
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%s", i ? " | " : "", one);
        CU_ASSERT_FATAL(used < sizeof out);
    }
    run_free(&r);
    return out;
}

static void expect(const char *lang, const char *text, const char *want)
{
    const char *got = drafts(gaz, lang, "2024-11-15", text);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\n  text: %s\n  got:  %s\n  want: %s\n", text, got, want);
    CU_ASSERT_STRING_EQUAL(got, want);
}

/* ------------------------------------------------------------------------ the rules */

static void test_orders(void)
{
    /* from-trigger-to */
    expect("fr", "Le Mali quitte la Cédéao le 28 janvier 2024.",
           "withdrew_from mali>ecowas 2024-01-28");
    /* to-trigger-from, across an apposition's comma */
    expect("fr", "Le Mali, dirigé par Assimi Goïta, vote.", "leads assimi-goita>mali 2024-11-15*");
    /* trigger-from-to */
    expect("fr", "Le retrait du Mali de la Cédéao en janvier 2024.",
           "withdrew_from mali>ecowas 2024-01");
    /* The same phrase, another kind: the actors' kinds choose (a mission leaves a country). */
    expect("fr", "La MINUSMA quitte le Mali en décembre 2023.",
           "deployed_in minusma>mali ..2023-12");
}

static void test_domain_range(void)
{
    /* Cities are places, not actors: no alliance between them. */
    expect("fr", "Bamako s'est allié à Niamey en 2023.", "");
    /* A state does not lead a state; a person does. */
    expect("fr", "Le Mali, dirigé par la France.", "");
    /* The nearest mention that fits is taken, past one that does not (the UN is no mission). */
    expect("fr", "La MINUSMA de l'ONU quitte le Mali en 2023.",
           "part_of minusma>un | deployed_in minusma>mali ..2023");
}

static void test_nearest(void)
{
    /* Of two actors before the trigger, the nearer; a comma ends the clause. */
    expect("fr", "La France et le Niger, au sommet, le Mali quitte la Cédéao en 2024.",
           "withdrew_from mali>ecowas 2024");
    /* Too far from the trigger: another clause. */
    expect("fr",
           "Le Mali a longtemps été, selon de très nombreux observateurs de la région du "
           "Sahel et d'ailleurs, un pays qui quitte la Cédéao.",
           "");
    /* The other endpoint is never the same entity: the next one is looked for. */
    expect("fr", "Le Mali et la Cédéao : le Mali quitte le Mali et la Cédéao en 2024.",
           "withdrew_from mali>ecowas 2024");
}

static void test_coordination(void)
{
    expect("fr", "Le Mali s'est allié au Niger et au Burkina Faso le 6 juillet.",
           "allied_with mali>niger 2024-07-06.. | allied_with mali>burkina-faso 2024-07-06..");
    expect("fr", "Le Mali, le Burkina Faso et le Niger ont quitté la Cédéao en janvier 2024.",
           "withdrew_from niger>ecowas 2024-01 | withdrew_from burkina-faso>ecowas 2024-01 | "
           "withdrew_from mali>ecowas 2024-01");
    /* A comma alone is no coordination: "Au Mali, la France". */
    expect("fr", "Au Mali, la France quitte la Cédéao en 2024.",
           "withdrew_from france>ecowas 2024");
}

static void test_dates(void)
{
    /* By the expression's preposition: depuis -> start, jusqu'au -> end. */
    expect("fr", "Le Mali, dirigé par Assimi Goïta depuis mai 2021, vote.",
           "leads assimi-goita>mali 2021-05..");
    expect("fr", "Le Mali, dirigé par Assimi Goïta jusqu'au 31 décembre, vote.",
           "leads assimi-goita>mali ..2024-12-31");
    expect("fr", "Le Mali, dirigé par Assimi Goïta du 1er janvier au 15 novembre 2024, vote.",
           "leads assimi-goita>mali 2024-01-01..2024-11-15");
    /* A point date by the trigger's role: "rejoindre" starts a membership. */
    expect("fr", "Le Mali a rejoint l'AES en septembre 2023.", "member_of mali>aes 2023-09..");
    /* Several dates: the nearest to the trigger and its actors. */
    expect("fr",
           "En 2013, la MINUSMA a été créée le 25 avril 2013 par la résolution 2100 et le Mali "
           "a quitté la Cédéao en janvier 2024.",
           "established_by minusma>unsc-res-2100 2013-04-25 | withdrew_from mali>ecowas 2024-01");
    /* A dated kind without a date in its sentence: the publication date, marked. */
    expect("fr", "Le Mali quitte la Cédéao.", "withdrew_from mali>ecowas 2024-11-15*");
    /* An undated kind without a date stays undated. */
    expect("fr", "La MINUSMA de l'ONU.", "part_of minusma>un");
}

static void test_symmetric_self_duplicates(void)
{
    /* One alliance, whichever way it is written, once per sentence. */
    expect("fr", "Le Mali s'est allié au Niger et le Niger s'est allié au Mali en 2023.",
           "allied_with mali>niger 2023..");
    /* A symmetric kind without an object ties the coordinated subject's actors together;
     * not a subject alone, and not when there is an object. */
    expect("fr", "Le Niger et la France sont alliés depuis janvier 2024.",
           "allied_with niger>france 2024-01..");
    expect("en", "Mali, Niger and France have been allies since 2018.",
           "allied_with niger>france 2018.. | allied_with mali>france 2018.. | "
           "allied_with mali>niger 2018..");
    expect("fr", "Le Niger est allié depuis 2024.", "");
    expect("fr", "Le Niger et le Mali sont alliés avec la France depuis 2024.",
           "allied_with mali>france 2024.. | allied_with niger>france 2024..");
    /* Never an actor with itself. */
    expect("fr", "Le Mali quitte le Mali.", "");
    /* Two triggers, one relation: one draft. */
    expect("fr", "Le Mali quitte la Cédéao et le Mali se retire de la Cédéao en 2024.",
           "withdrew_from mali>ecowas 2024");
    /* The surer of two takes its own trigger's place, in text order. */
    expect("fr",
           "Le Mali quitte la Cédéao, le Niger quitte la Cédéao et le Mali se retire de la "
           "Cédéao.",
           "withdrew_from niger>ecowas 2024-11-15* | withdrew_from mali>ecowas 2024-11-15*");
}

static void test_adjectives(void)
{
    /* An actor the article names may stand as its adjective: "les autorités maliennes". */
    expect("fr",
           "Les autorités maliennes récupèrent le camp de la MINUSMA à Bamako le 15 "
           "novembre. Le Mali a signé.",
           "handed_over_to camp-bamako>mali 2024-11-15 | controlled mali>camp-bamako 2024-11-15.. "
           "| controlled minusma>camp-bamako ..2024-11-15 | located_in camp-bamako>bamako");
    expect("en", "The Malian junta retook the MINUSMA camp in Bamako. Mali signed.",
           "controlled mali>camp-bamako 2024-11-15..* | located_in camp-bamako>bamako");
    /* "le pays", "the country": the state the sentence named before it; none without one. */
    expect("fr", "Au Mali, Assimi Goïta dirige le pays depuis mai 2021.",
           "leads assimi-goita>mali 2021-05..");
    expect("en", "In Mali, Assimi Goïta has led the country since May 2021.",
           "leads assimi-goita>mali 2021-05..");
    expect("fr", "Assimi Goïta dirige le pays depuis mai 2021 ; le Mali vote.", "");
    /* Not of an actor the article does not name; not any word that starts like a name (the
     * camp's name still says where it is). */
    expect("fr", "Les autorités maliennes récupèrent le camp de la MINUSMA à Bamako.",
           "located_in camp-bamako>bamako");
    expect("fr", "Le Malinké récupère le camp de la MINUSMA à Bamako ; le Mali signe.",
           "located_in camp-bamako>bamako");
}

static void test_clauses(void)
{
    /* An insertion between the subject and its verb is read through; its date stays in it. */
    expect("fr",
           "Le Mali, dirigé par Assimi Goïta depuis mai 2021, a quitté la Cédéao le 28 "
           "janvier 2024.",
           "leads assimi-goita>mali 2021-05.. | withdrew_from mali>ecowas 2024-01-28");
    expect("en", "Assimi Goïta, the leader of Mali, accused France on Monday.",
           "leads assimi-goita>mali 2024-11-15* | accused assimi-goita>france 2024-11-11");
    /* After a preposition, a mention is no subject and heads no apposition. */
    expect("fr", "Au Mali, la mission de la Cédéao.", "");
    expect("en", "In Bamako, Mali, led by Assimi Goïta, voted.",
           "leads assimi-goita>mali 2024-11-15*");
    /* A date set off by commas after the trigger is the trigger's. */
    expect("fr", "La MINUSMA, créée, le 25 avril 2013, par la résolution 2100.",
           "established_by minusma>unsc-res-2100 2013-04-25");
    /* A date that opens the sentence is the whole sentence's. */
    expect("fr", "En janvier 2024, le Mali quitte la Cédéao.", "withdrew_from mali>ecowas 2024-01");
    /* A function word binds only adjacent actors; a trigger within a name is no trigger
     * between the name and another mention (only between the name and a name inside it). */
    expect("fr", "La résolution 2100, votée hier, du Conseil de sécurité de l'ONU.",
           "part_of unsc>un");
    expect("fr",
           "La Mission multidimensionnelle intégrée des Nations unies pour la stabilisation "
           "au Mali.",
           "");
    /* A comma inside a date ("September 16, 2023") ends no clause; a list between commas is
     * no insertion: the subject is the whole list. */
    expect("en",
           "Mali, Burkina Faso and Niger, members of ECOWAS since September 16, 2023, left the "
           "AES on January 29, 2024.",
           "member_of niger>ecowas 2023-09-16.. | member_of burkina-faso>ecowas 2023-09-16.. | "
           "member_of mali>ecowas 2023-09-16.. | withdrew_from niger>aes 2024-01-29 | "
           "withdrew_from burkina-faso>aes 2024-01-29 | withdrew_from mali>aes 2024-01-29");
    /* A date that closes the sentence after a comma dates its main clause, as one that opens
     * it; not a date that ends a clause of its own. */
    expect("fr", "Le Mali s'est retiré de la Cédéao, selon Bamako, le 28 janvier.",
           "withdrew_from mali>ecowas 2024-01-28");
    expect("en", "Mali withdrew from ECOWAS, Niger said on January 28.",
           "withdrew_from mali>ecowas 2024-11-15*");
    /* An apposition after a place says where it is, whatever the place's role; the date
     * that closes the sentence is the main clause's, not the apposition's. */
    expect("fr", "La France s'est emparée de Gao, située au Mali, le 16 février.",
           "controlled france>gao 2024-02-16.. | located_in gao>mali");
    /* A date set inside the trigger's words, with its article, is read through, and dates. */
    expect("fr", "Le Mali s'est emparé le 15 novembre de Gao.", "controlled mali>gao 2024-11-15..");
    expect("en", "Mali withdrew on Monday from ECOWAS.", "withdrew_from mali>ecowas 2024-11-11");
    /* The longest trigger counts: "dirigé par" (to before), not "dirig*" (from before). */
    expect("fr", "Le Mali dirigé par Assimi Goïta.", "leads assimi-goita>mali 2024-11-15*");
}

/* The orders and date roles of a lexicon of our own. */
static void test_lexicon_orders(void)
{
    static const char xml[] =
        "<lexicon xmlns=\"urn:tkg:lexicon:1\" name=\"t\">\n"
        "  <relation kind=\"established_by\">\n"
        "    <trigger lang=\"fr\" order=\"trigger-to-from\">création par</trigger>\n"
        "  </relation>\n"
        "  <relation kind=\"deployed_in\">\n"
        "    <trigger lang=\"fr\" date=\"end\">fin*</trigger>\n"
        "    <trigger lang=\"fr\" date=\"start\">début*</trigger>\n"
        "  </relation>\n"
        "</lexicon>\n";
    tkg_error err;
    tkg_error_clear(&err);
    lexicon *own = NULL;
    CU_ASSERT_EQUAL_FATAL(lexicon_load_buffer(&own, xml, sizeof xml - 1, "t.xml", ontology, &err),
                          TKG_OK);
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"La création par la résolution 2100 de la MINUSMA en 2013.",
         "established_by minusma>unsc-res-2100 2013"},
        {"La MINUSMA finit au Mali en 2023.", "deployed_in minusma>mali ..2023"},
        {"La MINUSMA débute au Mali en 2013.", "deployed_in minusma>mali 2013.."},
        {"La MINUSMA débute au Mali.", "deployed_in minusma>mali 2024-11-15..*"},
        /* the default lexicon's triggers are not this one's */
        {"Le Mali quitte la Cédéao.", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        run r;
        char got[1024] = "";
        size_t used = 0;
        run_text(&r, gaz, own, "fr", "2024-11-15", cases[i].text, strlen(cases[i].text));
        for (size_t j = 0; j < r.count; j++) {
            char one[256];
            draft_string(&r, &r.drafts[j], one, sizeof one);
            used += (size_t)snprintf(got + used, sizeof got - used, "%s%s", j ? " | " : "", one);
        }
        if (strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "\n  text: %s\n  got:  %s\n  want: %s\n", cases[i].text, got,
                    cases[i].want);
        CU_ASSERT_STRING_EQUAL(got, cases[i].want);
        run_free(&r);
    }
    lexicon_free(own);
}

static void test_english(void)
{
    expect("en", "Mali withdrew from ECOWAS on 28 January 2024.",
           "withdrew_from mali>ecowas 2024-01-28");
    expect("en", "MINUSMA has been deployed in Mali since 2013.",
           "deployed_in minusma>mali 2013..");
    /* "left": a state leaves an organisation, a mission a place (the end of its deployment) */
    expect("en", "MINUSMA, deployed in Mali since 2013, left Gao in October 2023.",
           "deployed_in minusma>mali 2013.. | deployed_in minusma>gao ..2023-10");
    expect("en", "Assimi Goïta led Mali in 2023.", "leads assimi-goita>mali 2023");
    expect("en", "Mali, led by Assimi Goïta since May 2021, and Niger allied with Burkina Faso.",
           "leads assimi-goita>mali 2021-05.. | allied_with niger>burkina-faso 2024-11-15..*");
    /* dated by the resolution's date in the graph */
    expect("en", "Resolution 2100 of the United Nations Security Council.",
           "adopted_by unsc-res-2100>unsc 2013-04-25");
}

/* The second round of rules (docs/extract.md, "Evaluation"). */
static void test_round2(void)
{
    /* the state a sentence is set in ("Au X,", "In X,") as the to, when none fits after */
    expect("fr", "Au Mali, Assimi Goïta a été investi jeudi président.",
           "leads assimi-goita>mali 2024-11-14..");
    expect("en", "In Mali, Assimi Goïta was sworn in as president on June 7, 2021.",
           "leads assimi-goita>mali 2021-06-07..");
    /* not when one fits after the trigger, not a setting that is no state */
    expect("fr", "Au Niger, Assimi Goïta est à la tête du Mali depuis 2021.",
           "leads assimi-goita>mali 2021..");
    expect("fr", "À Bamako, Assimi Goïta a été investi jeudi président.", "");
    /* a place's apposition after a comma ("Gao, in Mali"), and a date closing the sentence
     * after "since" past it */
    expect("en", "Niger has held Gao, in Mali, since 2023.",
           "controlled niger>gao 2023.. | located_in gao>mali");
    /* a second object sharing the trigger across a list, with its own date */
    expect("en", "Mali has been a member of ECOWAS since 1975, and of the AES since 2023.",
           "member_of mali>ecowas 1975.. | member_of mali>aes 2023..");
    expect("fr", "Le Mali est membre de la Cédéao depuis 1975, et de l'AES depuis 2023.",
           "member_of mali>ecowas 1975.. | member_of mali>aes 2023..");
    /* an apposition naming the organisation that qualifies a noun: part_of */
    expect("en", "MINUSMA, the UN peacekeeping mission, left Gao in 2023.",
           "part_of minusma>un | deployed_in minusma>gao ..2023");
    expect("en", "MINUSMA, the UN and Mali said.", "");
    /* the places of a sentence set in a state ("In X,"): located in it, unless located
     * otherwise */
    expect("en", "In Mali, Niger seized Gao in 2023.",
           "located_in gao>mali | controlled niger>gao 2023..");
    expect("en", "In Niger, the AES seized Gao, in Mali, on 5 May 2023.",
           "controlled aes>gao 2023-05-05.. | located_in gao>mali");
    /* not without a comma after the setting */
    expect("en", "In Mali Niger seized Gao in 2023.", "controlled niger>gao 2023..");
    /* not without the repeated preposition */
    expect("en", "Mali has been a member of ECOWAS since 1975, and the AES agreed.",
           "member_of mali>ecowas 1975..");
}

/* Names inside names, the dates of documents, the possessor whose hold ends. */
static void test_names_and_documents(void)
{
    static const char xml[] =
        "<tkg xmlns=\"urn:tkg:1\">"
        "<entity id=\"council\" kind=\"organization\" label=\"Conseil de sécurité\">"
        "<name lang=\"en\">Security Council</name></entity>"
        "<entity id=\"un\" kind=\"organization\" label=\"ONU\"/>"
        "<entity id=\"res-9\" kind=\"resolution\" label=\"résolution 9\">"
        "<name lang=\"en\">resolution 9</name></entity>"
        "<entity id=\"mission\" kind=\"mission\" label=\"MISSION\"/>"
        "<entity id=\"army\" kind=\"armed_group\" label=\"M99\"/>"
        "<entity id=\"town\" kind=\"city\" label=\"Ville\"/>"
        "<entity id=\"base\" kind=\"facility\" label=\"base de la MISSION à Ville\">"
        "<name lang=\"en\">base of the MISSION</name></entity>"
        "</tkg>";
    tkg_error err;
    tkg_error_clear(&err);
    tkg_store *s = NULL;
    extract_gazetteer *g = NULL;
    CU_ASSERT_EQUAL_FATAL(tkg_store_new(&s, NULL, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_read_xml_buffer(s, xml, sizeof xml - 1, "t.xml", &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(tkg_store_finish(s, &err), TKG_OK);
    CU_ASSERT_EQUAL_FATAL(extract_gazetteer_new(&g, s, true, &err), TKG_OK);
    tkg_store_free(s);
    static const struct {
        const char *lang, *text, *want;
    } cases[] = {
        /* A document that acts as an agent on a date was adopted that day. */
        {"fr", "La MISSION, créée par la résolution 9 du Conseil de sécurité le 10 avril 2014.",
         "established_by mission>res-9 2014-04-10 | adopted_by res-9>council 2014-04-10"},
        {"en", "MISSION, created by resolution 9 of the Conseil de sécurité on May 28, 2010.",
         "established_by mission>res-9 2010-05-28 | adopted_by res-9>council 2010-05-28"},
        /* An English compound of two names: the head, after, of the name before it. */
        {"en", "MISSION, created by Security Council resolution 9 on May 28, 2010.",
         "established_by mission>res-9 2010-05-28 | adopted_by res-9>council 2010-05-28"},
        {"en", "The Security Council MISSION left.", "part_of mission>council"},
        /* A verb coordinated with an earlier one shares its subject. */
        {"en",
         "M99 seized Ville on January 27 and took control of the MISSION base on "
         "February 16.",
         "controlled army>town 2024-01-27.. | controlled army>base 2024-02-16.."},
        {"fr", "Le M99 occupe Ville et contrôle la base de la MISSION.",
         "controlled army>town 2024-11-15* | controlled army>base 2024-11-15*"},
        /* Not after a list of objects, nor without a conjunction right before the verb. */
        {"en", "M99 seized Ville and the base.", "controlled army>town 2024-11-15..*"},
        /* Not when it is only the authority: no date for its adoption. */
        {"fr",
         "Le retrait, achevé le 31 décembre 2023 conformément à la résolution 9 du Conseil "
         "de sécurité.",
         "adopted_by res-9>council"},
        /* A name inside a name, after a function word of the name: the name's relation. */
        {"fr", "Le Conseil de sécurité de l'ONU se réunit.", "part_of council>un"},
        {"fr", "La base de la MISSION à Ville ferme.", "located_in base>town"},
        /* The possessor named in a place's name holds it until a new holder takes it. */
        {"fr", "Le M99 s'empare de la base de la MISSION à Ville le 3 mars 2024.",
         "controlled army>base 2024-03-03.. | controlled mission>base ..2024-03-03 | "
         "located_in base>town"},
        {"en", "M99 seized the base of the MISSION on March 3, 2024.",
         "controlled army>base 2024-03-03.. | controlled mission>base ..2024-03-03"},
        /* Not when the drafting's own actor is the one named: no end of its own hold. */
        {"fr", "La MISSION s'empare de la base de la MISSION à Ville le 3 mars 2024.",
         "controlled mission>base 2024-03-03.. | located_in base>town"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = drafts(g, cases[i].lang, "2024-11-15", cases[i].text);
        if (strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "\n  text: %s\n  got:  %s\n  want: %s\n", cases[i].text, got,
                    cases[i].want);
        CU_ASSERT_STRING_EQUAL(got, cases[i].want);
    }
    extract_gazetteer_free(g);
}

/* ------------------------------------------------------------------ the seed article */

static bool space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Finds `q` in text[0, len), a run of white space of `q` matching any run of the text's
 * (graphs/sahel.xml writes the article's wrapped sentence on one line). */
static bool find(const char *text, size_t len, const char *q, size_t *start, size_t *end)
{
    for (size_t t = 0; t < len; t++) {
        size_t a = t;
        const char *b = q;
        while (a < len && *b) {
            if (space(text[a]) && space(*b)) {
                while (a < len && space(text[a]))
                    a++;
                while (space(*b))
                    b++;
            } else if (text[a] == *b) {
                a++, b++;
            } else {
                break;
            }
        }
        if (!*b) {
            *start = t, *end = a;
            return true;
        }
    }
    return false;
}

static bool mentioned(const run *r, size_t sentence, const char *id)
{
    const extract_span *s = &r->sentences[sentence];
    for (size_t i = 0; i < r->in.mention_count; i++)
        if (r->mentions[i].start >= s->start && r->mentions[i].end <= s->end &&
            strcmp(r->mentions[i].id, id) == 0)
            return true;
    return false;
}

/* The relation `rel` of the store as draft_string writes a draft, its endpoints swapped when
 * `swap`. */
static void gold_string(uint32_t rel, bool swap, char *out, size_t size)
{
    const tkg_ontology *o = tkg_store_ontology(sahel);
    tkg_bound s = tkg_relation_start(sahel, rel), e = tkg_relation_end(sahel, rel);
    uint32_t from = tkg_relation_from(sahel, rel), to = tkg_relation_to(sahel, rel);
    int n =
        snprintf(out, size, "%s %s>%s", tkg_relation_kind_name(o, tkg_relation_kind(sahel, rel)),
                 tkg_entity_id(sahel, swap ? to : from), tkg_entity_id(sahel, swap ? from : to));
    if (s.raw && e.raw && tkg_relation_is_point(sahel, rel))
        snprintf(out + n, size - (size_t)n, " %s", s.raw);
    else if (s.raw || e.raw)
        snprintf(out + n, size - (size_t)n, " %s..%s", s.raw ? s.raw : "", e.raw ? e.raw : "");
}

/* The gold relations are those of graphs/sahel.xml that cite the seed article with a passage
 * in a sentence that mentions both their endpoints; a draft is right when its kind, its
 * endpoints and its dates are those of a gold relation. Drafts saying the same from two
 * sentences count once, as the command merges them. */
static void test_seed_article(void)
{
    const char *dir = getenv("TKG_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/extract/minusma-2024-11-15.fr.txt", dir);
    tkg_error err;
    tkg_error_clear(&err);
    char *text = NULL;
    size_t len = 0;
    CU_ASSERT_EQUAL_FATAL(extract_text_file(path, EXTRACT_AUTO, 0, &text, &len, &err), TKG_OK);
    run r;
    run_text(&r, gaz, lex, "fr", "2024-11-15", text, len);
    free(text);

    enum { MAX = 256 };
    static char gold[MAX][256], gold_rev[MAX][256], got[MAX][256];
    static bool gold_hit[MAX], got_hit[MAX];
    size_t ngold = 0, ngot = 0;
    const tkg_ontology *o = tkg_store_ontology(sahel);
    for (uint32_t rel = 0; rel < tkg_store_relation_count(sahel); rel++) {
        bool in = false;
        const char *from = tkg_entity_id(sahel, tkg_relation_from(sahel, rel));
        const char *to = tkg_entity_id(sahel, tkg_relation_to(sahel, rel));
        for (size_t c = 0; c < tkg_relation_citation_count(sahel, rel) && !in; c++) {
            tkg_citation cite = tkg_relation_citation(sahel, rel, c);
            size_t s = 0, e = 0;
            if (!cite.quote || strcmp(tkg_source_id(sahel, cite.source), "rfi-2024-11-15") != 0)
                continue;
            CU_ASSERT_FATAL(find(r.text, r.len, cite.quote, &s, &e));
            for (size_t i = 0; i < r.in.sentence_count && !in; i++)
                in = r.sentences[i].start <= s && e <= r.sentences[i].end &&
                     mentioned(&r, i, from) && mentioned(&r, i, to);
        }
        if (in && ngold < MAX) {
            gold_string(rel, false, gold[ngold], sizeof gold[ngold]);
            gold_rev[ngold][0] = '\0';
            if (tkg_relation_kind_symmetric(o, tkg_relation_kind(sahel, rel)))
                gold_string(rel, true, gold_rev[ngold], sizeof gold_rev[ngold]);
            ngold++;
        }
    }
    for (size_t i = 0; i < r.count && ngot < MAX; i++) {
        char one[256];
        draft_string(&r, &r.drafts[i], one, sizeof one);
        bool seen = false;
        for (size_t j = 0; j < ngot && !seen; j++)
            seen = strcmp(got[j], one) == 0;
        if (!seen)
            snprintf(got[ngot++], sizeof got[0], "%s", one);
    }
    size_t right = 0, found = 0;
    for (size_t j = 0; j < ngot; j++)
        for (size_t i = 0; i < ngold; i++)
            if (!strcmp(got[j], gold[i]) || !strcmp(got[j], gold_rev[i])) {
                got_hit[j] = gold_hit[i] = true;
            }
    for (size_t j = 0; j < ngot; j++)
        right += got_hit[j];
    for (size_t i = 0; i < ngold; i++)
        found += gold_hit[i];
    double precision = ngot ? (double)right / (double)ngot : 0;
    double recall = ngold ? (double)found / (double)ngold : 0;
    fprintf(stderr,
            "\n  seed article: %zu drafts, %zu right (precision %.2f); %zu gold relations, "
            "%zu found (recall %.2f)\n",
            ngot, right, precision, ngold, found, recall);
    for (size_t j = 0; j < ngot; j++)
        if (!got_hit[j])
            fprintf(stderr, "  wrong:  %s\n", got[j]);
    for (size_t i = 0; i < ngold; i++)
        if (!gold_hit[i])
            fprintf(stderr, "  missed: %s\n", gold[i]);
    /* The gazetteer's mentions, nested ones included, name both endpoints of the 16 relations
     * of tests/extract/score.py's gold. */
    CU_ASSERT(ngold == 16);
    /* The targets: recall >= 0.6 at precision >= 0.7; the rules reach 10 of 16 with
     * no wrong draft (docs/extract.md, "On the seed article"), kept from falling. */
    CU_ASSERT(precision >= 0.7);
    CU_ASSERT(recall >= 0.6);
    CU_ASSERT(found >= 10);
    run_free(&r);
}

int main(void)
{
    static const struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"orders", test_orders},
        {"domain and range", test_domain_range},
        {"the nearest mentions, in the clause", test_nearest},
        {"coordination", test_coordination},
        {"dates", test_dates},
        {"symmetric kinds, no self-relation, no duplicate", test_symmetric_self_duplicates},
        {"adjectives of the actors named", test_adjectives},
        {"clauses, insertions, function words, longest trigger", test_clauses},
        {"a lexicon's orders and date roles", test_lexicon_orders},
        {"names inside names, documents' dates, possessors", test_names_and_documents},
        {"English", test_english},
        {"round 2: settings, appositions of places, closing dates", test_round2},
        {"the seed article against graphs/sahel.xml", test_seed_article},
    };
    unsigned failures = 1;

    if (CU_initialize_registry() != CUE_SUCCESS)
        return CU_get_error();
    CU_pSuite suite = CU_add_suite("extract_relations", setup, teardown);
    if (!suite)
        goto done;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
        if (!CU_add_test(suite, tests[i].name, tests[i].fn))
            goto done;
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (CU_basic_run_tests() != CUE_SUCCESS)
        goto done;
    failures = CU_get_number_of_failures();
done:
    CU_cleanup_registry();
    return failures != 0;
}
