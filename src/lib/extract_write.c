/* The draft of tkg extract (docs/extract.md, "The draft"): its entities and merged
 * relations, written as TKG-XML that tkg validate accepts alone and with the --graph inputs,
 * or as TSV for a spreadsheet. */
#include "extract.h"

#include "error.h"
#include "escape.h"
#include "resources.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ hash tables */

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdu;
}

static uint64_t hash_string(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* A table of indexes (SIZE_MAX: empty slot), a power of two at least twice the count. */
static size_t *table_new(size_t count, size_t *mask)
{
    size_t cap = 16;
    while (cap < 2 * count + 1)
        cap *= 2;
    size_t *t = malloc(cap * sizeof *t);
    if (t)
        memset(t, 0xff, cap * sizeof *t);
    *mask = cap - 1;
    return t;
}

/* ------------------------------------------------------------ the draft */

/* The sentence holding text[at], or SIZE_MAX (sentences are sorted, not overlapping). */
static size_t sentence_of(const extract_run *r, size_t at)
{
    size_t lo = 0, hi = r->sentence_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->sentences[mid].end <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->sentence_count && r->sentences[lo].start <= at ? lo : SIZE_MAX;
}

/* What makes two drafts one relation: as tkg merges relations (docs/format.md, "Merging
 * inputs"), the kind, the endpoints and the interval (read under the inclusive policy). */
typedef struct identity {
    uint32_t kind;
    size_t from, to;
    tkg_interval iv;
} identity;

static int draft_identity(identity *id, const extract_draft *x, const size_t *entity_of)
{
    id->kind = x->kind;
    id->from = entity_of[x->from];
    id->to = entity_of[x->to];
    const tkg_date *start = x->date.precision ? &x->date : &x->start;
    const tkg_date *end = x->date.precision ? &x->date : &x->end;
    return tkg_interval_from_bounds(&id->iv, start, end, TKG_POLICY_INCLUSIVE, NULL);
}

static uint64_t identity_hash(const identity *id)
{
    uint64_t h = mix(mix(mix(id->kind, id->from), id->to), (uint32_t)id->iv.start);
    return mix(h, (uint32_t)id->iv.end_excl);
}

static bool identity_equal(const identity *a, const identity *b)
{
    return a->kind == b->kind && a->from == b->from && a->to == b->to &&
           a->iv.start == b->iv.start && a->iv.end_excl == b->iv.end_excl;
}

static int build_entities(extract_draft_set *d, const extract_run *r, size_t *entity_of)
{
    size_t mask, *slots = table_new(r->mention_count, &mask);
    d->entities = malloc((r->mention_count ? r->mention_count : 1) * sizeof *d->entities);
    if (!slots || !d->entities) {
        free(slots);
        return TKG_ENOMEM;
    }
    for (size_t m = 0; m < r->mention_count; m++) {
        const extract_mention *x = &r->mentions[m];
        size_t h = hash_string(x->id) & mask;
        while (slots[h] != SIZE_MAX && strcmp(d->entities[slots[h]].id, x->id) != 0)
            h = (h + 1) & mask;
        if (slots[h] == SIZE_MAX) {
            slots[h] = d->entity_count;
            d->entities[d->entity_count++] = (extract_entity){
                .id = x->id,
                .kind = x->kind,
                .proposed = x->proposed,
                .row = r->graph && !x->proposed ? tkg_store_find_entity(r->graph, x->id)
                                                : TKG_NO_ENTITY,
                .first_mention = m,
                .sentence = sentence_of(r, x->start)};
        }
        entity_of[m] = slots[h];
    }
    free(slots);
    return TKG_OK;
}

/* Whether the graph holds draft `x` already: a relation of its kind (by name: the graph may
 * have been read with its own ontology), from and to, with the same dates as written (a
 * `date` is a start and an end of one text). Such a relation would merge with the draft's,
 * which then only adds the article's citation. */
static bool known_in_graph(const extract_run *r, const extract_draft_set *d, const identity *id,
                           const extract_draft *x)
{
    uint32_t from = d->entities[id->from].row, to = d->entities[id->to].row;
    if (!r->graph || from == TKG_NO_ENTITY || to == TKG_NO_ENTITY)
        return false;
    char start[16] = "", end[16] = "";
    tkg_date_format(x->date.precision ? &x->date : &x->start, start);
    tkg_date_format(x->date.precision ? &x->date : &x->end, end);
    const tkg_ontology *go = tkg_store_ontology(r->graph);
    const char *kind = tkg_relation_kind_name(r->ontology, x->kind);
    size_t n;
    const uint32_t *rows = tkg_entity_relations(r->graph, from, &n);
    for (size_t i = 0; i < n; i++) {
        uint32_t rr = rows[i];
        tkg_bound s = tkg_relation_start(r->graph, rr), e = tkg_relation_end(r->graph, rr);
        if (tkg_relation_from(r->graph, rr) == from && tkg_relation_to(r->graph, rr) == to &&
            strcmp(tkg_relation_kind_name(go, tkg_relation_kind(r->graph, rr)), kind) == 0 &&
            strcmp(s.raw ? s.raw : "", start) == 0 && strcmp(e.raw ? e.raw : "", end) == 0)
            return true;
    }
    return false;
}

static int build_relations(extract_draft_set *d, const extract_run *r, const size_t *entity_of)
{
    int rc = TKG_OK;
    size_t mask, *slots = table_new(r->draft_count, &mask);
    identity *ids = malloc((r->draft_count ? r->draft_count : 1) * sizeof *ids);
    d->relations = malloc((r->draft_count ? r->draft_count : 1) * sizeof *d->relations);
    if (!slots || !ids || !d->relations) {
        rc = TKG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < r->draft_count; i++) {
        const extract_draft *x = &r->drafts[i];
        identity id;
        /* An end before its start would not validate: such a draft is left out. */
        if (draft_identity(&id, x, entity_of) != TKG_OK)
            continue;
        size_t h = identity_hash(&id) & mask;
        while (slots[h] != SIZE_MAX && !identity_equal(&ids[slots[h]], &id))
            h = (h + 1) & mask;
        extract_relation *rel;
        if (slots[h] == SIZE_MAX) {
            slots[h] = d->relation_count;
            ids[d->relation_count] = id;
            rel = &d->relations[d->relation_count++];
            *rel = (extract_relation){
                .best = i, .from = id.from, .to = id.to, .known = known_in_graph(r, d, &id, x)};
        } else {
            rel = &d->relations[slots[h]];
            if (x->confidence > r->drafts[rel->best].confidence)
                rel->best = i;
        }
        /* Drafts come in text order: a sentence already cited is the last one. */
        if (rel->sentence_count && rel->sentences[rel->sentence_count - 1] == x->sentence)
            continue;
        size_t *more = realloc(rel->sentences, (rel->sentence_count + 1) * sizeof *more);
        if (!more) {
            rc = TKG_ENOMEM;
            goto done;
        }
        rel->sentences = more;
        rel->sentences[rel->sentence_count++] = x->sentence;
    }
done:
    free(ids);
    free(slots);
    return rc;
}

int extract_draft_set_build(extract_draft_set *d, const extract_run *r, tkg_error *err)
{
    memset(d, 0, sizeof *d);
    size_t *entity_of = malloc((r->mention_count ? r->mention_count : 1) * sizeof *entity_of);
    int rc = entity_of ? build_entities(d, r, entity_of) : TKG_ENOMEM;
    if (rc == TKG_OK)
        rc = build_relations(d, r, entity_of);
    free(entity_of);
    if (rc != TKG_OK) {
        extract_draft_set_free(d);
        return tkg_fail(err, rc, NULL, 0, 0, "%s", "out of memory");
    }
    return TKG_OK;
}

void extract_draft_set_free(extract_draft_set *d)
{
    for (size_t i = 0; i < d->relation_count; i++)
        free(d->relations[i].sentences);
    free(d->relations);
    free(d->entities);
    memset(d, 0, sizeof *d);
}

/* ------------------------------------------------------------ names of states */

/* The first name of the bundled state `id` in `lang` (data/states.tsv: alpha-2, id,
 * language, name; the short name comes first), as `*name`/`*len` into the resource. */
static bool state_name(const char *id, const char *lang, const char **name, size_t *len)
{
    const char *p = tkg_res_states_tsv, *end = p + tkg_res_states_tsv_len;
    size_t id_len = strlen(id);
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *f[4];
        size_t nf = 0;
        for (const char *q = p; nf < 4 && q < eol;) {
            f[nf++] = q;
            const char *tab = memchr(q, '\t', (size_t)(eol - q));
            q = tab ? tab + 1 : eol;
        }
        if (*p != '#' && nf == 4 && (size_t)(f[2] - f[1]) == id_len + 1 &&
            memcmp(f[1], id, id_len) == 0 && memcmp(f[2], lang, 2) == 0 && f[2][2] == '\t') {
            *name = f[3];
            *len = (size_t)(eol - f[3]);
            return *len > 0;
        }
        p = eol + 1;
    }
    return false;
}

