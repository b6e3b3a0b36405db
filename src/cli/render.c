/* Running tkg-render, the program that links Graphviz, as a child process: the DOT goes in
 * through a pipe, the output comes back through another and is kept until the child has
 * exited cleanly, its messages through a third. A crash (a signal), a failure or a layout
 * that outlives the time limit becomes one clean error, and no output at all. */
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define OUTPUT_MAX   ((size_t)2 << 30) /* 2 GiB */
#define MESSAGES_MAX 16384

/* The path of tkg-render: $TKG_RENDER, else next to the tkg executable. */
static int render_path(char *out, size_t size)
{
    const char *env = getenv("TKG_RENDER");
    if (env && *env) {
        snprintf(out, size, "%s", env);
        return 0;
    }
    ssize_t n = readlink("/proc/self/exe", out, size - 1);
    if (n <= 0 || (size_t)n >= size - 12)
        return -1;
    out[n] = '\0';
    char *slash = strrchr(out, '/');
    snprintf(slash ? slash + 1 : out, size - (size_t)(slash ? slash + 1 - out : 0), "%s",
             "tkg-render");
    return 0;
}

/* The engine that lays `dot` out: ro->engine, else the graph's own `layout` attribute (which
 * tkg_write_dot writes on its first lines). */
static void dot_engine(char *out, size_t size, const render_options *ro, const char *dot,
                       size_t len)
{
    snprintf(out, size, "%s", ro->engine ? ro->engine : "dot");
    if (ro->engine)
        return;
    size_t head = len < 400 ? len : 400;
    for (size_t i = 0; i + 8 < head; i++) {
        if (memcmp(dot + i, "layout=\"", 8) != 0)
            continue;
        size_t n = 0;
        for (i += 8; i < head && dot[i] != '"' && n + 1 < size; i++)
            out[n++] = dot[i];
        out[n] = '\0';
        return;
    }
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

typedef struct buffer {
    char *data;
    size_t len, cap, max;
    bool overflow;
} buffer;

/* Reads what is available on fd into b (beyond b->max bytes, reads and drops, and sets
 * b->overflow); returns false at end of file or on error. */
static bool drain(int fd, buffer *b)
{
    for (;;) {
        if (!b->overflow && b->cap - b->len < 2) {
            size_t cap = b->cap ? b->cap * 2 : 65536;
            if (cap > b->max + 2)
                cap = b->max + 2;
            char *p = cap > b->cap ? realloc(b->data, cap) : NULL;
            if (!p) {
                b->overflow = true;
            } else {
                b->data = p;
                b->cap = cap;
                b->data[b->len] = '\0';
            }
        }
        char sink[4096];
        char *dst = b->overflow ? sink : b->data + b->len;
        size_t room = b->overflow ? sizeof sink : b->cap - b->len - 1;
        ssize_t r = read(fd, dst, room);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK;
        if (r == 0)
            return false;
        if (!b->overflow) {
            b->len += (size_t)r;
            b->data[b->len] = '\0';
            if (b->len > b->max)
                b->overflow = true;
        }
    }
}

static void set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* Prints tkg-render's own messages ("tkg-render: error: X") as "tkg: error: graphviz: X". */
static void print_messages(const buffer *msg, const char *fallback)
{
    bool any = false;
    char *text = msg->data ? msg->data : (char *)"";
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        const char *p = line;
        if (strncmp(p, "tkg-render: error: ", 19) == 0)
            p += 19;
        else if (strncmp(p, "tkg-render: ", 12) == 0)
            p += 12;
        cli_error(NULL, "graphviz: %s", p);
        any = true;
    }
    if (!any)
        fprintf(stderr, "tkg: error: %s\n", fallback);
}

/* The renderer being run, for render_kill_child (called from a signal handler). */
static volatile sig_atomic_t child_pid;

void render_kill_child(void)
{
    pid_t pid = (pid_t)child_pid;
    if (pid > 0)
        kill(pid, SIGKILL);
}

typedef enum run_result {
    RUN_OK,
    RUN_FAILED,    /* the renderer failed or could not run: the reason is printed */
    RUN_CRASHED,   /* killed by a signal (*sig) */
    RUN_TIMED_OUT, /* still running at the deadline: killed */
} run_result;

/* The signals that tkg's handler (main.c) catches: blocked around fork, so that the child
 * never runs tkg's handler and the handler always knows the child. */
static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

/* Runs the renderer once: argv[0] is its path. Feeds it `dot`, keeps what it writes in
 * `output`, waits until `deadline` (now_ms() time; 0: no limit). */
