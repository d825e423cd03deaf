"""SPARQL over the graph: the embedded store or any SPARQL 1.1 endpoint, one API.

    >>> import kg
    >>> res = kg.query("queries/people-and-posts.rq", store="output")
    >>> for row in res: print(row["person"], row["post"])
    >>> res = kg.query("queries/entity-facts.rq", params={"name": "中共官渡区委"},
    ...                endpoint="http://localhost:7878/query")

The query is a .rq file or the query text. ``params`` bind variables safely: each value
is turned into one RDF term (see :func:`parse_param`) and put in place of the variable by
a SPARQL lexer that knows strings, IRIs and comments, never by pasting text into text.
The same bound query then runs on the embedded store (pyoxigraph, over the union of the
named graphs) or is sent with SPARQLWrapper to ``endpoint``; results come back as rdflib
terms either way, so a notebook sees the same rows from both.

The prefixes of :data:`kg.vocab.PREFIXES` are pre-declared: queries may use kgo:, org:,
skos: ... without PREFIX lines (they are added for remote endpoints when missing).
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from http.client import HTTPException
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .vocab import PREFIXES

__all__ = [
    "QueryError",
    "QuerySyntaxError",
    "ParamError",
    "QueryResult",
    "query",
    "read_query",
    "parse_param",
    "bind_params",
    "check_syntax",
    "query_form",
]

FORMATS = ("table", "csv", "tsv", "json", "turtle", "ntriples")


class QueryError(Exception):
    """The query could not run (store missing, endpoint unreachable, server refused it)."""


class QuerySyntaxError(QueryError):
    """The query does not parse; ``line`` and ``column`` are 1-based and point into the query as given."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None, source: str = "query",
                 text: str = ""):
        self.message, self.line, self.column, self.source, self.text = message, line, column, source, text
        where = f"{source}, line {line}, column {column}" if line else source
        detail = ""
        if line and text:
            lines = text.splitlines()
            if 0 < line <= len(lines):
                detail = f"\n    {lines[line - 1]}\n    {' ' * max(column - 1, 0)}^"
        super().__init__(f"syntax error in {where}: {message}{detail}")


class ParamError(QueryError):
    """A --param that cannot be bound (unknown variable, bad value, variable assigned in the query)."""


# ---------------------------------------------------------------------------------------------
# Reading the query and recognising its parts

def read_query(q: str | Path) -> tuple[str, str]:
    """(text, source name): ``q`` is a path to a .rq/.sparql file or the query text itself."""
    if isinstance(q, Path):
        path = q
    else:
        s = str(q)
        # a file: named with a query extension or existing; DESCRIBE <http://…> has a / but is text
        looks_like_path = "\n" not in s and "{" not in s and len(s) < 4096 and (
            s.endswith((".rq", ".sparql", ".ru")) or (os.sep in s and Path(s).is_file()))
        path = Path(s) if looks_like_path else None
    if path is not None:
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except FileNotFoundError:
            raise QueryError(f"no query file {path}: pass a .rq file or the query text itself") from None
        except (OSError, UnicodeDecodeError) as e:
            raise QueryError(f"cannot read the query file {path}: {e}") from None
    return str(q), "query"


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7]+)
  | (?P<pname>(?:[^\W\d][\w.-]*)?:(?:[\w%:-]|\\.|\.(?=[\w%:-]))*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    start: int


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.lastgroup, m.group(), m.start()) for m in _TOKEN.finditer(text)]