/* ------------------------------------------------------------ TKG-XML */

static void put_attr(tkg_sink *out, const char *name, const char *value)
{
    if (!value)
        return;
    sink_putc(out, ' ');
    sink_puts(out, name);
    sink_puts(out, "=\"");
    esc_puts(out, ESC_XML_ATTR, value);
    sink_putc(out, '"');
}

static void put_date_attr(tkg_sink *out, const char *name, const tkg_date *d)
{
    char buf[16];
    if (d->precision != TKG_PREC_NONE && tkg_date_format(d, buf) > 0)
        put_attr(out, name, buf);
}

static void put_cite(tkg_sink *out, const extract_run *r, const char *source, size_t sentence,
                     const char *indent)
{
    sink_puts(out, indent);
    sink_puts(out, "<cite source=\"");
    esc_puts(out, ESC_XML_ATTR, source);
    sink_puts(out, "\">");
    const extract_span *s = &r->sentences[sentence];
    esc_put(out, ESC_XML_TEXT, r->text + s->start, s->end - s->start);
    sink_puts(out, "</cite>\n");
}

static void put_entity(tkg_sink *out, const extract_run *r, const extract_entity *e,
                       const char *source)
{
    sink_puts(out, "  <entity");
    put_attr(out, "id", e->id);
    put_attr(out, "kind", e->kind);
    if (e->row != TKG_NO_ENTITY) {
        put_attr(out, "label", tkg_entity_label(r->graph, e->row, NULL));
        sink_puts(out, ">\n");
    } else {
        /* A proposed state: its name in the article's language is its label; its names in
         * French and English come with it. */
        const char *name;
        size_t len;
        sink_puts(out, " label=\"");
        if (state_name(e->id, r->lang, &name, &len))
            esc_put(out, ESC_XML_ATTR, name, len);
        else
            esc_puts(out, ESC_XML_ATTR, e->id);
        sink_puts(out, "\">\n");
        static const char *const langs[] = {"fr", "en"};
        for (size_t i = 0; i < 2; i++)
            if (state_name(e->id, langs[i], &name, &len)) {
                sink_puts(out, "    <name lang=\"");
                sink_puts(out, langs[i]);
                sink_puts(out, "\">");
                esc_put(out, ESC_XML_TEXT, name, len);
                sink_puts(out, "</name>\n");
            }
    }
    if (e->proposed)
        sink_puts(out, "    <attr key=\"draft_proposed\" type=\"bool\">true</attr>\n");
    if (e->sentence != SIZE_MAX)
        put_cite(out, r, source, e->sentence, "    ");
    sink_puts(out, "  </entity>\n");
}

