/* tkg extract: draft the dated, sourced relations of a news article, for review
 * (tkg_extract; docs/extract.md). */
#include "cli.h"
#include "help.h"
#include "outcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const help[] = {
    "Usage: tkg extract --source-id ID --published DATE [--lang fr|en] [--title T]\n"
    "                   [--publisher P] [--url U] [--graph INPUT]... [--lexicon FILE]\n"
    "                   [-o FILE] [--format xml|tsv] [INPUT OPTIONS] ARTICLE\n"
    "\n"
    "Reads a news article (UTF-8 text, or HTML: .html, .htm or content that starts as HTML;\n"
    "scripts, styles and navigation dropped) and writes a draft of its facts for a person to\n"
    "review: a TKG-XML document that 'tkg validate' accepts, alone and with the --graph\n"
    "inputs, holding the source, every actor the article mentions (the id of the --graph\n"
    "inputs' entity, or a proposed state marked draft_proposed) and the relations drafted\n"
    "from its sentences. A relation is drafted when a sentence holds a trigger of the\n"
    "lexicon and two actors whose kinds fit the relation kind; it is dated by the sentence's\n"
    "temporal expressions, cites the sentence verbatim, and says how sure tkg is and why\n"
    "(draft_confidence, draft_trigger, draft_rule). The same relation from several sentences\n"
    "is one relation citing each; one the --graph inputs hold already comes with its\n"
    "citations only (no draft_* attribute), so the draft merges into a knowledge base.\n"
    "Without --lang the language is guessed from common words\n"
    "(a note says which). The output file is written only when all went well.\n"
    "\n"
    "Options:\n"
    "  --source-id ID        the article's source id in the draft (required)\n"
    "  --published DATE      the article's date, YYYY-MM-DD (required): relative dates\n"
    "                        ('vendredi', 'last month') count from it\n"
    "  --lang fr|en          the article's language (default: guessed)\n"
    "  --title T             the source's title\n"
    "  --publisher P         the source's publisher\n"
    "  --url U               the source's address (http or https)\n"
    "  --graph INPUT         a known graph (any input tkg reads; repeat for several): its\n"
    "                        entities are found by their ids, labels and names, and keep\n"
    "                        their ids in the draft\n"
    "  --lexicon FILE        the relation lexicon (default: the bundled one, for the\n"
    "                        bundled ontology; docs/format.md)\n"
    "  -o, --output FILE     the draft's file ('-': standard output, the default)\n"
    "  --format FORMAT       xml (the draft in TKG-XML, the default) or tsv (one line per\n"
    "                        relation, for a spreadsheet)\n"
    "\n",
    CLI_HELP_INPUT,
    "These read the --graph inputs; --ontology also gives the kinds of the draft and of the\n"
    "lexicon, and --max-input-bytes also caps the article.\n"
    "\n" CLI_HELP_EXIT_FILE,
    NULL};

typedef struct extract_args {
    tkg_extract_options opt;
    const char *output;
    const char **graphs;
    int graph_count;
} extract_args;

static int own_option(cli_args *a, const char *name, const char *value)
{
    extract_args *x = a->own_ctx;
    if (strcmp(name, "--source-id") == 0)
        x->opt.source_id = value;
    else if (strcmp(name, "--published") == 0)
        x->opt.published = value;
    else if (strcmp(name, "--lang") == 0)
        x->opt.lang = value;
    else if (strcmp(name, "--title") == 0)
        x->opt.title = value;
    else if (strcmp(name, "--publisher") == 0)
        x->opt.publisher = value;
    else if (strcmp(name, "--url") == 0)
        x->opt.url = value;
    else if (strcmp(name, "--graph") == 0)
        x->graphs[x->graph_count++] = value;
    else if (strcmp(name, "--lexicon") == 0)
        x->opt.lexicon = value;
    else if (strcmp(name, "-o") == 0 || strcmp(name, "--output") == 0)
        x->output = value;
    else if (strcmp(name, "--format") == 0) {
        if (strcmp(value, "xml") == 0)
            x->opt.format = TKG_EXTRACT_XML;
        else if (strcmp(value, "tsv") == 0)
            x->opt.format = TKG_EXTRACT_TSV;
        else
            return cli_usage(a->command, "unknown format '%s' (expected xml or tsv)", value);
    } else
        return CLI_NOT_OWN;
    return EXIT_OK;
}

/* The note that says which language was guessed. */
static void note_language(const char *article, const tkg_extract_summary *sum)
{
    tkg_error note = {0};
    snprintf(note.source, sizeof note.source, "%s", article);
    snprintf(note.message, sizeof note.message,
             "read as %s, guessed from its common words (%zu French, %zu English); --lang "
             "sets the language",
             strcmp(sum->lang, "fr") == 0 ? "French" : "English", sum->fr_words, sum->en_words);
    cli_print_note(&note);
}

int cmd_extract(int argc, char **argv)
{
    static const char *const valued[] = {"--source-id", "--published", "--title",   "--publisher",
                                         "--url",       "--graph",     "--lexicon", "-o",
                                         "--output",    NULL};
    extract_args x = {.graphs = calloc((size_t)argc + 1, sizeof *x.graphs)};
    cli_args a = {.command = "extract", .own_valued = valued, .own = own_option, .own_ctx = &x};
    tkg_store *graph = NULL;
    tkg_ontology *ontology = NULL;
    tkg_sink *out = NULL;
    tkg_error err = {0};
    int rc = x.graphs ? cli_parse(&a, argc, argv, 2, OPT_ONTOLOGY, 0, help) : cli_nomem();
    if (rc != EXIT_OK)
        goto done;
    if (a.input_count != 1) {
        rc = cli_usage(a.command, "%s", "one ARTICLE at a time (tkg extract ... ARTICLE)");
        goto done;
    }
    const char *article = a.inputs[0];
    x.opt.max_input_bytes = a.max_input_bytes;
    if (tkg_extract_check_options(&x.opt, &err) != TKG_OK) {
        rc = cli_usage(a.command, "%s", err.message);
        goto done;
    }
    /* The output may be neither the article nor a graph input. */
    cli_args inputs = a;
    inputs.inputs = x.graphs;
    x.graphs[x.graph_count] = article;
    inputs.input_count = x.graph_count + 1;
    const char *path = x.output && strcmp(x.output, "-") != 0 ? x.output : NULL;
    if (path && (rc = cli_check_output_file(&inputs, path)) != EXIT_OK)
        goto done;
    if (x.graph_count) {
        inputs.input_count = x.graph_count;
        if ((rc = cli_load(&graph, &inputs)) != EXIT_OK)
            goto done;
        x.opt.graph = graph;
    } else if (a.ontology) {
        tkg_store_options unused;
        if ((rc = cli_store_options(&unused, &ontology, &a)) != EXIT_OK)
            goto done;
        x.opt.ontology = ontology;
    }
    int r = path ? tkg_sink_open_file(&out, path, &err)
                 : tkg_sink_open_fd(&out, STDOUT_FILENO, "<stdout>", &err);
    tkg_extract_summary sum;
    if (r == TKG_OK)
        r = tkg_extract(out, article, &x.opt, &sum, &err);
    if (r == TKG_OK)
        r = tkg_sink_commit(out, &err);
    if (r != TKG_OK) {
        rc = cli_fail(&err);
        goto done;
    }
    if (sum.lang_guessed)
        note_language(article, &sum);
    rc = EXIT_OK;
done:
    tkg_sink_free(out);
    tkg_store_free(graph);
    tkg_ontology_free(ontology);
    free(x.graphs);
    free(a.inputs);
    return rc < 0 ? EXIT_OK : rc;
}