static run_result run_once(buffer *output, char *const argv[], const char *dot, size_t dot_len,
                           long long deadline, int *sig)
{
    int in[2] = {-1, -1}, res[2] = {-1, -1}, err[2] = {-1, -1};
    buffer msg = {.max = MESSAGES_MAX};
    pid_t pid = -1;
    int wstatus = 0;
    bool waited = false;
    run_result result = RUN_FAILED;
    sigset_t block, old_mask;
    sigemptyset(&block);
    for (size_t i = 0; i < sizeof caught / sizeof *caught; i++)
        sigaddset(&block, caught[i]);
    if (pipe(in) != 0 || pipe(res) != 0 || pipe(err) != 0) {
        fprintf(stderr, "tkg: error: cannot start the renderer: %s\n", strerror(errno));
        goto done;
    }
    int ours[] = {in[1], res[0], err[0]};
    for (int i = 0; i < 3; i++)
        fcntl(ours[i], F_SETFD, FD_CLOEXEC);
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid();
    sigprocmask(SIG_BLOCK, &block, &old_mask);
    pid = fork();
    if (pid == 0) {
        /* Only async-signal-safe calls between fork and exec (the parent has threads). The
         * renderer dies with tkg, even by SIGKILL; if tkg is already gone, so is it. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(127);
        for (size_t i = 0; i < sizeof caught / sizeof *caught; i++) {
            struct sigaction old;
            if (sigaction(caught[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
                signal(caught[i], SIG_DFL);
        }
        signal(SIGPIPE, SIG_DFL);
        sigprocmask(SIG_SETMASK, &old_mask, NULL);
        if (dup2(in[0], STDIN_FILENO) < 0 || dup2(res[1], STDOUT_FILENO) < 0 ||
            dup2(err[1], STDERR_FILENO) < 0)
            _exit(127);
        close(in[0]), close(in[1]), close(res[0]), close(res[1]), close(err[0]), close(err[1]);
        execv(argv[0], argv);
        static const char failed[] = "tkg-render: error: cannot start the renderer\n";
        ssize_t ignored = write(STDERR_FILENO, failed, sizeof failed - 1);
        (void)ignored;
        _exit(127);
    }
    if (pid > 0)
        child_pid = pid;
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    if (pid < 0) {
        fprintf(stderr, "tkg: error: cannot start the renderer: %s\n", strerror(errno));
        goto done;
    }
    close_fd(&in[0]);
    close_fd(&res[1]);
    close_fd(&err[1]);
    set_nonblocking(in[1]);
    set_nonblocking(res[0]);
    set_nonblocking(err[0]);
    size_t sent = 0;
    if (dot_len == 0)
        close_fd(&in[1]);
    while (in[1] >= 0 || res[0] >= 0 || err[0] >= 0) {
        struct pollfd fds[3];
        int n = 0, wait = -1;
        if (in[1] >= 0)
            fds[n++] = (struct pollfd){in[1], POLLOUT, 0};
        if (res[0] >= 0)
            fds[n++] = (struct pollfd){res[0], POLLIN, 0};
        if (err[0] >= 0)
            fds[n++] = (struct pollfd){err[0], POLLIN, 0};
        if (deadline) {
            long long left = deadline - now_ms();
            if (left <= 0) {
                result = RUN_TIMED_OUT;
                goto done;
            }
            wait = left > INT_MAX ? INT_MAX : (int)left;
        }
        int r = poll(fds, (nfds_t)n, wait);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            fprintf(stderr, "tkg: error: waiting for the renderer: %s\n", strerror(errno));
            goto done;
        }
        for (int i = 0; i < n; i++) {
            if (!fds[i].revents)
                continue;
            if (fds[i].fd == in[1]) {
                ssize_t w = write(in[1], dot + sent, dot_len - sent);
                if (w > 0)
                    sent += (size_t)w;
                if ((w < 0 && errno != EAGAIN && errno != EINTR) || sent == dot_len)
                    close_fd(&in[1]); /* all sent, or the child stopped reading */
            } else if (fds[i].fd == res[0]) {
                if (!drain(res[0], output))
                    close_fd(&res[0]);
            } else if (!drain(err[0], &msg)) {
                close_fd(&err[0]);
            }
        }
    }
    /* The pipes are closed; wait for the child within what is left of the time limit. */
    for (;;) {
        pid_t w = waitpid(pid, &wstatus, WNOHANG);
        if (w == pid) {
            waited = true;
            break;
        }
        if (w < 0 && errno != EINTR)
            break;
        if (deadline && now_ms() >= deadline) {
            result = RUN_TIMED_OUT;
            goto done;
        }
        struct timespec pause = {0, 5000000};
        nanosleep(&pause, NULL);
    }
    child_pid = 0;
    pid = -1;
    if (!waited) {
        fprintf(stderr, "tkg: error: lost track of the renderer\n");
    } else if (WIFSIGNALED(wstatus)) {
        *sig = WTERMSIG(wstatus);
        result = RUN_CRASHED;
    } else if (WEXITSTATUS(wstatus) != 0) {
        print_messages(&msg, "the renderer failed");
    } else if (output->overflow) {
        fprintf(stderr, "tkg: error: the renderer's output is larger than 2 GiB\n");
    } else {
        result = RUN_OK;
    }
