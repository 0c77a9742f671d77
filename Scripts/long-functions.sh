#!/usr/bin/env bash
# Lists every Swift function (func, init, subscript, deinit) under Sources/ longer than a limit, as
#   file:line name length
# where length counts the lines from the declaration to its closing brace. Exits 1 when it lists any,
# so CI can keep the limit. Usage: Scripts/long-functions.sh [LIMIT] [FOLDER...]   (default: 80 Sources)
#
# A brace-counting scan, not a parser: string literals (including multi-line and raw strings) and
# comments are blanked first so that "{{" in a Mustache string does not count. Good enough for this code
# base; a brace inside a string interpolation's own nested string could fool it.
set -euo pipefail
cd "$(dirname "$0")/.."
limit="${1:-80}"
shift || true
[ $# -gt 0 ] || set -- Sources

scan=$(cat <<'PYTHON'
import re
import sys

limit = int(sys.argv[1])
DECL = re.compile(r'\b(?:func\s+([^\s(<]+)|(init)[?!]?\s*[(<]|(subscript)\s*[(<]|(deinit)\b)')


def blank(text):
    """The text with comments and string literals replaced by spaces (newlines kept, so lines still count)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif text.startswith('/*', i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith('/*', j):
                    depth, j = depth + 1, j + 2
                elif text.startswith('*/', j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        elif c == '"' or (c == '#' and re.match(r'#+"', text[i:])):
            hashes = len(re.match(r'#*', text[i:]).group(0))
            start = i + hashes
            multiline = text.startswith('"""', start)
            quote = '"""' if multiline else '"'
            close = quote + '#' * hashes
            j = start + len(quote)
            while j < n:
                if hashes == 0 and text[j] == '\\':
                    j += 2
                    continue
                if text.startswith(close, j):
                    j += len(close)
                    break
                if not multiline and text[j] == '\n':
                    break
                j += 1
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        else:
            out.append(c)
            i += 1
    return ''.join(out)


found = 0
for path in sys.argv[2:]:
    with open(path, encoding='utf-8') as f:
        code = blank(f.read())
    for match in DECL.finditer(code):
        name = next(g for g in match.groups() if g)
        # The body is the first `{` after the declaration, unless the declaration ends first (a protocol
        # requirement): another declaration or a closing brace comes before any `{`.
        brace = code.find('{', match.end())
        if brace < 0:
            continue
        between = code[match.end():brace]
        if '}' in between or DECL.search(between):
            continue
        depth, j = 0, brace
        while j < len(code):
            if code[j] == '{':
                depth += 1
            elif code[j] == '}':
                depth -= 1
                if depth == 0:
                    break
            j += 1
        first = code.count('\n', 0, match.start()) + 1
        last = code.count('\n', 0, j) + 1
        length = last - first + 1
        if length > limit:
            print(f'{path}:{first} {name} {length}')
            found += 1
sys.exit(1 if found else 0)
PYTHON
)

status=0
find "$@" -name '*.swift' -print0 | sort -z | xargs -0 python3 -c "$scan" "$limit" || status=1
exit $status
