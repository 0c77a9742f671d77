/*
 * cmark_floor: the lower bound ("floor") for rendering a Sopbook corpus.
 *
 * On one core, reads every *.md file under a folder (recursively, skipping
 * names that start with '_' or '.', as Sopbook does), skips the YAML front
 * matter, parses the rest with cmark-gfm and the GFM extensions that Sopbook
 * enables (table, strikethrough, autolink, tagfilter, tasklist) and renders it
 * to HTML in memory. It prints the number of files, the Markdown bytes read and
 * the HTML bytes produced. It writes nothing to disk, resolves no link and
 * runs no template: anything a real tool does costs more than this.
 *
 * Build (run.sh does this):
 *   cc -O2 -o cmark_floor cmark_floor.c $(pkg-config --cflags --libs libcmark-gfm)
 *   (the pkg-config line gives -lcmark-gfm -lcmark-gfm-extensions)
 *
 * Usage: cmark_floor DIR
 */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};

static unsigned long long g_files = 0;
static unsigned long long g_md_bytes = 0;
static unsigned long long g_html_bytes = 0;
static int g_errors = 0;

static char *g_buf = NULL;
static size_t g_cap = 0;

/* Reads the whole file into g_buf; returns its length or -1. */
static long read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cmark_floor: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t len = 0;
    for (;;) {
        if (g_cap - len < 65536) {
            g_cap = g_cap ? g_cap * 2 : 1 << 20;
            g_buf = realloc(g_buf, g_cap);
            if (!g_buf) {
                perror("cmark_floor: realloc");
                exit(2);
            }
        }
        size_t n = fread(g_buf + len, 1, g_cap - len, f);
        len += n;
        if (n == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        fprintf(stderr, "cmark_floor: %s: read error\n", path);
        return -1;
    }
    return (long)len;
}

/* Offset of the Markdown body: after a UTF-8 BOM and a front matter block
 * that opens with a first line "---" and closes with the next line "---". */
static size_t body_offset(const char *s, size_t len) {
    size_t start = 0;
    if (len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF)
        start = 3;
    size_t p = start;
    if (len - p < 3 || memcmp(s + p, "---", 3) != 0) return start;
    p += 3;
    if (p < len && s[p] == '\r') p++;
    if (p >= len || s[p] != '\n') return start;
    p++;
    while (p < len) {
        const char *nl = memchr(s + p, '\n', len - p);
        size_t end = nl ? (size_t)(nl - s) : len;
        size_t line_end = end;
        if (line_end > p && s[line_end - 1] == '\r') line_end--;
        if (line_end - p == 3 && memcmp(s + p, "---", 3) == 0) return nl ? end + 1 : len;
        if (!nl) break;
        p = end + 1;
    }
    return start; /* unterminated: treat the whole file as Markdown */
}

static void render_file(const char *path) {
    long len = read_file(path);
    if (len < 0) {
        g_errors++;
        return;
    }
    size_t off = body_offset(g_buf, (size_t)len);
    int options = CMARK_OPT_DEFAULT;
    cmark_parser *parser = cmark_parser_new(options);
    for (size_t i = 0; i < sizeof kExtensions / sizeof kExtensions[0]; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(kExtensions[i]);
        if (!ext) {
            fprintf(stderr, "cmark_floor: extension %s not found\n", kExtensions[i]);
            exit(2);
        }
        cmark_parser_attach_syntax_extension(parser, ext);
    }
    cmark_parser_feed(parser, g_buf + off, (size_t)len - off);
    cmark_node *doc = cmark_parser_finish(parser);
    char *html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
    g_html_bytes += strlen(html);
    g_md_bytes += (unsigned long long)len;
    g_files++;
    free(html);
    cmark_node_free(doc);
    cmark_parser_free(parser);
}

static int has_md_suffix(const char *name) {
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cmark_floor: %s: %s\n", dir, strerror(errno));
        g_errors++;
        return;
    }
    /* Sorted, so that the order (and the page cache access pattern) is stable. */
    size_t count = 0, cap = 64;
    char **names = malloc(cap * sizeof *names);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || e->d_name[0] == '_') continue;
        if (count == cap) names = realloc(names, (cap *= 2) * sizeof *names);
        names[count++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof *names, compare_names);
    size_t dlen = strlen(dir);
    for (size_t i = 0; i < count; i++) {
        size_t need = dlen + 1 + strlen(names[i]) + 1;
        char *path = malloc(need);
        snprintf(path, need, "%s/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                walk(path);
            else if (S_ISREG(st.st_mode) && has_md_suffix(names[i]))
                render_file(path);
        }
        free(path);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: cmark_floor DIR\n");
        return 2;
    }
    cmark_gfm_core_extensions_ensure_registered();
    walk(argv[1]);
    printf("files: %llu\nmarkdown_bytes: %llu\nhtml_bytes: %llu\n", g_files, g_md_bytes, g_html_bytes);
    free(g_buf);
    return g_errors ? 1 : 0;
}
