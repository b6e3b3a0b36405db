/* Read access to a finished store: rows, their side rows, sources and adjacency. */
#include "store.h"

#include <assert.h>
#include <string.h>

size_t tkg_store_entity_count(const tkg_store *s)
{
    return s->entity_count;
}

size_t tkg_store_relation_count(const tkg_store *s)
{
    return s->relation_count;
}

size_t tkg_store_source_count(const tkg_store *s)
{
    return s->source_count;
}

size_t tkg_store_citation_count(const tkg_store *s)
{
    return s->cite_count;
}

static tkg_bound bound_of(const tkg_store *s, bound b)
{
    return (tkg_bound){b.raw ? store_str(s, b.raw) : NULL, (tkg_precision)b.prec};
}

/* ---- entities */

const char *tkg_entity_id(const tkg_store *s, uint32_t e)
{
    return store_str(s, s->entities[e].id);
}

uint32_t tkg_entity_kind(const tkg_store *s, uint32_t e)
{
    return s->entities[e].kind;
}

const char *tkg_entity_label(const tkg_store *s, uint32_t e, const char *lang)
{
    if (lang && s->finished) {
        for (uint32_t i = s->name_idx.entity_offset[e]; i < s->name_idx.entity_offset[e + 1]; i++) {
            const name_row *n = &s->names[i];
            if (!n->alias && n->lang && strcmp(store_str(s, n->lang), lang) == 0)
                return store_str(s, n->text);
        }
    }
    return store_str(s, s->entities[e].label);
}

const char *tkg_entity_external_id(const tkg_store *s, uint32_t e)
{
    sym y = s->entities[e].external;
    return y ? store_str(s, y) : NULL;
}

tkg_interval tkg_entity_lifespan(const tkg_store *s, uint32_t e)
{
    return s->entities[e].life;
}

tkg_bound tkg_entity_start(const tkg_store *s, uint32_t e)
{
    return bound_of(s, s->entities[e].start);
}

tkg_bound tkg_entity_end(const tkg_store *s, uint32_t e)
{
    return bound_of(s, s->entities[e].end);
}

size_t tkg_entity_name_count(const tkg_store *s, uint32_t e)
{
    assert(s->finished);
    return s->name_idx.entity_offset[e + 1] - s->name_idx.entity_offset[e];
}

tkg_name tkg_entity_name(const tkg_store *s, uint32_t e, size_t i)
{
    const name_row *n = &s->names[s->name_idx.entity_offset[e] + i];
    return (tkg_name){n->lang ? store_str(s, n->lang) : NULL, store_str(s, n->text), n->alias != 0};
}

static tkg_attr attr_of(const tkg_store *s, const attr_row *a)
{
    return (tkg_attr){store_str(s, a->key), (tkg_attr_type)a->type, store_str(s, a->value)};
}

static tkg_citation cite_of(const cite_row *c)
{
    return (tkg_citation){c->source, c->quote, c->line};
}

size_t tkg_entity_attr_count(const tkg_store *s, uint32_t e)
{
    assert(s->finished);
    return s->attr_idx.entity_offset[e + 1] - s->attr_idx.entity_offset[e];
}

tkg_attr tkg_entity_attr(const tkg_store *s, uint32_t e, size_t i)
{
    return attr_of(s, &s->attrs[s->attr_idx.entity_offset[e] + i]);
}

size_t tkg_entity_citation_count(const tkg_store *s, uint32_t e)
{
    assert(s->finished);
    return s->cite_idx.entity_offset[e + 1] - s->cite_idx.entity_offset[e];
}

tkg_citation tkg_entity_citation(const tkg_store *s, uint32_t e, size_t i)
{
    return cite_of(&s->cites[s->cite_idx.entity_offset[e] + i]);
}

const uint32_t *tkg_entity_relations(const tkg_store *s, uint32_t e, size_t *n)
{
    assert(s->finished);
    *n = s->adj_offset[e + 1] - s->adj_offset[e];
    return s->adj + s->adj_offset[e];
}

/* ---- relations */

uint32_t tkg_relation_kind(const tkg_store *s, uint32_t r)
{
    return s->relations[r].kind;
}

uint32_t tkg_relation_from(const tkg_store *s, uint32_t r)
{
    return s->relations[r].from;
}

uint32_t tkg_relation_to(const tkg_store *s, uint32_t r)
{
    return s->relations[r].to;
}

const char *tkg_relation_id(const tkg_store *s, uint32_t r)
{
    sym y = s->relations[r].id;
    return y ? store_str(s, y) : NULL;
}

tkg_interval tkg_relation_interval(const tkg_store *s, uint32_t r)
{
    return s->relations[r].iv;
}

uint32_t tkg_relation_event(const tkg_store *s, uint32_t r)
{
    assert(s->finished);
    return store_relation_event(s, r);
}

tkg_bound tkg_relation_start(const tkg_store *s, uint32_t r)
{
    return bound_of(s, s->relations[r].start);
}

tkg_bound tkg_relation_end(const tkg_store *s, uint32_t r)
{
    return bound_of(s, s->relations[r].end);
}

bool tkg_relation_is_point(const tkg_store *s, uint32_t r)
{
    uint32_t ev = tkg_relation_event(s, r);
    const relation_row *row = &s->relations[r];
    sym start = ev == TKG_NO_ENTITY ? row->start.raw : s->entities[ev].start.raw;
    sym end = ev == TKG_NO_ENTITY ? row->end.raw : s->entities[ev].end.raw;
    return start != SYM_NONE && start == end;
}

size_t tkg_relation_attr_count(const tkg_store *s, uint32_t r)
{
    assert(s->finished);
    return s->attr_idx.relation_offset[r + 1] - s->attr_idx.relation_offset[r];
}

tkg_attr tkg_relation_attr(const tkg_store *s, uint32_t r, size_t i)
{
    return attr_of(s, &s->attrs[s->attr_idx.relation_offset[r] + i]);
}

size_t tkg_relation_citation_count(const tkg_store *s, uint32_t r)
{
    assert(s->finished);
    return s->cite_idx.relation_offset[r + 1] - s->cite_idx.relation_offset[r];
}

tkg_citation tkg_relation_citation(const tkg_store *s, uint32_t r, size_t i)
{
    return cite_of(&s->cites[s->cite_idx.relation_offset[r] + i]);
}

/* ---- sources */

static const char *opt_str(const tkg_store *s, sym y)
{
    return y ? store_str(s, y) : NULL;
}

const char *tkg_source_id(const tkg_store *s, uint32_t src)
{
    return store_str(s, s->sources[src].id);
}

const char *tkg_source_title(const tkg_store *s, uint32_t src)
{
    return opt_str(s, s->sources[src].title);
}

const char *tkg_source_publisher(const tkg_store *s, uint32_t src)
{
    return opt_str(s, s->sources[src].publisher);
}

const char *tkg_source_url(const tkg_store *s, uint32_t src)
{
    return opt_str(s, s->sources[src].url);
}

const char *tkg_source_published(const tkg_store *s, uint32_t src)
{
    return opt_str(s, s->sources[src].published);
}

const char *tkg_source_lang(const tkg_store *s, uint32_t src)
{
    return opt_str(s, s->sources[src].lang);
}
