# SPDX-License-Identifier: MIT
# Doxygen's input filter for the Markdown guides (awk -f md-anchors.awk FILE).
#
# GitHub gives every heading an anchor made from its text, and the guides link
# to them: [c-ares versions](errors.md#c-ares-versions). Doxygen 1.9 gives
# headings numbered anchors and leaves a link with a #fragment as it is, which
# leads nowhere in the HTML. This filter gives each heading outside code
# blocks the anchor GitHub gives it, prefixed by the page's name so that the
# labels are unique over all pages ("## c-ares versions" in errors.md gets
# {#errors-c-ares-versions}), and turns each link to a heading of a guide
# into a reference to that label: [c-ares versions](@ref errors-c-ares-versions),
# and [x](#heading) within a page into [x](@ref page-heading).
# A level-1 heading that is the page's first heading is its title: it keeps
# no label, so that the page keeps Doxygen's name (md_docs_errors.html).
# The slug is GitHub's for ASCII headings: lower case, characters other than
# letters, digits, spaces, '-' and '_' dropped, spaces turned into '-', and
# "-1", "-2"... appended to the second, third... heading of the same text.

function slug(text,    s) {
    s = tolower(text)
    gsub(/[^a-z0-9 _-]/, "", s)
    gsub(/ /, "-", s)
    return s
}

function page_of(path,    p) {
    p = path
    sub(/^.*\//, "", p)
    sub(/\.md$/, "", p)
    gsub(/[^A-Za-z0-9_-]/, "_", p)
    return p
}

# Outside `code spans` only.
function rewrite_line(line,    parts, n, i, out) {
    n = split(line, parts, "`")
    out = rewrite_links(parts[1])
    for (i = 2; i <= n; i++)
        out = out "`" (i % 2 == 0 ? parts[i] : rewrite_links(parts[i]))
    return out
}

function rewrite_links(line,    out, target, page, fragment, at) {
    out = ""
    # ](path/page.md#fragment) and ](#fragment)
    while (match(line, /\]\(([^)# ]*\.md)?#[^) ]+\)/)) {
        target = substr(line, RSTART + 2, RLENGTH - 3)
        at = index(target, "#")
        page = at == 1 ? prefix : page_of(substr(target, 1, at - 1))
        fragment = substr(target, at + 1)
        out = out substr(line, 1, RSTART - 1) "](@ref " page "-" fragment ")"
        line = substr(line, RSTART + RLENGTH)
    }
    return out line
}

BEGIN { in_code = 0; fence = "" }

FNR == 1 { prefix = page_of(FILENAME); split("", seen); headings = 0 }

{
    if (in_code) {
        if ($0 ~ "^[ ]*" fence) {
            in_code = 0
        }
        print
        next
    }
    if (match($0, /^[ ]*(```|~~~)/)) {
        in_code = 1
        fence = substr($0, RSTART + RLENGTH - 3, 3)
        print
        next
    }
    if (match($0, /^#+ /) && RLENGTH <= 7) {
        if (headings++ == 0 && RLENGTH == 2) {
            print
            next
        }
        title = substr($0, RLENGTH + 1)
        sub(/[ ]+#*[ ]*$/, "", title)
        id = slug(title)
        if (id in seen) {
            seen[id]++
            id = id "-" seen[id]
        } else {
            seen[id] = 0
        }
        print $0 " {#" prefix "-" id "}"
        next
    }
    print rewrite_line($0)
}
