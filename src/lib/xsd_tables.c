/* schema/tkg.xsd, schema/ontology.xsd and schema/lexicon.xsd as declaration tables (see xsd.h). The
 * .xsd files are the published contract; tests/readers/xsd_tables.py parses them and fails on any
 * difference with these tables (elements, children and their occurrences, attributes,
 * required flags, defaults, types, enumerations, maxLength and patterns) and on any value
 * where a pattern's C function and the pattern itself disagree. A change to a schema is made
 * in both places. */
#include "xml.h"
#include "xsd.h"

#include <string.h>

/* ------------------------------------------------------------ lexical checks */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

/* [A-Za-z0-9_][A-Za-z0-9_.:\-]* */
static int ident(const char *v, size_t n)
{
    if (n == 0 || !(is_alpha(v[0]) || is_digit(v[0]) || v[0] == '_'))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!(is_alpha(v[i]) || is_digit(v[i]) || v[i] == '_' || v[i] == '.' || v[i] == ':' ||
              v[i] == '-'))
            return 0;
    return 1;
}

/* [0-9]{4}(-[0-9]{2}(-[0-9]{2})?)? */
static int date(const char *v, size_t n)
{
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (i == 4 || i == 7 ? v[i] != '-' : !is_digit(v[i]))
            return 0;
    return 1;
}

/* \s*\S[\s\S]*: a character other than space, tab, line feed and carriage return. */
static int text(const char *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] != ' ' && v[i] != '\t' && v[i] != '\n' && v[i] != '\r')
            return 1;
    return 0;
}

/* Q[1-9][0-9]* */
static int qid(const char *v, size_t n)
{
    if (n < 2 || v[0] != 'Q' || v[1] < '1' || v[1] > '9')
        return 0;
    for (size_t i = 2; i < n; i++)
        if (!is_digit(v[i]))
            return 0;
    return 1;
}

/* [a-z][a-z0-9_]* */
static int kind_name(const char *v, size_t n)
{
    if (n == 0 || !is_lower(v[0]))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!(is_lower(v[i]) || is_digit(v[i]) || v[i] == '_'))
            return 0;
    return 1;
}

/* #[0-9a-f]{6} */
static int color(const char *v, size_t n)
{
    if (n != 7 || v[0] != '#')
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!(is_digit(v[i]) || (v[i] >= 'a' && v[i] <= 'f')))
            return 0;
    return 1;
}

/* xs:language: [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})* */
static int language(const char *v, size_t n)
{
    size_t run = 0;
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (v[i] == '-') {
            if (run == 0)
                return 0;
            first = false;
            run = 0;
        } else if (is_alpha(v[i]) || (!first && is_digit(v[i]))) {
            if (++run > 8)
                return 0;
        } else {
            return 0;
        }
    }
    return run > 0;
}

/* xs:boolean: true, false, 1 or 0 */
static int boolean(const char *v, size_t n)
{
    return (n == 4 && memcmp(v, "true", 4) == 0) || (n == 5 && memcmp(v, "false", 5) == 0) ||
           (n == 1 && (*v == '1' || *v == '0'));
}

/* ------------------------------------------------------------ built-in types */

static const xsd_type xs_string = {.name = "xs:string", .meaning = "text"};
static const xsd_type xs_language = {.name = "xs:language",
                                     .matches = language,
                                     .collapse = true,
                                     .meaning = "a language tag such as fr, en or pt-BR"};
static const xsd_type xs_any_uri = {
    .name = "xs:anyURI", .matches = xml_any_uri, .collapse = true, .meaning = "a URI"};
static const xsd_type xs_boolean = {
    .name = "xs:boolean", .matches = boolean, .collapse = true, .meaning = "true, false, 1 or 0"};

/* ------------------------------------------------------------ schema/tkg.xsd */

static const xsd_type t_ident = {
    .name = "tkg:Ident",
    .base = "xs:string",
    .pattern = "[A-Za-z0-9_][A-Za-z0-9_.:\\-]*",
    .matches = ident,
    .max_length = 200,
    .meaning = "an id: letters, digits and _ . : - without spaces, not starting with . : -"};
static const xsd_type t_date = {.name = "tkg:Date",
                                .base = "xs:string",
                                .pattern = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?",
                                .matches = date,
                                .meaning = "a date YYYY, YYYY-MM or YYYY-MM-DD"};
/* Its meaning is empty: a value is refused only when blank, said "is empty". */
static const xsd_type t_text = {.name = "tkg:Text",
                                .base = "xs:string",
                                .pattern = "\\s*\\S[\\s\\S]*",
                                .matches = text,
                                .meaning = ""};
static const xsd_type t_wikidata = {.name = "tkg:WikidataId",
                                    .base = "xs:string",
                                    .pattern = "Q[1-9][0-9]*",
                                    .matches = qid,
                                    .max_length = 20,
                                    .meaning = "a Wikidata item id such as Q912"};
static const char *const attr_types[] = {"string", "int", "double", "bool", "date", NULL};
static const xsd_type t_attr_type = {
    .name = "tkg:AttrType", .base = "xs:string", .enumeration = attr_types, .meaning = ""};

