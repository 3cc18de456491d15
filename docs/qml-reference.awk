# SPDX-License-Identifier: MIT
# The page "QML types" of the API reference, made at build time:
#   awk -v out=qml-types.md -v srcdir=src -f qml-reference.awk qares.qmltypes qml/*.h src/*.h
#
# What the QML module has comes from its qares.qmltypes (qmltyperegistrar's
# account of what QML sees: QML names, properties with their types and
# access, signals, methods with their parameters, enums); what each means
# comes from the doc comments in the module's headers (qml/*.h), found by the
# C++ class, the property's, signal's, method's or enum's name: the `/*! */`
# or `//!` comment right before its declaration, or a `//!<` after it on the
# same line. The type's comment is the one before its class (a `\qmltype NAME`
# line in it is dropped).
#
# A component with an extension (QML_EXTENDED_NAMESPACE: the core's enums as
# its own) lists the enums of that C++ class or namespace, documented by the
# comments in the core's headers (given after qml/*.h; -v srcdir=DIR says which
# files are the core's).
#
# Every component of the module's headers is documented, and every one of
# its properties, signals, methods and enums must have a comment; a notify
# signal without one is documented as notifying its properties. Anything
# without a comment is listed on stderr and the page is not written (exit 1),
# so that the docs target fails as it does for an undocumented C++ symbol.

