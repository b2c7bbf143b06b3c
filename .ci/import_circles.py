#!/usr/bin/env python3
"""Import circles between the crate's modules.

    python3 .ci/import_circles.py [SRC_DIR] [--strict] [--edges]

Reads every .rs file under SRC_DIR (default: src next to this folder),
takes each file as a module (src/export/chart/mod.rs is export::chart,
src/export/chart/map.rs is export::chart::map), and collects the paths it
names: `crate::a::b` anywhere in the code (use lines, qualified calls) and
`super::`/`self::` paths resolved from the file's own module. Each path
points at the longest module it starts with. A module that names a module
outside its own line of descent (not an ancestor, not a descendant) is an
arrow; a circle is a strongly connected group of two or more modules
(Tarjan), printed with one shortest loop through it and the lines that make
each arrow. Parent and child naming each other (a module and its submodules)
is how Rust folders work and is not counted.

Test code is left out: `#[cfg(test)]` items (up to their closing brace) and
files named tests.rs or tests_*.rs, and everything after a file's
`#[cfg(test)] mod tests;`-style declaration line. Exit 0 (1 with --strict
when a circle is found).
"""
import os
import re
import sys
from collections import defaultdict, deque


def module_of(src, path):
    rel = os.path.relpath(path, src)[: -len(".rs")].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    return tuple(rel)


def strip_tests_and_comments(text):
    """The text without comments, string contents and #[cfg(test)] items."""
    out = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
            continue
        c = text[i]
        if c == "'" and (text.startswith("'\"'", i) or text.startswith("'\\\"'", i)):
            # the character literal '"' (or its escaped spelling)
            j = text.find("'", i + 1) + 1
            out.append(text[i:j].replace('"', "q"))
            i = j
            continue
        raw = RAW_RE.match(text, i) if c == "r" and (i == 0 or not text[i - 1].isalnum()) else None
        if raw:
            close = '"' + raw.group(1)
            j = text.find(close, raw.end())
            j = n if j < 0 else j + len(close)
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j
            continue
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append('"' + "\n" * text.count("\n", i, j) + '"')
            i = j + 1
            continue
        if text.startswith("#[cfg(test)]", i):
            # skip the item: up to the end of its first brace block or `;`
            j = i + len("#[cfg(test)]")
            depth = 0
            while j < n:
                if text[j] == "{":
                    depth += 1
                elif text[j] == "}":
                    depth -= 1
                    if depth == 0:
                        j += 1
                        break
                elif text[j] == ";" and depth == 0:
                    j += 1
                    break
                j += 1
            out.append("\n" * text.count("\n", i, j))
            i = j
            continue
        out.append(c)
        i += 1
    return "".join(out)


RAW_RE = re.compile(r'r(#*)"')
PATH_RE = re.compile(r"\b((?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*|::\{)+)")
USE_GROUP_RE = re.compile(r"\buse\s+((?:crate|super|self)(?:::\w+)*)::\{([^;]*)\};", re.S)


def targets(mod, text):
    """(path as a tuple of names, line number) for every module path named."""
    found = []
    # grouped uses: `use crate::a::{b, c::d};` names a::b and a::c::d
    for m in USE_GROUP_RE.finditer(text):
        base = m.group(1).split("::")
        line = text.count("\n", 0, m.start()) + 1
        for part in re.split(r"[,{}]", m.group(2)):
            part = part.strip()
            if part and part != "self":
                found.append((base + part.split(" as ")[0].strip().split("::"), line))
        found.append((base, line))
    for m in PATH_RE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        found.append((m.group(1).rstrip(":{").split("::"), line))
    out = []
    for names, line in found:
        names = [x for x in names if x and x != "{"]
        if not names:
            continue
        if names[0] == "crate":
            base, rest = (), names[1:]
        else:
            base = mod
            rest = list(names)
            while rest and rest[0] in ("super", "self"):
                if rest[0] == "super":
                    base = base[:-1]
                rest = rest[1:]
        out.append((tuple(base) + tuple(rest), line))
    return out


def longest_module(path, modules):
    for k in range(len(path), -1, -1):
        if path[:k] in modules:
            return path[:k]
    return ()


def related(a, b):
    return a[: len(b)] == b or b[: len(a)] == a


def sccs(nodes, edges):
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def shortest_loop(start, comp, edges):
    inside = set(comp)
    prev = {start: None}
    q = deque([start])
    while q:
        v = q.popleft()
        for w in sorted(edges[v]):
            if w not in inside:
                continue
            if w == start:
                path = [v]
                while prev[path[-1]] is not None:
                    path.append(prev[path[-1]])
                return list(reversed(path)) + [start]
            if w not in prev:
                prev[w] = v
                q.append(w)
    return [start]


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    strict = "--strict" in argv
    src = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    src = os.path.normpath(src)
    files = {}
    for root, _, names in os.walk(src):
        for f in names:
            if f.endswith(".rs") and f != "tests.rs" and not f.startswith("tests_"):
                p = os.path.join(root, f)
                files[module_of(src, p)] = p
    modules = set(files)
    edges = defaultdict(set)
    why = defaultdict(list)
    for mod, p in sorted(files.items()):
        with open(p, encoding="utf-8") as fh:
            text = strip_tests_and_comments(fh.read())
        for path, line in targets(mod, text):
            to = longest_module(path, modules)
            if to == mod or related(mod, to):
                continue
            edges[mod].add(to)
            why[(mod, to)].append(line)
    name = lambda m: "::".join(m) or "crate"
    rel = lambda m: os.path.relpath(files[m], os.path.dirname(src))
    if "--edges" in argv:
        for a in sorted(edges):
            for b in sorted(edges[a]):
                print(f"{name(a)} -> {name(b)}")
    found = report("import circles between files", modules, edges, why, name, rel)
    # the same at the top level: src/gazetteer/ as one room, src/region.rs another
    top = lambda m: m[:1]
    top_modules = {top(m) for m in modules}
    top_edges = defaultdict(set)
    top_why = defaultdict(list)
    for a in edges:
        for b in edges[a]:
            if top(a) != top(b):
                top_edges[top(a)].add(top(b))
                top_why[(top(a), top(b))].append(f"{rel(a)}:{min(why[(a, b)])}")
    top_rel = lambda m: "src/" + name(m)
    found += report("import circles between top-level modules", top_modules, top_edges, top_why, name, top_rel)
    return 1 if strict and found else 0


def report(title, modules, edges, why, name, rel):
    """Prints the circles of `edges`; returns how many there are."""
    circles = [c for c in sccs(modules, edges) if len(c) > 1]
    if not circles:
        print(f"{title}: none ({len(modules)} modules)")
        return 0
    print(f"{title}: {len(circles)} ({len(modules)} modules)")
    for comp in circles:
        print("  circle: " + ", ".join(name(m) for m in comp))
        loop = shortest_loop(comp[0], comp, edges)
        for a, b in zip(loop, loop[1:]):
            where = ", ".join(str(x) for x in sorted(set(why[(a, b)]))[:4])
            print(f"    {name(a)} -> {name(b)}  ({rel(a)} line {where})" if isinstance(why[(a, b)][0], int)
                  else f"    {name(a)} -> {name(b)}  ({where})")
    return len(circles)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