static const xsd_element t_name = {
    .name = "name",
    .id = XSD_NAME,
    .type_name = "tkg:Name",
    .attrs = (const xsd_attr[]){{"lang", &xs_language, true, NULL}, {NULL, NULL, false, NULL}},
    .text = &t_text};
static const xsd_element t_alias = {
    .name = "alias",
    .id = XSD_ALIAS,
    .type_name = "tkg:Alias",
    .attrs = (const xsd_attr[]){{"lang", &xs_language, false, NULL}, {NULL, NULL, false, NULL}},
    .text = &t_text};
static const xsd_element t_attr = {.name = "attr",
                                   .id = XSD_ATTR,
                                   .type_name = "tkg:Attr",
                                   .attrs =
                                       (const xsd_attr[]){{"key", &t_ident, true, NULL},
                                                          {"type", &t_attr_type, false, "string"},
                                                          {NULL, NULL, false, NULL}},
                                   .text = &xs_string};
static const xsd_element t_cite = {
    .name = "cite",
    .id = XSD_CITE,
    .type_name = "tkg:Cite",
    .attrs = (const xsd_attr[]){{"source", &t_ident, true, NULL}, {NULL, NULL, false, NULL}},
    .text = &xs_string};
static const xsd_element t_source = {.name = "source",
                                     .id = XSD_SOURCE,
                                     .type_name = "tkg:Source",
                                     .attrs = (const xsd_attr[]){
                                         {"id", &t_ident, true, NULL},
                                         {"title", &xs_string, false, NULL},
                                         {"publisher", &xs_string, false, NULL},
                                         {"url", &xs_any_uri, false, NULL},
                                         {"published", &t_date, false, NULL},
                                         {"lang", &xs_language, false, NULL},
                                         {NULL, NULL, false, NULL},
                                     }};
static const xsd_element t_entity = {
    .name = "entity",
    .id = XSD_ENTITY,
    .type_name = "tkg:Entity",
    .attrs =
        (const xsd_attr[]){
            {"id", &t_ident, true, NULL},
            {"kind", &t_ident, true, NULL},
            {"label", &t_text, true, NULL},
            {"start", &t_date, false, NULL},
            {"end", &t_date, false, NULL},
            {"date", &t_date, false, NULL},
            {"wikidata", &t_wikidata, false, NULL},
            {NULL, NULL, false, NULL},
        },
    .children = (const xsd_element *const[]){&t_name, &t_alias, &t_attr, &t_cite, NULL}};
static const xsd_element t_relation = {.name = "relation",
                                       .id = XSD_RELATION,
                                       .type_name = "tkg:Relation",
                                       .attrs =
                                           (const xsd_attr[]){
                                               {"id", &t_ident, false, NULL},
                                               {"kind", &t_ident, true, NULL},
                                               {"from", &t_ident, true, NULL},
                                               {"to", &t_ident, true, NULL},
                                               {"start", &t_date, false, NULL},
                                               {"end", &t_date, false, NULL},
                                               {"date", &t_date, false, NULL},
                                               {NULL, NULL, false, NULL},
                                           },
                                       .children =
                                           (const xsd_element *const[]){&t_attr, &t_cite, NULL}};
static const xsd_element t_root = {
    .name = "tkg",
    .id = XSD_TKG,
    .children = (const xsd_element *const[]){&t_source, &t_entity, &t_relation, NULL}};

const xsd_schema xsd_tkg = {"tkg.xsd", "urn:tkg:1", &t_root};

/* ------------------------------------------------------------ schema/ontology.xsd */

static const xsd_type o_kind_name = {
    .name = "o:KindName",
    .base = "xs:string",
    .pattern = "[a-z][a-z0-9_]*",
    .matches = kind_name,
    .max_length = 64,
    .meaning = "a kind name: lower-case letters, digits and _, starting with a letter"};
static const xsd_type o_ident = {
    .name = "o:Ident",
    .base = "xs:string",
    .pattern = "[A-Za-z0-9_][A-Za-z0-9_.:\\-]*",
    .matches = ident,
    .max_length = 200,
    .meaning = "an id: letters, digits and _ . : - without spaces, not starting with . : -"};
static const xsd_type o_text = {.name = "o:Text",
                                .base = "xs:string",
                                .pattern = "\\s*\\S[\\s\\S]*",
                                .matches = text,
                                .meaning = ""};
static const xsd_type o_color = {.name = "o:Color",
                                 .base = "xs:string",
                                 .pattern = "#[0-9a-f]{6}",
                                 .matches = color,
                                 .meaning = "a colour #rrggbb in lower-case hexadecimal"};
static const char *const shapes[] = {
    "box",     "ellipse",   "oval",     "circle",        "doublecircle", "diamond",
    "hexagon", "octagon",   "house",    "invhouse",      "note",         "tab",
    "folder",  "component", "cylinder", "parallelogram", "trapezium",    "triangle",
    "star",    "square",    "plain",    "plaintext",     "box3d",        NULL};
static const xsd_type o_shape = {
    .name = "o:Shape", .base = "xs:string", .enumeration = shapes, .meaning = ""};