_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the first of them outside comments, strings and IRIs)."""
    for t in _tokens(text):
        if t.kind == "word":
            w = t.text.upper()
            if w in _FORMS:
                return w
            if w in _UPDATES:
                raise QueryError(f"`{t.text}` is SPARQL Update: kg query only runs SELECT, ASK, CONSTRUCT and DESCRIBE")
    raise QuerySyntaxError("no SELECT, ASK, CONSTRUCT or DESCRIBE in the query")


def query_variables(text: str) -> set[str]:
    return {t.text[1:] for t in _tokens(text) if t.kind == "var"}


def declared_prefixes(text: str) -> set[str]:
    toks = [t for t in _tokens(text) if t.kind not in ("ws", "comment")]
    return {toks[i + 1].text[:-1] for i, t in enumerate(toks[:-1])
            if t.kind == "word" and t.text.upper() == "PREFIX" and toks[i + 1].kind == "pname"}


def with_prefixes(text: str) -> str:
    """The query with PREFIX lines for every kg.vocab prefix it does not declare itself (for remote endpoints).

    They go on the first line, so line numbers in a server's error message still match the file.
    """
    have = declared_prefixes(text)
    decl = " ".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in have)
    return f"{decl} {text}" if decl else text


# ---------------------------------------------------------------------------------------------
# Parameters

_BAD_IRI_CHARS = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_NT_LITERAL = re.compile(r'^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^<([^>]*)>|\^\^([\w-]*:[\w.-]*))?$', re.DOTALL)
_UNESCAPE = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "'": "'", "\\": "\\", "b": "\b", "f": "\f"}


def _iri(value: str) -> URIRef:
    if not value or _BAD_IRI_CHARS.search(value):
        raise ParamError(f"not a valid IRI: {value!r}")
    return URIRef(value)


def _expand(pname: str) -> URIRef | None:
    prefix, _, local = pname.partition(":")
    if prefix in PREFIXES and re.fullmatch(r"[\w.%-]*", local):
        return _iri(PREFIXES[prefix] + local)
    return None


def parse_param(value: str | Node) -> Node:
    """One command-line value → one RDF term.

    ``<https://…>``, ``https://…``/``http://…``/``urn:…`` and ``kgo:Project`` (a kg prefix)
    are IRIs; ``"官渡"@zh`` and ``"2011-05-25"^^xsd:date`` are literals written as in
    N-Triples/Turtle; a whole number is an xsd:integer; anything else is a plain string
    (compare it with STR(?label), since labels carry @zh).
    """
    if isinstance(value, Node):
        return value
    v = str(value)
    if v.startswith("<") and v.endswith(">"):
        return _iri(v[1:-1])
    if re.match(r"^(https?|urn|file|mailto):", v, re.I) and not _BAD_IRI_CHARS.search(v):
        return URIRef(v)
    if v.startswith('"'):
        m = _NT_LITERAL.match(v)
        if not m:
            raise ParamError(f'not a literal: {v!r} (write "text", "text"@zh or "value"^^xsd:type)')
        lex = re.sub(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)",
                     lambda e: chr(int(e.group(1)[1:], 16)) if e.group(1)[0] in "uU" and len(e.group(1)) > 1
                     else _UNESCAPE.get(e.group(1), e.group(1)), m.group(1))
        if m.group(2):
            return Literal(lex, lang=m.group(2))
        if m.group(3):
            return Literal(lex, datatype=_iri(m.group(3)))
        if m.group(4):
            dt = _expand(m.group(4))
            if dt is None:
                raise ParamError(f"unknown prefix in datatype {m.group(4)!r} (known: {', '.join(PREFIXES)})")
            return Literal(lex, datatype=dt)
        return Literal(lex)
    if re.fullmatch(r"[-+]?\d+", v):
        return Literal(v, datatype=XSD.integer)
    if re.fullmatch(r"[A-Za-z][\w-]*:[\w.%-]*", v):
        iri = _expand(v)
        if iri is not None:
            return iri
    return Literal(v)


def _sparql_term(term: Node) -> str:
    if isinstance(term, URIRef):
        _iri(str(term))
        return f"<{term}>"
    if isinstance(term, Literal):
        lex = str(term)
        esc = (lex.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
               .replace("\t", "\\t"))
        if term.language:
            return f'"{esc}"@{term.language}'
        if term.datatype and term.datatype != XSD.string:
            return f'"{esc}"^^<{_iri(str(term.datatype))}>'
        return f'"{esc}"'
    raise ParamError(f"cannot bind a {type(term).__name__} as a parameter")


def bind_params(text: str, params: Mapping[str, str | Node] | None) -> str:
    """The query with each parameter variable replaced by its RDF term, token by token.

    ``?name`` in the WHERE clause, a CONSTRUCT template or DESCRIBE becomes the term; in a
    SELECT projection it becomes ``(term AS ?name)`` so the column stays; in GROUP BY /
    ORDER BY it becomes ``(term)``. A parameter the query assigns itself (``AS ?name``,
    ``VALUES ?name``) or does not mention is an error. Strings, IRIs and comments are never
    touched, and the value is escaped as a term, so it cannot change the query's structure.
    """
    if not params:
        return text
    terms = {name.lstrip("?$"): parse_param(v) for name, v in params.items()}
    for name in terms:
        if not re.fullmatch(r"[\w\u00B7]+", name):
            raise ParamError(f"not a variable name: {name!r}")
    missing = sorted(set(terms) - query_variables(text))
    if missing:
        raise ParamError(f"the query has no variable {', '.join('?' + m for m in missing)} to bind")
    out: list[str] = []
    state = None  # "select" | "modifier" | "values"
    select_depth = 0
    depth = 0
    prev = None
    for t in _tokens(text):
        kind, s = t.kind, t.text
        if kind in ("ws", "comment"):
            out.append(s)
            continue
        up = s.upper() if kind == "word" else ""
        if kind == "other" and s == "(":
            depth += 1
        elif kind == "other" and s == ")":
            depth -= 1
        elif kind == "other" and s in "{}":
            state = None
        elif up == "SELECT":
            state, select_depth = "select", depth
        elif up in ("WHERE", "FROM", "LIMIT", "OFFSET", "HAVING") and state != "values":
            state = None
        elif up == "VALUES":
            state = "values"
        elif up == "BY" and prev is not None and prev.text.upper() in ("GROUP", "ORDER"):
            state = "modifier"
        if kind == "var" and s[1:] in terms:
            name = s[1:]
            term = _sparql_term(terms[name])
            if prev is not None and prev.kind == "word" and prev.text.upper() == "AS":
                raise ParamError(f"?{name} is assigned in the query (AS ?{name}); it cannot also be a parameter")
            if state == "values":
                raise ParamError(f"?{name} is given by a VALUES block in the query; it cannot also be a parameter")
            if state == "select" and depth == select_depth:
                out.append(f"({term} AS {s})")
            elif state == "modifier":
                out.append(f"({term})")
            else:
                out.append(term)
        else:
            out.append(s)
        prev = t
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Syntax check (pyoxigraph's parser: it reports line and column)

_OX_ERROR = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def _short(message: str) -> str:
    message = " ".join(message.split())
    if "Prefix not found" in message:
        return "unknown prefix (declare it with PREFIX, or use one of: " + ", ".join(PREFIXES) + ")"
    if len(message) > 160:
        message = message[:157].rsplit(",", 1)[0] + ", …"
    return message


def check_syntax(text: str, source: str = "query") -> None:
    """Raise QuerySyntaxError (with line and column) unless the query parses."""
    import pyoxigraph as ox

    try:
        ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as e:
        m = _OX_ERROR.search(str(e))
        if m:
            raise QuerySyntaxError(_short(m.group(3)), int(m.group(1)), int(m.group(2)), source, text) from None
        raise QuerySyntaxError(_short(str(e)), source=source, text=text) from None
    except (RuntimeError, ValueError) as e:  # semantic errors, e.g. a variable bound twice
        raise QuerySyntaxError(_short(str(e)), source=source, text=text) from None


# ---------------------------------------------------------------------------------------------
# Results

def _short_iri(iri: str) -> str:
    for p, ns in PREFIXES.items():
        if iri.startswith(ns) and re.fullmatch(r"[\w.-]*", iri[len(ns):]):
            return f"{p}:{iri[len(ns):]}"
    return unquote(iri)


def _display(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return _short_iri(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _csv_value(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _tsv_value(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        # TSV results: numbers plain, other literals as in Turtle, with tabs and newlines escaped
        if term.datatype in (XSD.integer, XSD.decimal, XSD.double) and re.fullmatch(r"[-+0-9.eE]+", str(term)):
            return str(term)
        return _sparql_term(term)
    return str(term)


def _json_term(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    d = {"type": "literal", "value": str(term)}
    if term.language:
        d["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        d["datatype"] = str(term.datatype)
    return d


@dataclass
class QueryResult:
    """What a query returned. ``kind`` is "select", "ask" or "graph" (CONSTRUCT and DESCRIBE).

    Iterating gives rows as dicts (SELECT; unbound variables are absent), triples (graph)
    or the single boolean (ASK). Terms are rdflib terms.
    """

    kind: str
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def __iter__(self) -> Iterator:
        if self.kind == "select":
            for r in self.rows:
                yield {v: t for v, t in zip(self.vars, r) if t is not None}
        elif self.kind == "graph":
            yield from self.triples()
        else:
            yield self.boolean

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "graph":
            return len(self.graph)
        return 1

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ask" else len(self) > 0

    def triples(self) -> list[tuple[Node, Node, Node]]:
        return sorted(self.graph) if self.graph is not None else []

    # the table a SELECT or a graph shows as
    def _columns(self) -> tuple[list[str], list[tuple]]:
        if self.kind == "select":
            return self.vars, self.rows
        if self.kind == "graph":
            return ["subject", "predicate", "object"], self.triples()
        return ["boolean"], [(Literal(self.boolean),)]

    def to_csv(self) -> str:
        """SPARQL 1.1 Query Results CSV: plain values, IRIs without brackets."""
        if self.kind == "ask":
            return "true\n" if self.boolean else "false\n"
        cols, rows = self._columns()
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([_csv_value(t) for t in r])
        return buf.getvalue()

    def to_tsv(self) -> str:
        """SPARQL 1.1 Query Results TSV: terms as in Turtle, header ?var."""
        if self.kind == "ask":
            return "true\n" if self.boolean else "false\n"
        cols, rows = self._columns()
        lines = ["\t".join(("?" + c) if self.kind == "select" else c for c in cols)]
        lines += ["\t".join(_tsv_value(t) for t in r) for r in rows]
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON (SELECT, ASK); JSON-LD for graph results."""
        if self.kind == "graph":
            return self.graph.serialize(format="json-ld", context={p: ns for p, ns in PREFIXES.items()}, indent=2)
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": bool(self.boolean)}, indent=2) + "\n"
        bindings = [{v: _json_term(t) for v, t in zip(self.vars, r) if t is not None} for r in self.rows]
        return json.dumps({"head": {"vars": self.vars}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=2) + "\n"

    def to_rdf(self, fmt: str = "turtle") -> str:
        if self.kind != "graph":
            raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE results; use table, csv, tsv or json")
        g = self.graph
        for p, ns in PREFIXES.items():
            g.bind(p, ns, replace=True)
        return g.serialize(format="nt" if fmt == "ntriples" else fmt)

    def to_table(self, title: str | None = None):
        """A rich Table; IRIs shortened with the kg prefixes and percent-decoded for reading."""
        from rich.table import Table

        cols, rows = self._columns()
        table = Table(title=title, show_lines=False)
        for c in cols:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(_display(t) for t in r))
        return table

    def format(self, fmt: str) -> str:
        if fmt == "csv":
            return self.to_csv()
        if fmt == "tsv":
            return self.to_tsv()
        if fmt == "json":
            return self.to_json()
        if fmt in ("turtle", "ntriples"):
            return self.to_rdf(fmt)
        if fmt == "table":
            from rich.console import Console

            console = Console(file=io.StringIO(), width=160, force_terminal=False)
            if self.kind == "ask":
                console.print("true" if self.boolean else "false")
            else:
                console.print(self.to_table())
            return console.file.getvalue()
        raise QueryError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")