function trim(s) {
    sub(/^[ \t]+/, "", s)
    sub(/[ \t]+$/, "", s)
    return s
}
function unquote(s) {
    s = trim(s)
    sub(/^"/, "", s)
    sub(/"$/, "", s)
    return s
}
function basename(p) {
    sub(/^.*\//, "", p)
    return p
}

# --- qares.qmltypes -------------------------------------------------------

function qt_token(t,    key, val, kind) {
    t = trim(t)
    if (t == "")
        return
    if (in_array) {
        array_text = array_text " " t
        if (t ~ /\]/) {
            in_array = 0
            qt_value(array_key, array_text)
        }
        return
    }
    if (t ~ /\{$/) {
        kind = trim(substr(t, 1, length(t) - 1))
        stack[++depth] = kind
        if (kind == "Component") {
            ++nc
            cfile[nc] = ""; cname[nc] = ""; cexport[nc] = ""; cproto[nc] = ""; csingleton[nc] = 0
            cuncreatable[nc] = 0; cext[nc] = ""
            np[nc] = 0; ns[nc] = 0; nm[nc] = 0; ne[nc] = 0
        } else if (kind == "Property" || kind == "Signal" || kind == "Method" || kind == "Enum") {
            m_name = ""; m_type = ""; m_list = 0; m_ptr = 0; m_ro = 0; m_const = 0; m_notify = ""
            m_params = ""; m_values = ""; m_alias = ""
        } else if (kind == "Parameter") {
            p_name = ""; p_type = ""; p_list = 0; p_ptr = 0
        }
        return
    }
    if (t == "}") {
        kind = stack[depth--]
        if (kind == "Property") {
            ++np[nc]
            pname[nc, np[nc]] = m_name; ptype[nc, np[nc]] = m_type; plist[nc, np[nc]] = m_list
            pptr[nc, np[nc]] = m_ptr; pro[nc, np[nc]] = m_ro; pconst[nc, np[nc]] = m_const
            pnotify[nc, np[nc]] = m_notify
        } else if (kind == "Signal") {
            ++ns[nc]
            sname[nc, ns[nc]] = m_name; sparams[nc, ns[nc]] = m_params
        } else if (kind == "Method") {
            ++nm[nc]
            mname[nc, nm[nc]] = m_name; mtype[nc, nm[nc]] = m_type; mparams[nc, nm[nc]] = m_params
        } else if (kind == "Enum") {
            ++ne[nc]
            ename[nc, ne[nc]] = m_name; evalues[nc, ne[nc]] = m_values
            ealias[nc, ne[nc]] = m_alias
        } else if (kind == "Parameter") {
            if (m_params != "")
                m_params = m_params ", "
            m_params = m_params "\001" p_type "\002" p_list "\002" p_ptr "\001 " p_name
        }
        return
    }
    if (!match(t, /^[A-Za-z]+:/))
        return
    key = substr(t, 1, RLENGTH - 1)
    val = trim(substr(t, RLENGTH + 1))
    if (val ~ /^\[/ && val !~ /\]/) {
        in_array = 1
        array_key = key
        array_text = val
        return
    }
    qt_value(key, val)
}

function qt_value(key, val,    kind, n, i, parts, v) {
    kind = stack[depth]
    if (kind == "Component") {
        if (key == "file") cfile[nc] = unquote(val)
        else if (key == "name") cname[nc] = unquote(val)
        else if (key == "prototype") cproto[nc] = unquote(val)
        else if (key == "isSingleton") csingleton[nc] = (val == "true")
        else if (key == "isCreatable") cuncreatable[nc] = (val == "false")
        else if (key == "extension") cext[nc] = unquote(val)
        else if (key == "exports" && cexport[nc] == "") {
            # The first export: "QAres/DnsLookup 1.0".
            v = val
            sub(/^\[[ \t]*"/, "", v)
            sub(/".*$/, "", v)
            sub(/^[^\/]*\//, "", v)
            sub(/ .*$/, "", v)
            cexport[nc] = v
        }
    } else if (kind == "Property" || kind == "Signal" || kind == "Method" || kind == "Enum") {
        if (key == "name") m_name = unquote(val)
        else if (key == "type") m_type = unquote(val)
        else if (key == "isList") m_list = (val == "true")
        else if (key == "isPointer") m_ptr = (val == "true")
        else if (key == "isReadonly") m_ro = (val == "true")
        else if (key == "isConstant") m_const = (val == "true")
        else if (key == "notify") m_notify = unquote(val)
        else if (key == "alias") m_alias = unquote(val)
        else if (key == "values") {
            v = val
            gsub(/[\[\]"]/, "", v)
            n = split(v, parts, ",")
            m_values = ""
            for (i = 1; i <= n; ++i) {
                if (trim(parts[i]) == "")
                    continue
                m_values = m_values (m_values == "" ? "" : ",") trim(parts[i])
            }
        }
    } else if (kind == "Parameter") {
        if (key == "name") p_name = unquote(val)
        else if (key == "type") p_type = unquote(val)
        else if (key == "isList") p_list = (val == "true")
        else if (key == "isPointer") p_ptr = (val == "true")
    }
}

# --- qml/*.h --------------------------------------------------------------

function h_doc_line(s) {
    s = trim(s)
    sub(/^\*[ \t]?/, "", s)
    pend = pend (pend == "" ? "" : "\n") s
}

function h_code(code,    trail, name, inner, n, w, i) {
    trail = ""
    if (index(code, "//!<")) {
        trail = trim(substr(code, index(code, "//!<") + 4))
        code = substr(code, 1, index(code, "//!<") - 1)
    }
    doc = trim(pend != "" ? pend : trail)
    if (cur_enum != "") {
        if (code ~ /\}/) {
            cur_enum = ""
        } else if (match(code, /^[ \t]*[A-Za-z_][A-Za-z0-9_]*/)) {
            name = trim(substr(code, RSTART, RLENGTH))
            if (doc != "")
                vdoc[h_class, name] = doc
        }
        return
    }
    sub(/class QARES_EXPORT /, "class ", code)
    if (code ~ /^namespace [A-Za-z_][A-Za-z0-9_]* \{/) {
        match(code, /namespace [A-Za-z_][A-Za-z0-9_]*/)
        h_class = substr(code, RSTART + 10, RLENGTH - 10)
        return
    }
    if (code ~ /^[ \t]*class [A-Za-z_][A-Za-z0-9_]*/ && code !~ /;[ \t]*$/) {
        match(code, /class [A-Za-z_][A-Za-z0-9_]*/)
        h_class = substr(code, RSTART + 6, RLENGTH - 6)
        hfile[h_class] = basename(FILENAME)
        tdoc[h_class] = doc
        return
    }
    if (code ~ /Q_PROPERTY\(/) {
        inner = substr(code, index(code, "Q_PROPERTY(") + 11)
        n = split(inner, w, /[ \t]+/)
        for (i = 2; i <= n; ++i) {
            if (w[i] == "READ" || w[i] == "MEMBER") {
                name = w[i - 1]
                sub(/^[*&]+/, "", name)
                if (doc != "")
                    pdoc[h_class, name] = doc
                break
            }
        }
        return
    }
    if (code ~ /^[ \t]*enum [A-Za-z_][A-Za-z0-9_]*/) {
        match(code, /enum [A-Za-z_][A-Za-z0-9_]*/)
        name = substr(code, RSTART + 5, RLENGTH - 5)
        if (doc != "")
            edoc[h_class, name] = doc
        if (code !~ /\}/)
            cur_enum = name
        return
    }
    if (match(code, /[A-Za-z_][A-Za-z0-9_]*\(/)) {
        name = substr(code, RSTART, RLENGTH - 1)
        if (doc != "" && !((h_class, name) in fdoc))
            fdoc[h_class, name] = doc
    }
}

# --- the page ---------------------------------------------------------------

# Qt's markup of the comments, as Markdown: \c word, \a word, \e word.
function md(t,    out, word, kind, tail) {
    out = ""
    while (match(t, /\\[cae] [^ \t\n,;:)]+/)) {
        kind = substr(t, RSTART + 1, 1)
        word = substr(t, RSTART + 3, RLENGTH - 3)
        tail = ""
        if (word ~ /\.$/) {
            tail = "."
            word = substr(word, 1, length(word) - 1)
        }
        out = out substr(t, 1, RSTART - 1) (kind == "c" ? "`" word "`" : "*" word "*") tail
        t = substr(t, RSTART + RLENGTH)
    }
    return out t
}
# One line (a table cell): paragraphs joined, | escaped.
function cell(t) {
    t = md(t)
    gsub(/\n+/, " ", t)
    gsub(/\|/, "\\|", t)
    return t
}
# Paragraphs: an empty line between them, as in the comment.
function paragraphs(t,    n, lines, i, s, outp) {
    t = md(t)
    n = split(t, lines, "\n")
    outp = ""
    for (i = 1; i <= n; ++i) {
        s = trim(lines[i])
        if (s ~ /^\\qmltype[ \t]/)
            continue
        outp = outp (s == "" ? "\n\n" : (outp == "" || outp ~ /\n$/ ? "" : " ") s)
    }
    gsub(/\n\n\n+/, "\n\n", outp)
    sub(/^\n+/, "", outp)
    return outp
}
function qml_name_of(cpp,    i) {
    for (i = 1; i <= nc; ++i)
        if (cname[i] == cpp && ours[i])
            return cexport[i] != "" ? cexport[i] : cpp
    return ""
}
# A C++ type of qmltypes as QML names it.
function qml_type(t, list, ptr, comp,    q, cls, e, i) {
    if (t ~ /::/) {
        cls = t; sub(/::.*$/, "", cls)
        e = t; sub(/^.*::/, "", e)
        q = qml_name_of(cls)
        if (q == "" && (cls in ext_qml))
            q = ext_qml[cls]
        if (q != "")
            t = q "." e
    } else if (comp > 0 && enum_of[comp, t]) {
        t = qml_title[comp] "." t
    } else if (t == "QString") t = "string"
    else if (t == "double") t = "real"
    else if (t == "QStringList") t = "list<string>"
    else if (t == "QVariantList") t = "list<var>"
    else if (t == "QVariantMap" || t == "QVariant" || t == "QJSValue") t = "var"
    else if (t == "QUrl") t = "url"
    else if (ptr && qml_name_of(t) != "") t = qml_name_of(t)
    if (list)
        t = "list<" t ">"
    return t
}
function params_of(p, comp,    n, parts, i, out, a, b, f) {
    out = ""
    n = split(p, parts, ", ")
    for (i = 1; i <= n; ++i) {
        if (parts[i] == "")
            continue
        a = index(parts[i], "\001")
        b = substr(parts[i], a + 1)
        f = substr(b, index(b, "\001") + 1)
        b = substr(b, 1, index(b, "\001") - 1)
        split(b, fields, "\002")
        out = out (out == "" ? "" : ", ") qml_type(fields[1], fields[2] == "1", fields[3] == "1", comp) f
    }
    return out
}
function missing(what) {
    print "qml-reference: error: " what " has no doc comment in qml/*.h" > "/dev/stderr"
    ++errors
}

FNR == 1 {
    mode = (FILENAME ~ /\.qmltypes$/) ? "qmltypes" : "header"
    # The core's headers (below srcdir): the docs of the enums QML has from them.
    if (mode == "header" && srcdir != "" && index(FILENAME, srcdir "/") == 1)
        mode = "core"
    h_class = ""; pend = ""; inblock = 0; cur_enum = ""
    if (mode == "header")
        headers[basename(FILENAME)] = 1
}
mode == "qmltypes" {
    line = $0
    if (line ~ /^[ \t]*\/\//)
        next
    gsub(/\{/, "{\n", line)
    gsub(/\}/, "\n}\n", line)
    gsub(/;/, "\n", line)
    n = split(line, toks, "\n")
    for (k = 1; k <= n; ++k)
        qt_token(toks[k])
    next
}
mode == "header" || mode == "core" {
    line = $0
    if (inblock) {
        if (index(line, "*/")) {
            h_doc_line(substr(line, 1, index(line, "*/") - 1))
            inblock = 0
        } else {
            h_doc_line(line)
        }
        next
    }
    if (line ~ /^[ \t]*\/\*!/) {
        line = substr(line, index(line, "/*!") + 3)
        if (index(line, "*/")) {
            h_doc_line(substr(line, 1, index(line, "*/") - 1))
        } else {
            h_doc_line(line)
            inblock = 1
        }
        next
    }
    if (line ~ /^[ \t]*\/\/!([^<]|$)/) {
        h_doc_line(substr(line, index(line, "//!") + 3))
        next
    }
    if (line ~ /^[ \t]*$/ || line ~ /^[ \t]*\/\//)
        next
    h_code(line)
    pend = ""
    next
}

END {
    # The module's own components: those declared in its headers.
    for (i = 1; i <= nc; ++i) {
        ours[i] = (cfile[i] in headers)
        qml_title[i] = cexport[i] != "" ? cexport[i] : cname[i]
        for (j = 1; j <= ne[i]; ++j)
            enum_of[i, ename[i, j]] = 1
        comp_of[cname[i]] = i
    }
    # The C++ class or namespace whose enums an exported type of ours has, by its QML name.
    for (i = 1; i <= nc; ++i)
        if (ours[i] && cext[i] != "" && cexport[i] != "" && !(cext[i] in ext_qml))
            ext_qml[cext[i]] = qml_title[i]
    # In the order of their QML names, exported ones first.
    no = 0
    for (pass = 1; pass <= 2; ++pass)
        for (i = 1; i <= nc; ++i)
            if (ours[i] && ((pass == 1) == (cexport[i] != "")))
                order[++no] = i
    for (a = 1; a <= no; ++a)
        for (b = a + 1; b <= no; ++b)
            if ((cexport[order[a]] == "") == (cexport[order[b]] == "") && qml_title[order[b]] < qml_title[order[a]]) {
                t = order[a]; order[a] = order[b]; order[b] = t
            }

    page = "# QML types\n\n"
    page = page "The types of the QML module `QAres` (`import QAres`), with every property, signal,\n"
    page = page "method and enum that QML sees. This page is made when the reference is built: the\n"
    page = page "names and types from the module's `qares.qmltypes`, what they mean from the comments\n"
    page = page "in its headers (`qml/*.h`). The guide to the module, with examples, is `docs/qml.md`\n"
    page = page "(\"QML: `import QAres`\" among the pages).\n\n"
    page = page "| QML type | C++ class | what it is |\n|---|---|---|\n"
    for (a = 1; a <= no; ++a) {
        i = order[a]
        c = cname[i]
        if (!(c in tdoc) || tdoc[c] == "")
            missing("the type " c)
        brief = paragraphs(tdoc[c])
        sub(/\n.*$/, "", brief)
        if (match(brief, /\. /))
            brief = substr(brief, 1, RSTART)
        gsub(/\|/, "\\|", brief)
        page = page "| [" qml_title[i] "](#" tolower(qml_title[i]) ") | `" c "` | " brief " |\n"
    }
    page = page "\nThe records of `DnsLookup.records`, `DnsLookup.cnameChain`, `DnsLookup.authoritySoa` and\n"
    page = page "`LookupModel`'s role `records` are plain JavaScript objects, one field per datum of the\n"
    page = page "record (the table \"Results\" of the guide). The library's value types (AresRecord,\n"
    page = page "AresRecordSet, AresHostInfo) are readable from QML too when C++ hands them over,\n"
    page = page "through their properties (see their classes).\n"

    for (a = 1; a <= no; ++a) {
        i = order[a]
        c = cname[i]
        page = page "\n## " qml_title[i] "\n\n"
        if (cexport[i] == "")
            what = "no QML name: an object QML is given, not one it creates"
        else if (csingleton[i])
            what = "`import QAres` singleton"
        else
            what = "`import QAres` " (cuncreatable[i] ? "uncreatable type" : "type")
        page = page what "; C++ `" c "` (`qml/" hfile[c] "`)"
        if (cext[i] != "")
            page = page "; has the enums of the C++ `" cext[i] "` as its own"
        proto = cproto[i]
        if (qml_name_of(proto) != "")
            page = page "; inherits [" qml_name_of(proto) "](#" tolower(qml_name_of(proto)) \
                "): all its properties, signals and methods"
        else if (proto != "" && proto != "QObject")
            page = page "; a " proto
        page = page ".\n\n" paragraphs(tdoc[c]) "\n"

        if (np[i] > 0) {
            page = page "\n### Properties\n\n| property | type | access | what it means |\n"
            page = page "|---|---|---|---|\n"
            for (j = 1; j <= np[i]; ++j) {
                p = pname[i, j]
                if (!((c, p) in pdoc))
                    missing("the property " qml_title[i] "." p " (" c ")")
                sig = pnotify[i, j]
                notified[i, sig] = notified[i, sig] (notified[i, sig] == "" ? "" : ", ") "`" p "`"
                # Read-only without a notify signal: it never changes (Qt 6.4 writes no isConstant).
                access = (pconst[i, j] || (pro[i, j] && pnotify[i, j] == "")) ? "constant" \
                    : (pro[i, j] ? "read-only" : "read-write")
                type = qml_type(ptype[i, j], plist[i, j], pptr[i, j], i)
                page = page "| `" p "` | `" type "` | " access " | " cell(pdoc[c, p]) " |\n"
            }
        }
        if (ns[i] > 0) {
            page = page "\n### Signals\n\n| signal | handler | what it means |\n|---|---|---|\n"
            for (j = 1; j <= ns[i]; ++j) {
                s = sname[i, j]
                text = ((c, s) in fdoc) ? cell(fdoc[c, s]) : ""
                if (text == "" && notified[i, s] != "")
                    text = "Emitted when " notified[i, s] " changed."
                if (text == "")
                    missing("the signal " qml_title[i] "." s "() (" c ")")
                handler = "on" toupper(substr(s, 1, 1)) substr(s, 2)
                page = page "| `" s "(" params_of(sparams[i, j], i) ")` | `" handler "` | " text " |\n"
            }
        }
        if (nm[i] > 0) {
            page = page "\n### Methods\n\n| method | what it does |\n|---|---|\n"
            for (j = 1; j <= nm[i]; ++j) {
                m = mname[i, j]
                if (!((c, m) in fdoc))
                    missing("the method " qml_title[i] "." m "() (" c ")")
                ret = mtype[i, j] == "" ? "" : qml_type(mtype[i, j], 0, 0, i) " "
                page = page "| `" ret m "(" params_of(mparams[i, j], i) ")` | " cell(fdoc[c, m]) " |\n"
            }
        }
        x = (cext[i] in comp_of) ? comp_of[cext[i]] : 0
        if (ne[i] > 0 || (x && ne[x] > 0))
            page = page "\n### Enums\n\n| enum | values | what it is |\n|---|---|---|\n"
        # The core's enums first: the C++ class's (or namespace's) own, with its docs.
        for (j = 1; x && j <= ne[x]; ++j) {
            xc = cext[i]
            e = ename[x, j]
            d = ((xc, e) in edoc) ? edoc[xc, e] : edoc[xc, ealias[x, j]]
            sub(/[ \t\n]+$/, "", d)
            n = split(evalues[x, j], vals, ",")
            vtext = ""
            for (k = 1; k <= n; ++k) {
                vtext = vtext (vtext == "" ? "" : ", ") "`" vals[k] "`"
                if ((xc, vals[k]) in vdoc)
                    vtext = vtext " (" cell(vdoc[xc, vals[k]]) ")"
            }
            cpp = xc "::" (ealias[x, j] != "" ? ealias[x, j] : e)
            page = page "| `" qml_title[i] "." e "` | " vtext " | " cell(d) \
                (d == "" ? "" : " ") "The C++ `" cpp "`. |\n"
        }
        if (ne[i] > 0) {
            for (j = 1; j <= ne[i]; ++j) {
                e = ename[i, j]
                if (!((c, e) in edoc))
                    missing("the enum " qml_title[i] "." e " (" c ")")
                n = split(evalues[i, j], vals, ",")
                vtext = ""
                for (k = 1; k <= n; ++k) {
                    vtext = vtext (vtext == "" ? "" : ", ") "`" vals[k] "`"
                    if ((c, vals[k]) in vdoc)
                        vtext = vtext " (" cell(vdoc[c, vals[k]]) ")"
                }
                page = page "| `" qml_title[i] "." e "` | " vtext " | " cell(edoc[c, e]) " |\n"
            }
        }
    }
    if (no == 0) {
        print "qml-reference: error: no component of the module's headers in the qmltypes" > "/dev/stderr"
        ++errors
    }
    if (errors) {
        print "qml-reference: " errors " undocumented; the page is not written" > "/dev/stderr"
        exit 1
    }
    printf "%s", page > out
    close(out)
}