/* Said after a draft's rule when its date is the publication date (docs/extract.md). */
#define DATED_BY_PUBLICATION "; no date in its sentence: dated by the publication date"

static void put_draft_attrs(tkg_sink *out, const extract_draft *x)
{
    sink_puts(out, "    <attr key=\"draft_confidence\" type=\"double\">");
    sink_put_fixed(out, x->confidence, 3);
    sink_puts(out, "</attr>\n    <attr key=\"draft_trigger\">");
    esc_puts(out, ESC_XML_TEXT, x->trigger->text);
    sink_puts(out, "</attr>\n    <attr key=\"draft_rule\">");
    esc_puts(out, ESC_XML_TEXT, x->rule);
    if (x->date_from_published)
        sink_puts(out, DATED_BY_PUBLICATION);
    sink_puts(out, "</attr>\n");
}

static void put_relation(tkg_sink *out, const extract_run *r, const extract_draft_set *d,
                         const extract_relation *rel, const char *source)
{
    const extract_draft *x = &r->drafts[rel->best];
    /* A relation the graph holds needs no review, and its draft_* attributes could clash
     * with those it was kept with (an attribute has one value): the citation only. */
    if (rel->known)
        sink_puts(out, "  <!-- already in the known graph: this article's citation -->\n");
    sink_puts(out, "  <relation");
    put_attr(out, "kind", tkg_relation_kind_name(r->ontology, x->kind));
    put_attr(out, "from", d->entities[rel->from].id);
    put_attr(out, "to", d->entities[rel->to].id);
    if (x->date.precision) {
        put_date_attr(out, "date", &x->date);
    } else {
        put_date_attr(out, "start", &x->start);
        put_date_attr(out, "end", &x->end);
    }
    sink_puts(out, ">\n");
    if (!rel->known)
        put_draft_attrs(out, x);
    for (size_t i = 0; i < rel->sentence_count; i++)
        put_cite(out, r, source, rel->sentences[i], "    ");
    sink_puts(out, "  </relation>\n");
}

