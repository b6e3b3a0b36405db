/* tkg-render: reads a DOT graph on standard input, lays it out with Graphviz and writes SVG,
 * PNG, PDF, positioned DOT or node positions on standard output. It is the only program of
 * tkg that links Graphviz (cgraph and gvc): tkg runs it as a child process, so that a crash
 * or a layout that never ends inside Graphviz becomes a clean error in tkg, and so that
 * Graphviz (EPL-1.0) and igraph (GPL) never share an executable.
 *
 * Graphviz's messages are captured (agseterrf) and printed only when the run fails, as
 * `tkg-render: error: MESSAGE`. Exit status: 0 success, 1 bad graph or failed layout,
 * 2 usage, 3 I/O or out of memory. */
#include <graphviz/gvc.h>

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

#ifdef __SANITIZE_ADDRESS__
/* Graphviz 2.42 and the font stack under it keep memory until exit; in sanitizer builds the
 * leak checker reports only leaks that do not pass through those libraries. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libgvc.so\nleak:libcgraph.so\nleak:libcdt.so\nleak:libgvplugin_\n"
           "leak:libpathplan.so\nleak:libfontconfig.so\nleak:libpango\nleak:libcairo.so\n"
           "leak:libglib-2.0.so\nleak:libgobject-2.0.so\nleak:libharfbuzz.so\n"
           "leak:libfreetype.so\nleak:libpixman\nleak:libexpat.so\nleak:libltdl.so\n";
}

const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}
#endif

#define INPUT_MAX    ((size_t)1 << 30) /* 1 GiB of DOT */
#define MESSAGES_MAX 8192

static const char usage_text[] =
    "Usage: tkg-render -T FORMAT [-K ENGINE] [--cpu-limit SECONDS] [--memory-limit MIB]\n"
    "                  [--straight]\n"
    "\n"
    "Reads a DOT graph on standard input, lays it out and writes it on standard output.\n"
    "FORMAT: svg, png, pdf, dot (positioned DOT), pos (one line 'NAME X Y' per node, in\n"
    "points, in the order of the input). ENGINE: a Graphviz layout (dot, neato, fdp, sfdp,\n"
    "twopi, circo, osage, patchwork); default: the graph's 'layout' attribute, else dot.\n"
    "The limits cap CPU time and address space (setrlimit); a core dump is never written.\n"
    "--straight draws straight edges (splines=line, overlap=prism unless set): the cheap\n"
    "retry tkg makes when a layout crashed or took too long (ignored by dot).\n";

/* Graphviz's messages, kept until we know whether the run failed. */
static char messages[MESSAGES_MAX];
static size_t messages_len;

static int capture(char *text)
{
    size_t n = strlen(text);
    if (n > MESSAGES_MAX - 1 - messages_len)
        n = MESSAGES_MAX - 1 - messages_len;
    memcpy(messages + messages_len, text, n);
    messages_len += n;
    messages[messages_len] = '\0';
    return 0;
}

/* Prints the captured messages as `tkg-render: error: ...`, one line each, lower case,
 * without Graphviz's "Error: " prefix; `fallback` when Graphviz said nothing. */
static void print_failure(const char *fallback)
{
    bool any = false;
    for (char *line = strtok(messages, "\n"); line; line = strtok(NULL, "\n")) {
        while (*line == ' ' || *line == '\t')
            line++;
        if (strncmp(line, "Error: ", 7) == 0)
            line += 7;
        else if (strncmp(line, "Warning: ", 9) == 0)
            continue;
        if (!*line)
            continue;
        size_t n = strlen(line);
        while (n > 0 && (line[n - 1] == '.' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (line[0] >= 'A' && line[0] <= 'Z' && !(line[1] >= 'A' && line[1] <= 'Z'))
            line[0] = (char)(line[0] - 'A' + 'a');
        fprintf(stderr, "tkg-render: error: %s\n", line);
        any = true;
    }
    if (!any)
        fprintf(stderr, "tkg-render: error: %s\n", fallback);
}

static bool set_limit(int resource, rlim_t value)
{
    struct rlimit rl = {value, value};
    struct rlimit old;
    if (getrlimit(resource, &old) == 0 && old.rlim_max != RLIM_INFINITY && old.rlim_max < value)
        rl.rlim_cur = rl.rlim_max = old.rlim_max;
    return setrlimit(resource, &rl) == 0;
}

/* Reads all of standard input; NULL (and *too_big) when over INPUT_MAX. */
static char *read_input(size_t *len, bool *too_big)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    *too_big = false;
    while (buf) {
        if (cap - n < 2) {
            if (cap >= INPUT_MAX) {
                *too_big = true;
                free(buf);
                return NULL;
            }
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                return NULL;
            }
            buf = p;
            cap *= 2;
        }
        ssize_t r = read(STDIN_FILENO, buf + n, cap - n - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            free(buf);
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

static bool write_all(const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(STDOUT_FILENO, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        data += w;
        len -= (size_t)w;
    }
    return true;
}

/* Cairo 1.16 stamps PDFs with the current time; a fixed date (same length, so that the
 * cross-reference offsets stay right) makes the output the same from run to run. */
static void fix_pdf_date(char *data, size_t len)
{
    static const char key[] = "/CreationDate (D:";
    size_t k = sizeof key - 1;
    for (size_t i = 0; i + k + 14 <= len; i++) {
        if (memcmp(data + i, key, k) == 0) {
            memcpy(data + i + k, "19700101000000", 14);
            return;
        }
    }
}

static bool write_positions(Agraph_t *g)
{
    char line[512];
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        const char *name = agnameof(n);
        int k = snprintf(line, sizeof line, "%s %.2f %.2f\n", name, ND_coord(n).x, ND_coord(n).y);
        if (k < 0 || (size_t)k >= sizeof line) {
            /* A long name: write it in pieces. */
            char tail[64];
            int t = snprintf(tail, sizeof tail, " %.2f %.2f\n", ND_coord(n).x, ND_coord(n).y);
            if (!write_all(name, strlen(name)) || !write_all(tail, (size_t)t))
                return false;
        } else if (!write_all(line, (size_t)k)) {
            return false;
        }
    }
    return true;
}

static bool known_format(const char *f)
{
    static const char *const formats[] = {"svg", "png", "pdf", "dot", "pos"};
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        if (strcmp(f, formats[i]) == 0)
            return true;
    return false;
}

static int usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("tkg-render: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\nTry 'tkg-render --help'.\n", stderr);
    va_end(ap);
    return EXIT_USAGE;
}

/* Parses a whole number from 1 to `max`; 0 when malformed. */
static long parse_count(const char *s, long max)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    return errno || *end || v < 1 || v > max ? 0 : v;
}