# ---------------------------------------------------------------------------------------------
# Running it

_XSD_STRING = str(XSD.string)


def _from_ox(term) -> Node | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value) if dt == _XSD_STRING else Literal(term.value, datatype=URIRef(dt))
    return Literal(str(term))  # RDF-star triple terms: shown as text


def _run_embedded(text: str, form: str, store) -> QueryResult:
    import pyoxigraph as ox

    from .store import GraphStore, StoreError

    gs = store if isinstance(store, GraphStore) else None
    if gs is None:
        try:
            gs = GraphStore(store, read_only=True)
        except StoreError as e:
            raise QueryError(str(e)) from None
    try:  # results are lazy: evaluation errors (a SERVICE that cannot be reached) come while iterating
        res = gs.query(text)
        if isinstance(res, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            rows = [tuple(_from_ox(sol[v]) for v in names) for sol in res]
            return QueryResult("select", vars=names, rows=rows)
        g = Graph()
        for t in res:
            g.add((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)))
        return QueryResult("graph", graph=g)
    except SyntaxError as e:  # checked already; kept for safety
        raise QuerySyntaxError(_short(str(e))) from None
    except (OSError, RuntimeError) as e:
        raise QueryError(f"the embedded store could not run the query: {e}") from None


def endpoint_credentials() -> tuple[str, str] | None:
    """(user, password) from KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD, or None."""
    user = os.environ.get("KG_ENDPOINT_USER")
    if not user:
        return None
    return user, os.environ.get("KG_ENDPOINT_PASSWORD", "")