done:
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &wstatus, 0);
        child_pid = 0;
    }
    close_fd(&in[0]), close_fd(&in[1]), close_fd(&res[0]), close_fd(&res[1]);
    close_fd(&err[0]), close_fd(&err[1]);
    free(msg.data);
    return result;
}

/* The argument vector of tkg-render: -T KIND, the engine, the limits, --straight. */
static void render_argv(const char *argv[12], char *path, const char *fmt, const char *engine,
                        const char *cpu, bool straight)
{
    int argc = 0;
    argv[argc++] = path;
    argv[argc++] = fmt;
    if (engine) {
        argv[argc++] = "-K";
        argv[argc++] = engine;
    }
    if (*cpu) {
        argv[argc++] = "--cpu-limit";
        argv[argc++] = cpu;
    }
    argv[argc++] = "--memory-limit";
    argv[argc++] = "8192";
    if (straight)
        argv[argc++] = "--straight";
    argv[argc] = NULL;
}

#define FALLBACK_ENGINE "sfdp"

int render_run(char **out, size_t *out_len, const render_options *ro, const char *kind,
               const char *dot, size_t dot_len)
{
    char path[PATH_MAX];
    buffer output = {.max = OUTPUT_MAX};
    struct sigaction ignore = {.sa_handler = SIG_IGN}, old_pipe;
    int status = EXIT_IO, sig = 0;
    *out = NULL;
    *out_len = 0;
    path[0] = '\0';
    errno = 0;
    if (render_path(path, sizeof path) != 0 || access(path, X_OK) != 0) {
        cli_error(NULL, "cannot run the renderer '%s': %s", path, strerror(errno ? errno : ENOENT));
        return EXIT_IO;
    }
    char cpu[24] = "", fmt[16], engine[16];
    if (ro->timeout)
        snprintf(cpu, sizeof cpu, "%u", ro->timeout + 5);
    snprintf(fmt, sizeof fmt, "-T%s", kind);
    dot_engine(engine, sizeof engine, ro, dot, dot_len);
    /* When tkg chose the engine, a crash or a timeout gets a second try with sfdp and
     * straight edges (no spline routing), within the same time budget: the first try has
     * two thirds of it. An engine the user named is not replaced. */
    bool fallback = !ro->engine;
    long long start = now_ms(), budget = (long long)ro->timeout * 1000;
    long long first = fallback ? budget * 2 / 3 : budget;
    const char *argv[12];
    render_argv(argv, path, fmt, ro->engine, cpu, false);
    sigaction(SIGPIPE, &ignore, &old_pipe);
    run_result r =
        run_once(&output, (char *const *)argv, dot, dot_len, budget ? start + first : 0, &sig);
    if (fallback && (r == RUN_CRASHED || r == RUN_TIMED_OUT)) {
        if (r == RUN_CRASHED)
            fprintf(stderr,
                    "tkg: warning: the %s layout (Graphviz) crashed with signal %d (%s); trying "
                    "%s with straight edges\n",
                    engine, sig, strsignal(sig), FALLBACK_ENGINE);
        else
            fprintf(stderr,
                    "tkg: warning: the %s layout (Graphviz) did not finish within %.1f s; "
                    "trying %s with straight edges\n",
                    engine, (double)first / 1000, FALLBACK_ENGINE);
        snprintf(engine, sizeof engine, "%s", FALLBACK_ENGINE);
        free(output.data);
        output = (buffer){.max = OUTPUT_MAX};
        render_argv(argv, path, fmt, FALLBACK_ENGINE, cpu, true);
        r = run_once(&output, (char *const *)argv, dot, dot_len, budget ? start + budget : 0, &sig);
    }
    bool other = strcmp(engine, FALLBACK_ENGINE) != 0;
    if (r == RUN_TIMED_OUT) {
        fprintf(stderr,
                "tkg: error: the %s layout (Graphviz) did not finish within %u s; nothing written "
                "(draw fewer entities with a smaller view%s, give it more time with "
                "--timeout%s)\n",
                engine, ro->timeout, ro->all ? " or without --all" : "",
                other ? ", or try --layout " FALLBACK_ENGINE : "");
    } else if (r == RUN_CRASHED) {
        fprintf(stderr,
                "tkg: error: the renderer (Graphviz) crashed with signal %d (%s) while laying out "
                "or drawing the graph with %s; nothing written%s\n",
                sig, strsignal(sig), engine,
                !fallback ? (other ? " (try --layout " FALLBACK_ENGINE ")"
                                   : " (try another --layout, such as neato)")
                          : "");
    } else if (r == RUN_OK) {
        *out = output.data ? output.data : malloc(1);
        *out_len = output.len;
        output.data = NULL;
        status = *out ? EXIT_OK : EXIT_IO;
    }
    sigaction(SIGPIPE, &old_pipe, NULL);
    free(output.data);
    return status;
}