static const char *const line_styles[] = {"solid", "dashed", "dotted", "bold", NULL};
static const xsd_type o_line_style = {
    .name = "o:LineStyle", .base = "xs:string", .enumeration = line_styles, .meaning = ""};

static const xsd_element o_entity_kind = {.name = "entity-kind",
                                          .id = XSD_ENTITY_KIND,
                                          .type_name = "o:EntityKind",
                                          .attrs = (const xsd_attr[]){
                                              {"name", &o_kind_name, true, NULL},
                                              {"parent", &o_kind_name, false, NULL},
                                              {"label", &o_text, true, NULL},
                                              {"color", &o_color, true, NULL},
                                              {"shape", &o_shape, true, NULL},
                                              {NULL, NULL, false, NULL},
                                          }};
static const xsd_element o_relation_kind = {.name = "relation-kind",
                                            .id = XSD_RELATION_KIND,
                                            .type_name = "o:RelationKind",
                                            .attrs = (const xsd_attr[]){
                                                {"name", &o_kind_name, true, NULL},
                                                {"label", &o_text, true, NULL},
                                                {"domain", &o_kind_name, true, NULL},
                                                {"range", &o_kind_name, true, NULL},
                                                {"symmetric", &xs_boolean, false, "false"},
                                                {"dated", &xs_boolean, false, "false"},
                                                {"color", &o_color, true, NULL},
                                                {"style", &o_line_style, false, "solid"},
                                                {NULL, NULL, false, NULL},
                                            }};
static const xsd_element o_root = {
    .name = "ontology",
    .id = XSD_ONTOLOGY,
    .attrs = (const xsd_attr[]){{"name", &o_ident, true, NULL},
                                {"version", &o_ident, false, NULL},
                                {NULL, NULL, false, NULL}},
    .children = (const xsd_element *const[]){&o_entity_kind, &o_relation_kind, NULL},
    .min_children = 1};

const xsd_schema xsd_ontology = {"ontology.xsd", "urn:tkg:ontology:1", &o_root};

/* ------------------------------------------------------------ schema/lexicon.xsd */

static const xsd_type l_kind_name = {
    .name = "l:KindName",
    .base = "xs:string",
    .pattern = "[a-z][a-z0-9_]*",
    .matches = kind_name,
    .max_length = 64,
    .meaning = "a kind name: lower-case letters, digits and _, starting with a letter"};
static const xsd_type l_ident = {
    .name = "l:Ident",
    .base = "xs:string",
    .pattern = "[A-Za-z0-9_][A-Za-z0-9_.:\\-]*",
    .matches = ident,
    .max_length = 200,
    .meaning = "an id: letters, digits and _ . : - without spaces, not starting with . : -"};
static const xsd_type l_phrase = {.name = "l:Phrase",
                                  .base = "xs:string",
                                  .pattern = "\\s*\\S[\\s\\S]*",
                                  .matches = text,
                                  .max_length = 200,
                                  .meaning = ""};
static const char *const orders[] = {"from-trigger-to", "to-trigger-from", "trigger-from-to",
                                     "trigger-to-from", NULL};
static const xsd_type l_order = {
    .name = "l:Order", .base = "xs:string", .enumeration = orders, .meaning = ""};
static const char *const confidences[] = {"high", "medium", "low", NULL};
static const xsd_type l_confidence = {
    .name = "l:Confidence", .base = "xs:string", .enumeration = confidences, .meaning = ""};
static const char *const date_roles[] = {"date", "start", "end", NULL};
static const xsd_type l_date_role = {
    .name = "l:DateRole", .base = "xs:string", .enumeration = date_roles, .meaning = ""};

static const xsd_element l_trigger = {.name = "trigger",
                                      .id = XSD_TRIGGER,
                                      .type_name = "l:Trigger",
                                      .attrs =
                                          (const xsd_attr[]){
                                              {"lang", &xs_language, true, NULL},
                                              {"order", &l_order, false, "from-trigger-to"},
                                              {"confidence", &l_confidence, false, "medium"},
                                              {"date", &l_date_role, false, "date"},
                                              {NULL, NULL, false, NULL},
                                          },
                                      .text = &l_phrase};
static const xsd_element l_relation = {
    .name = "relation",
    .id = XSD_LEXICON_RELATION,
    .type_name = "l:Relation",
    .attrs = (const xsd_attr[]){{"kind", &l_kind_name, true, NULL}, {NULL, NULL, false, NULL}},
    .children = (const xsd_element *const[]){&l_trigger, NULL},
    .min_children = 1};
static const xsd_element l_root = {.name = "lexicon",
                                   .id = XSD_LEXICON,
                                   .attrs = (const xsd_attr[]){{"name", &l_ident, true, NULL},
                                                               {"version", &l_ident, false, NULL},
                                                               {NULL, NULL, false, NULL}},
                                   .children = (const xsd_element *const[]){&l_relation, NULL},
                                   .min_children = 1};

const xsd_schema xsd_lexicon = {"lexicon.xsd", "urn:tkg:lexicon:1", &l_root};