def redact(url: str) -> str:
    """The URL without user:password@, for messages."""
    return re.sub(r"//[^/]*@", "//", url)  # up to the last @ before the path: passwords may hold @


def _from_json(b: dict) -> Node:
    kind = b.get("type")
    if kind == "uri":
        return URIRef(b["value"])
    if kind == "bnode":
        return BNode(b["value"])
    lang = b.get("xml:lang")
    if lang:
        return Literal(b["value"], lang=lang)
    dt = b.get("datatype")
    if dt and dt != str(XSD.string):
        return Literal(b["value"], datatype=URIRef(dt))
    return Literal(b["value"])


def _server_syntax_error(message: str, source: str, text: str) -> QuerySyntaxError:
    line = re.search(r"line (\d+)", message)
    m = " ".join(message.split())[:300]
    # the kg prefixes sit on line 1 in front of the query text, so line numbers match the file
    return QuerySyntaxError(f"the endpoint refused the query: {m}", int(line.group(1)) if line else None, None,
                            source, "")


def _run_remote(text: str, form: str, endpoint: str, *, source: str, timeout: float | None,
                default_graphs: list[str] | None) -> QueryResult:
    from urllib.error import URLError

    from SPARQLWrapper import DIGEST, JSON, POST, SPARQLWrapper, TURTLE, URLENCODED
    from SPARQLWrapper.SPARQLExceptions import (EndPointInternalError, EndPointNotFound, QueryBadFormed,
                                                SPARQLWrapperException, Unauthorized)

    sw = SPARQLWrapper(endpoint)
    sw.setQuery(with_prefixes(text))
    # SPARQLWrapper guesses the form with a regex that also reads comments ("… or drop the
    # LIMIT" made a SELECT an update); our lexer has found it already
    sw.queryType = form
    sw.setMethod(POST)
    sw.setRequestMethod(URLENCODED)
    sw.setReturnFormat(JSON if form in ("SELECT", "ASK") else TURTLE)
    if timeout:
        sw.setTimeout(int(timeout))
    for g in default_graphs or ():
        sw.addDefaultGraph(g)
    creds = endpoint_credentials()
    if creds:
        sw.setCredentials(*creds)
        if os.environ.get("KG_ENDPOINT_AUTH", "basic").lower() == "digest":
            sw.setHTTPAuth(DIGEST)
    where = redact(endpoint)
    try:
        res = sw.query()
        if form in ("SELECT", "ASK"):
            data = res.convert()
        else:
            body = res.response.read()
            ctype = res.response.headers.get("Content-Type", "text/turtle").split(";")[0].strip()
    except QueryBadFormed as e:
        raise _server_syntax_error(str(e), source, text) from None
    except Unauthorized:
        raise QueryError(f"{where} refused the credentials (set KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD; "
                         "KG_ENDPOINT_AUTH=digest for digest auth)") from None
    except EndPointNotFound:
        raise QueryError(f"no SPARQL endpoint at {where} (404): check the URL, e.g. http://host:7878/query "
                         "for Oxigraph, http://host:8890/sparql for Virtuoso") from None
    except EndPointInternalError as e:
        raise QueryError(f"{where} failed to run the query: {' '.join(str(e).split())[:300]}") from None
    except SPARQLWrapperException as e:
        raise QueryError(f"{where}: {' '.join(str(e).split())[:300]}") from None
    except (URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise QueryError(f"cannot reach the SPARQL endpoint {where}: {reason}") from None
    except (HTTPException, ValueError) as e:  # a malformed endpoint URL (bad port, bad scheme)
        raise QueryError(f"not a usable endpoint URL {where}: {e}; give one like http://host:port/sparql") from None
    if form == "ASK":
        return QueryResult("ask", boolean=bool(data.get("boolean")))
    if form == "SELECT":
        names = list(data["head"].get("vars", []))
        rows = [tuple(_from_json(b[v]) if v in b else None for v in names) for b in data["results"]["bindings"]]
        return QueryResult("select", vars=names, rows=rows)
    g = Graph()
    fmt = {"application/n-triples": "nt", "text/plain": "nt", "application/rdf+xml": "xml",
           "application/ld+json": "json-ld", "text/n3": "n3"}.get(ctype, "turtle")
    try:
        g.parse(data=body, format=fmt)
    except Exception as e:  # noqa: BLE001 (any parser error: report what the server sent)
        raise QueryError(f"{where} sent an RDF answer that does not parse as {fmt}: {e}") from None
    return QueryResult("graph", graph=g)


def query(q: str | Path, store: str | Path | object = "output", endpoint: str | None = None,
          params: Mapping[str, str | Node] | None = None, *, timeout: float | None = None,
          default_graphs: list[str] | None = None) -> QueryResult:
    """Run a SPARQL query (a .rq file or the query text) and return a :class:`QueryResult`.

    ``store`` is the embedded store (its folder, the build's output folder, or a GraphStore);
    with ``endpoint`` the query goes to that SPARQL 1.1 endpoint instead (credentials from
    KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD). ``params`` maps variable names to values
    (see :func:`parse_param`); they are bound by :func:`bind_params`. Raises
    QuerySyntaxError (line, column) for a malformed query and QueryError otherwise.
    """
    text, source = read_query(q)
    form = query_form(text)
    check_syntax(text, source)  # line and column refer to the query as written
    if params:
        text = bind_params(text, params)
        check_syntax(text, source)
    if endpoint:
        return _run_remote(text, form, endpoint, source=source, timeout=timeout, default_graphs=default_graphs)
    return _run_embedded(text, form, store)