int extract_write_xml(tkg_sink *out, const extract_run *r, const extract_draft_set *d,
                      const tkg_extract_options *opt, tkg_error *err)
{
    sink_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<!-- A draft by tkg extract, for review (docs/extract.md): each relation's\n"
                   "     draft_confidence, draft_trigger and draft_rule say how sure tkg is and\n"
                   "     why; entities marked draft_proposed are not in the known graph, and\n"
                   "     relations it holds already come with this article's citation only. -->\n"
                   "<tkg xmlns=\"urn:tkg:1\">\n  <source");
    put_attr(out, "id", opt->source_id);
    put_attr(out, "title", opt->title);
    put_attr(out, "publisher", opt->publisher);
    put_attr(out, "url", opt->url);
    put_date_attr(out, "published", &r->published);
    put_attr(out, "lang", r->lang);
    sink_puts(out, "/>\n");
    for (size_t i = 0; i < d->entity_count; i++)
        put_entity(out, r, &d->entities[i], opt->source_id);
    for (size_t i = 0; i < d->relation_count; i++)
        put_relation(out, r, d, &d->relations[i], opt->source_id);
    sink_puts(out, "</tkg>\n");
    return sink_status(out) ? tkg_error_keep(err, &out->error) : TKG_OK;
}

/* ------------------------------------------------------------ TSV */

static void put_plain(tkg_sink *out, const char *text, size_t len)
{
    /* Every byte other than a control character is written as it is (the text is valid
     * UTF-8: extract_text checked it); controls become spaces. */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        sink_putc(out, c < 0x20 || c == 0x7f ? ' ' : (char)c);
    }
}

static void put_str(tkg_sink *out, const char *s)
{
    if (s)
        put_plain(out, s, strlen(s));
}

static void put_tsv_date(tkg_sink *out, const tkg_date *d)
{
    char buf[16];
    if (d->precision != TKG_PREC_NONE && tkg_date_format(d, buf) > 0)
        sink_puts(out, buf);
}

static void put_label(tkg_sink *out, const extract_run *r, const extract_entity *e)
{
    const char *name;
    size_t len;
    if (e->row != TKG_NO_ENTITY)
        put_str(out, tkg_entity_label(r->graph, e->row, NULL));
    else if (state_name(e->id, r->lang, &name, &len))
        put_plain(out, name, len);
    else
        put_str(out, e->id);
}

int extract_write_tsv(tkg_sink *out, const extract_run *r, const extract_draft_set *d,
                      tkg_error *err)
{
    sink_puts(out, "confidence\tkind\tfrom\tto\tdate\tstart\tend\ttrigger\trule\tsentence\t"
                   "from_label\tto_label\tfrom_proposed\tto_proposed\tsupport\tsentence_start\t"
                   "sentence_end\tknown\n");
    for (size_t i = 0; i < d->relation_count; i++) {
        const extract_relation *rel = &d->relations[i];
        const extract_draft *x = &r->drafts[rel->best];
        const extract_entity *from = &d->entities[rel->from], *to = &d->entities[rel->to];
        const extract_span *s = &r->sentences[rel->sentences[0]];
        sink_put_fixed(out, x->confidence, 3);
        sink_putc(out, '\t');
        put_str(out, tkg_relation_kind_name(r->ontology, x->kind));
        sink_putc(out, '\t');
        put_str(out, from->id);
        sink_putc(out, '\t');
        put_str(out, to->id);
        sink_putc(out, '\t');
        put_tsv_date(out, &x->date);
        sink_putc(out, '\t');
        put_tsv_date(out, &x->start);
        sink_putc(out, '\t');
        put_tsv_date(out, &x->end);
        sink_putc(out, '\t');
        put_str(out, x->trigger->text);
        sink_putc(out, '\t');
        put_str(out, x->rule);
        if (x->date_from_published)
            sink_puts(out, DATED_BY_PUBLICATION);
        sink_putc(out, '\t');
        put_plain(out, r->text + s->start, s->end - s->start);
        sink_putc(out, '\t');
        put_label(out, r, from);
        sink_putc(out, '\t');
        put_label(out, r, to);
        sink_puts(out, from->proposed ? "\ttrue\t" : "\tfalse\t");
        sink_puts(out, to->proposed ? "true\t" : "false\t");
        sink_put_uint(out, rel->sentence_count);
        sink_putc(out, '\t');
        sink_put_uint(out, s->start);
        sink_putc(out, '\t');
        sink_put_uint(out, s->end);
        sink_puts(out, rel->known ? "\ttrue\n" : "\tfalse\n");
    }
    return sink_status(out) ? tkg_error_keep(err, &out->error) : TKG_OK;
}