int main(int argc, char **argv)
{
    const char *format = NULL, *engine = NULL;
    long cpu = 0, memory = 0;
    bool straight = false;
    /* The same bytes whatever the caller's time zone and locale: cairo writes a PDF's
     * creation date with the local offset (fix_pdf_date fixes only the digits), and number
     * formatting must not follow LC_NUMERIC. */
    setenv("TZ", "UTC", 1);
    tzset();
    setenv("LC_ALL", "C", 1);
    setlocale(LC_ALL, "C");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            return fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
        } else if (strncmp(a, "-T", 2) == 0 && a[2]) {
            format = a + 2;
        } else if (strncmp(a, "-K", 2) == 0 && a[2]) {
            engine = a + 2;
        } else if (strcmp(a, "-T") == 0 && v) {
            format = argv[++i];
        } else if (strcmp(a, "-K") == 0 && v) {
            engine = argv[++i];
        } else if (strcmp(a, "--straight") == 0) {
            straight = true;
        } else if (strcmp(a, "--cpu-limit") == 0 && v) {
            if (!(cpu = parse_count(argv[++i], 1000000)))
                return usage("--cpu-limit needs a whole number of seconds, not '%s'", v);
        } else if (strcmp(a, "--memory-limit") == 0 && v) {
            if (!(memory = parse_count(argv[++i], 1L << 30)))
                return usage("--memory-limit needs a whole number of MiB, not '%s'", v);
        } else {
            return usage("unknown or incomplete option '%s'", a);
        }
    }
    if (!format)
        return usage("%s", "missing -T FORMAT");
    if (!known_format(format))
        return usage("unknown format '%s' (expected svg, png, pdf, dot or pos)", format);

    /* A crash must not leave a core file behind; the limits stop a runaway layout even if
     * the parent is gone. */
    set_limit(RLIMIT_CORE, 0);
    if (cpu)
        set_limit(RLIMIT_CPU, (rlim_t)cpu);
#ifndef __SANITIZE_ADDRESS__ /* AddressSanitizer reserves terabytes of address space */
    if (memory)
        set_limit(RLIMIT_AS, (rlim_t)memory << 20);
#endif
    /* Numbers in the output are always written with a decimal point. */
    setlocale(LC_ALL, "C");

    int status = EXIT_OK;
    size_t len = 0;
    bool too_big;
    char *dot = read_input(&len, &too_big);
    GVC_t *gvc = NULL;
    Agraph_t *g = NULL;
    bool laid_out = false;
    char *data = NULL;
    unsigned int data_len = 0;
    if (!dot) {
        fprintf(stderr, "tkg-render: error: %s\n",
                too_big ? "the graph is larger than 1 GiB" : "cannot read the graph");
        status = too_big ? EXIT_INPUT : EXIT_IO;
        goto done;
    }
    agseterr(AGWARN);
    agseterrf(capture);
    gvc = gvContext();
    if (!gvc) {
        print_failure("cannot start Graphviz");
        status = EXIT_IO;
        goto done;
    }
    g = agmemread(dot);
    if (!g) {
        print_failure("not a DOT graph");
        status = EXIT_INPUT;
        goto done;
    }
    /* gvLayout obeys the graph's own `layout` attribute over its argument: -K sets it. */
    if (engine)
        agsafeset(g, (char *)"layout", (char *)engine, (char *)"");
    if (straight && strcmp(engine, "dot") != 0) { /* dot 2.42 crashes with splines=line */
        agsafeset(g, (char *)"splines", (char *)"line", (char *)"");
        const char *overlap = agget(g, (char *)"overlap");
        if (!overlap || !*overlap)
            agsafeset(g, (char *)"overlap", (char *)"prism", (char *)"");
    } else if (!(engine = agget(g, (char *)"layout")) || !*engine)
        engine = "dot";
    if (gvLayout(gvc, g, engine) != 0) {
        print_failure("the layout failed (is the engine name right?)");
        status = EXIT_INPUT;
        goto done;
    }
    laid_out = true;
    if (strcmp(format, "pos") == 0) {
        if (!write_positions(g))
            status = EXIT_IO;
    } else if (gvRenderData(gvc, g, format, &data, &data_len) != 0 || !data) {
        print_failure("rendering failed");
        status = EXIT_INPUT;
    } else {
        if (strcmp(format, "pdf") == 0)
            fix_pdf_date(data, data_len);
        if (!write_all(data, data_len))
            status = EXIT_IO;
    }
    if (status == EXIT_IO)
        fprintf(stderr, "tkg-render: error: cannot write the output: %s\n", strerror(errno));
done:
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, g);
    if (g)
        agclose(g);
    if (gvc)
        gvFreeContext(gvc);
    free(dot);
    return status;
}
