/* Prints a declaration table of src/lib/xsd_tables.c as JSON, for tests/readers/xsd_tables.py,
 * which compares it with the .xsd it stands for. With value files, also the verdict of each
 * type on each value (the values are read from the file, separated by NUL bytes).
 *
 * usage: xsd_dump tkg|ontology|lexicon [VALUES]
 */
#include "xsd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void json_string(const char *s)
{
    if (!s) {
        fputs("null", stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            printf("\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            printf("\\u%04x", (unsigned)(unsigned char)*s);
        else
            putchar(*s);
    }
    putchar('"');
}

/* The types met so far, each printed once. */
static const xsd_type *types[64];
static size_t type_count;

static void note_type(const xsd_type *t)
{
    for (size_t i = 0; i < type_count; i++)
        if (types[i] == t)
            return;
    if (type_count < sizeof types / sizeof *types)
        types[type_count++] = t;
}

static void element(const xsd_element *e, const char *path, int *first)
{
    char here[256];
    snprintf(here, sizeof here, "%s%s%s", path, path[0] ? "/" : "", e->name);
    printf("%s\n    ", *first ? "" : ",");
    *first = 0;
    json_string(here);
    printf(": {\"name\": ");
    json_string(e->name);
    printf(", \"type\": ");
    json_string(e->type_name);
    printf(", \"min_children\": %u, \"text\": ", e->min_children);
    json_string(e->text ? e->text->name : NULL);
    if (e->text)
        note_type(e->text);
    printf(", \"attributes\": [");
    for (const xsd_attr *a = e->attrs; a && a->name; a++) {
        printf("%s{\"name\": ", a == e->attrs ? "" : ", ");
        json_string(a->name);
        printf(", \"type\": ");
        json_string(a->type->name);
        printf(", \"required\": %s, \"default\": ", a->required ? "true" : "false");
        json_string(a->fallback);
        putchar('}');
        note_type(a->type);
    }
    printf("], \"children\": [");
    for (const xsd_element *const *k = e->children; k && *k; k++) {
        printf("%s", k == e->children ? "" : ", ");
        json_string((*k)->name);
    }
    printf("]}");
    for (const xsd_element *const *k = e->children; k && *k; k++)
        element(*k, here, first);
}

int main(int argc, char **argv)
{
    const xsd_schema *s = argc > 1 && strcmp(argv[1], "lexicon") == 0    ? &xsd_lexicon
                          : argc > 1 && strcmp(argv[1], "ontology") == 0 ? &xsd_ontology
                          : argc > 1 && strcmp(argv[1], "tkg") == 0      ? &xsd_tkg
                                                                         : NULL;
    if (!s) {
        fprintf(stderr, "usage: xsd_dump tkg|ontology|lexicon [VALUES]\n");
        return 2;
    }
    char *values = NULL;
    size_t values_len = 0;
    if (argc > 2) {
        FILE *f = fopen(argv[2], "rb");
        if (!f || fseek(f, 0, SEEK_END) != 0) {
            perror(argv[2]);
            return 2;
        }
        values_len = (size_t)ftell(f);
        rewind(f);
        values = malloc(values_len + 1);
        if (!values || fread(values, 1, values_len, f) != values_len) {
            perror(argv[2]);
            return 2;
        }
        values[values_len] = '\0';
        fclose(f);
    }
    printf("{\"file\": ");
    json_string(s->file);
    printf(", \"ns\": ");
    json_string(s->ns);
    printf(",\n  \"elements\": {");
    int first = 1;
    element(s->root, "", &first);
    printf("},\n  \"types\": {");
    for (size_t i = 0; i < type_count; i++) {
        const xsd_type *t = types[i];
        printf("%s\n    ", i ? "," : "");
        json_string(t->name);
        printf(": {\"base\": ");
        json_string(t->base);
        printf(", \"pattern\": ");
        json_string(t->pattern);
        printf(", \"maxLength\": %u, \"collapse\": %s, \"enumeration\": ", t->max_length,
               t->collapse ? "true" : "false");
        if (t->enumeration) {
            putchar('[');
            for (const char *const *e = t->enumeration; *e; e++) {
                printf("%s", e == t->enumeration ? "" : ", ");
                json_string(*e);
            }
            putchar(']');
        } else {
            fputs("null", stdout);
        }
        printf(", \"verdicts\": \"");
        for (size_t off = 0; values && off < values_len;) {
            size_t n = strlen(values + off);
            int v = xsd_valid(t, values + off, n);
            putchar(v < 0 ? 'E' : v ? '1' : '0');
            off += n + 1;
        }
        printf("\"}");
    }
    printf("}}\n");
    free(values);
    return 0;
}
